package org.prooftrail.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.prooftrail.core.crypto.KeyFiles;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.core.crypto.SigningKey;
import javax.sql.DataSource;
import org.prooftrail.sim.scenario.DrugColdChain;
import org.prooftrail.store.envelopes.DeviceGaps;
import org.prooftrail.store.registry.DeviceRegistry;
import org.prooftrail.store.registry.Organisations;

/**
 * The demo's devices: a drug maker's cold room and reefer trucks, and a farm's field sensor, one per
 * signature algorithm; and the fridge of the pharmacy where the drug-cold-chain scenario's packs wait.
 * Their private keys are kept under the demo's home so that a restarted demo signs with the keys it
 * registered before.
 *
 * <p>The fridge is why the demo's featured pack keeps an honest verdict: the pack sits at the pharmacy
 * until now, and a custody window that no reading covers is "incomplete data", so a sensor must keep
 * watching it, as it would in a real deployment. It reports steadily (no warm spells).
 */
public final class DemoFleet {
    /** Devices that keep within the cold-chain band: the demo's simulation gives them no warm spells. */
    public static final Set<String> STEADY = Set.of("pharmacy-fridge-1");

    private record Spec(String org, String orgName, String device, String kind, SignatureAlgorithm alg, String location) {
    }

    private static final List<Spec> SPECS = List.of(
            new Spec("demo-pharma", "Demo Pharma Co.", "cold-room-1", "sensor", SignatureAlgorithm.EdDSA, null),
            new Spec("demo-pharma", "Demo Pharma Co.", "reefer-truck-7", "gateway", SignatureAlgorithm.ES256, null),
            new Spec("demo-farm", "Demo Rice Farm", "field-sensor-3", "sensor", SignatureAlgorithm.SM2SM3, null),
            new Spec(DrugColdChain.PHARMACY, DrugColdChain.PHARMACY_NAME, "pharmacy-fridge-1", "sensor",
                    SignatureAlgorithm.EdDSA, DrugColdChain.PHARMACY_SITE));

    private DemoFleet() {
    }

    /**
     * Registers the fleet (idempotent) and returns its devices. A device's seqs go on after the highest
     * one stored (a jump would read as lost envelopes); a new device starts at the current time in
     * milliseconds.
     */
    public static List<SimDevice> register(DataSource db, Path keyDir) throws SQLException, IOException {
        Files.createDirectories(keyDir);
        Organisations orgs = new Organisations(db);
        DeviceRegistry registry = new DeviceRegistry(db);
        List<SimDevice> devices = new ArrayList<>();
        DeviceGaps stored = new DeviceGaps(db);
        long now = System.currentTimeMillis();
        for (Spec s : SPECS) {
            SigningKey key = loadOrCreate(keyDir.resolve(s.device() + ".pem"), s.alg());
            Long max = stored.of(s.device(), Long.MAX_VALUE, 1).maxSeq();
            SimDevice d = new SimDevice(s.org(), s.device(), s.device() + "-k1", key, max == null ? now : max + 1);
            orgs.ensure(s.org(), s.orgName());
            registry.registerDevice(s.org(), s.device(), s.kind(), null, s.location());
            registry.addKey(s.device(), d.kid(), s.alg().jwsName(), d.publicKeyPem());
            devices.add(d);
        }
        return devices;
    }

    private static SigningKey loadOrCreate(Path file, SignatureAlgorithm alg) throws IOException {
        if (Files.exists(file)) {
            return KeyFiles.readPrivate(file);
        }
        SigningKey key = SigningKey.generate(alg);
        KeyFiles.writePrivate(file, key);
        return key;
    }
}
