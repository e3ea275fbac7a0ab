package org.prooftrail.sim.load;

import java.util.List;
import org.prooftrail.sim.SimDevice;

/** Makes the simulator's organisation and devices known before they publish. */
public interface Registrar {
    void register(String org, String orgName, List<SimDevice> devices) throws Exception;
}
