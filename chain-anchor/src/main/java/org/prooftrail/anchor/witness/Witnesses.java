package org.prooftrail.anchor.witness;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.prooftrail.anchor.checkpoint.CosignerKey;
import org.prooftrail.anchor.checkpoint.WitnessPolicy;
import org.prooftrail.core.config.ConfigException;
import org.prooftrail.core.config.Settings;

/**
 * The witnesses the anchorer asks to cosign each checkpoint and how many must (the quorum). None
 * and quorum 0 (the default) publishes every checkpoint at once, as without witnesses.
 */
public record Witnesses(List<WitnessEndpoint> endpoints, int quorum, Duration timeout) {
    public static final String LIST = "PT_WITNESSES";
    public static final String QUORUM = "PT_WITNESS_QUORUM";
    public static final String TIMEOUT = "PT_WITNESS_TIMEOUT";
    public static final Witnesses NONE = new Witnesses(List.of(), 0, Duration.ofSeconds(5));

    public Witnesses {
        endpoints = List.copyOf(endpoints);
        if (quorum < 0 || quorum > endpoints.size()) {
            throw new IllegalArgumentException("a quorum of " + quorum + " cannot be met by " + endpoints.size() + " witnesses");
        }
    }

    /**
     * {@code PT_WITNESSES}: comma-separated entries {@code <submission URL> <verifier key> [display name]};
     * the display name is the rest of the entry and may hold spaces (not commas).
     */
    public static Witnesses from(Settings s) {
        List<WitnessEndpoint> list = new ArrayList<>();
        for (String entry : s.string(LIST, "").split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] parts = entry.trim().split("\\s+", 3);
            if (parts.length < 2 || !(parts[0].startsWith("http://") || parts[0].startsWith("https://"))) {
                throw new ConfigException(LIST, "each witness is '<http(s) URL> <verifier key> [display name]', got '" + entry.trim() + "'");
            }
            try {
                list.add(new WitnessEndpoint(URI.create(parts[0]), CosignerKey.parse(parts[1]), parts.length == 3 ? parts[2] : null));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(LIST, e.getMessage());
            }
        }
        int quorum = s.integer(QUORUM, list.isEmpty() ? 0 : (list.size() / 2) + 1, 0, list.size());
        return new Witnesses(list, quorum, s.duration(TIMEOUT, Duration.ofSeconds(5)));
    }

    public WitnessPolicy policy() {
        return new WitnessPolicy(endpoints.stream().map(WitnessEndpoint::key).toList(), quorum);
    }

    /** Each witness's display name by its key name, in configuration order. */
    public Map<String, String> displayNames() {
        Map<String, String> names = new LinkedHashMap<>();
        endpoints.forEach(e -> names.put(e.name(), e.displayName()));
        return names;
    }

    /** True when checkpoints must wait for cosignatures before they are published. */
    public boolean required() {
        return quorum > 0;
    }
}
