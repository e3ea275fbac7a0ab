package org.prooftrail.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.prooftrail.core.crypto.KeyFiles;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.core.crypto.SigningKey;
import javax.sql.DataSource;
import org.prooftrail.store.registry.DeviceRegistry;
import org.prooftrail.store.registry.Organisations;

/**
 * The demo's devices: a drug maker's cold room and reefer trucks, and a farm's field sensor, one per
 * signature algorithm. Their private keys are kept under the demo's home so that a restarted demo
 * signs with the keys it registered before.
 */
public final class DemoFleet {
    private record Spec(String org, String orgName, String device, String kind, SignatureAlgorithm alg) {
    }

    private static final List<Spec> SPECS = List.of(
            new Spec("demo-pharma", "Demo Pharma Co.", "cold-room-1", "sensor", SignatureAlgorithm.EdDSA),
            new Spec("demo-pharma", "Demo Pharma Co.", "reefer-truck-7", "gateway", SignatureAlgorithm.ES256),
            new Spec("demo-farm", "Demo Rice Farm", "field-sensor-3", "sensor", SignatureAlgorithm.SM2SM3));

    private DemoFleet() {
    }

    /**
     * Registers the fleet (idempotent) and returns its devices. Sequence numbers start at the current
     * time in milliseconds, so they keep growing across restarts without remembering the last one.
     */
    public static List<SimDevice> register(DataSource db, Path keyDir) throws SQLException, IOException {
        Files.createDirectories(keyDir);
        Organisations orgs = new Organisations(db);
        DeviceRegistry registry = new DeviceRegistry(db);
        List<SimDevice> devices = new ArrayList<>();
        long firstSeq = System.currentTimeMillis();
        for (Spec s : SPECS) {
            SigningKey key = loadOrCreate(keyDir.resolve(s.device() + ".pem"), s.alg());
            SimDevice d = new SimDevice(s.org(), s.device(), s.device() + "-k1", key, firstSeq);
            orgs.ensure(s.org(), s.orgName());
            registry.registerDevice(s.org(), s.device(), s.kind());
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
