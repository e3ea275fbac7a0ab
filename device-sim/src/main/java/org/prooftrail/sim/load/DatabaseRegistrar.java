package org.prooftrail.sim.load;

import java.util.List;
import javax.sql.DataSource;
import org.prooftrail.sim.SimDevice;
import org.prooftrail.store.registry.DeviceRegistry;
import org.prooftrail.store.registry.Organisations;

/** Registers straight into the database: for load runs by an operator who holds its credentials. */
public final class DatabaseRegistrar implements Registrar {
    private final Organisations orgs;
    private final DeviceRegistry registry;

    public DatabaseRegistrar(DataSource db) {
        this.orgs = new Organisations(db);
        this.registry = new DeviceRegistry(db);
    }

    @Override
    public void register(String org, String orgName, List<SimDevice> devices) throws Exception {
        orgs.ensure(org, orgName);
        for (SimDevice d : devices) {
            registry.registerDevice(org, d.id(), "sensor");
            registry.addKey(d.id(), d.kid(), d.key().algorithm().jwsName(), d.publicKeyPem());
        }
    }
}
