package org.prooftrail.core.custody;

import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Who may write about whose goods. An event about an organisation's goods counts on their journey,
 * pages and verdict when its writer is the owner, holds a grant of the owner that was not revoked
 * before the event was stored, or holds custody of the goods at the event's time. Custody passes with
 * a counted shipping event to the organisations it names as destinations (by their GLN, {@link PartyGln}):
 * from that event until the next counted shipping event (the custodian shipping them on). Everything
 * else is an unconfirmed claim. Readings of a device count during a span of custody of the device's
 * organisation, or of the owner and those it granted.
 *
 * <p>Pure: the events come in time order, as the journey lists them; the verdict is taken over what counts.
 */
public final class WriteRights {
    /** The rule for a journey whose owner is not known: everything counts (as before the rule). */
    private final boolean open;
    private final String owner;
    private final List<Grant> grants;
    private final BitSet counted = new BitSet();
    /** Who held custody (besides the owner and its grantees) from each counted shipping event on. */
    private final List<Span> spans = new ArrayList<>();

    /** The destinations' GLNs of one counted shipping event, from its time until the next one's. */
    private record Span(Set<String> glns, Instant from, Instant to) {
    }

    private WriteRights(String owner, List<Grant> grants, List<Writing> events) {
        this.open = owner == null;
        this.owner = owner;
        this.grants = List.copyOf(grants);
        Set<String> custodians = Set.of();
        Instant since = null;
        for (int i = 0; i < events.size(); i++) {
            Writing e = events.get(i);
            boolean counts = open || writes(e.org(), e.recordTime())
                    || (e.orgGln() != null && custodians.contains(e.orgGln()));
            if (!counts) {
                continue;
            }
            counted.set(i);
            if (e.shipping()) {
                if (since != null) {
                    spans.add(new Span(custodians, since, e.time()));
                }
                Set<String> next = new HashSet<>();
                for (String d : e.destinations()) {
                    String gln = PartyGln.of(d);
                    if (gln != null) {
                        next.add(gln);
                    }
                }
                custodians = Set.copyOf(next);
                since = e.time();
            }
        }
        if (since != null) {
            spans.add(new Span(custodians, since, Instant.MAX));
        }
    }

    /**
     * @param owner  the goods' owner organisation; null when not known (everything counts)
     * @param grants the owner's grants that cover these goods
     * @param events the events about the goods, in time order
     */
    public static WriteRights of(String owner, List<Grant> grants, List<Writing> events) {
        return new WriteRights(owner, grants, events);
    }

    /** Whether event {@code i} (in the order given) counts; else it is an unconfirmed claim. */
    public boolean counts(int i) {
        return open || counted.get(i);
    }

    /**
     * Whether readings of a device of {@code org} (GLN {@code gln}, may be null) count for the goods
     * while they were at a place from {@code from} to {@code to}: the owner's and its grantees' (a grant
     * revoked before the stay began no longer covers it), and those of an organisation that held custody
     * during the stay.
     */
    public boolean readingsCount(String org, String gln, Instant from, Instant to) {
        if (open || owner.equals(org) || grants.stream().anyMatch(g -> g.covers(org, from))) {
            return true;
        }
        if (gln == null) {
            return false;
        }
        for (Span s : spans) {
            if (s.glns().contains(gln) && s.from().isBefore(to) && s.to().isAfter(from)) {
                return true;
            }
        }
        return false;
    }

    private boolean writes(String org, Instant stored) {
        return owner.equals(org) || grants.stream().anyMatch(g -> g.covers(org, stored));
    }

    /** Whether the events' owner is known, so that the rule applies. */
    public boolean applies() {
        return !open;
    }
}
