package org.prooftrail.sim.scenario;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** A supply chain the simulator plays through the API and MQTT. */
public interface Scenario {
    /**
     * What a run produced, for the operator to open.
     *
     * @param itemPaths  Digital Link paths of some items, to open on the resolver
     * @param tracePaths API paths of traces a regulator would run
     */
    record Outcome(String scenario, int envelopes, List<String> itemPaths, List<String> tracePaths) {
    }

    Outcome run(ScenarioRun run) throws Exception;

    /** The scenario called {@code drug-cold-chain} or {@code farm-to-shelf}. */
    static Optional<Scenario> named(String name, int packs, double excursionProbability) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "drug-cold-chain" -> Optional.of(new DrugColdChain(packs, excursionProbability));
            case "farm-to-shelf" -> Optional.of(new FarmToShelf(packs));
            default -> Optional.empty();
        };
    }
}
