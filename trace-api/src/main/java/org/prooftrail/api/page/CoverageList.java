package org.prooftrail.api.page;

import java.util.List;
import org.prooftrail.api.provenance.Provenance;
import org.prooftrail.core.coldchain.Coverage;
import org.prooftrail.core.coldchain.SeqGap;
import org.prooftrail.core.coldchain.Uncovered;

/**
 * The verdict's missing data on the consumer page: the stretches no reading covers and the sensor
 * records that never arrived, with places by name and times in the page's local offsets.
 */
final class CoverageList {
    /** Listed on the page; the rest are counted (the JSON lists more). */
    static final int LISTED = 10;

    private CoverageList() {
    }

    static void render(StringBuilder b, PageText t, Provenance p) {
        Coverage c = p.verdict().coverage();
        if (!c.uncovered().isEmpty()) {
            b.append("<h3>").append(Html.esc(t.get("uncovered"))).append("</h3><ul class=\"exc\" id=\"pt-uncovered\">");
            for (Uncovered u : c.uncovered().subList(0, Math.min(LISTED, c.uncovered().size()))) {
                b.append("<li>").append(ConsumerPage.time(u.from(), ConsumerPage.zoneAt(p, u.from()))).append(" – ")
                        .append(ConsumerPage.time(u.to(), ConsumerPage.zoneAt(p, u.to()))).append(" · ")
                        .append(Html.esc(ConsumerPage.minutes(u.duration().toSeconds()))).append(' ')
                        .append(Html.esc(t.get("duration"))).append(" · ").append(ConsumerPage.place(p, u.location()))
                        .append("</li>");
            }
            more(b, t, c.uncovered());
            b.append("</ul>");
        }
        if (!c.seqGaps().isEmpty()) {
            b.append("<h3>").append(Html.esc(t.get("seqGaps"))).append("</h3><ul class=\"exc\" id=\"pt-seq-gaps\">");
            for (SeqGap g : c.seqGaps().subList(0, Math.min(LISTED, c.seqGaps().size()))) {
                String range = g.fromSeq() == g.toSeq() ? Long.toString(g.fromSeq()) : g.fromSeq() + "–" + g.toSeq();
                // the times are markup, the sentence around them text: escape first, then put them in
                String between = Html.esc(t.format("between", "\u0001", "\u0002"))
                        .replace("\u0001", ConsumerPage.time(g.after(), ConsumerPage.zoneAt(p, g.after())))
                        .replace("\u0002", ConsumerPage.time(g.before(), ConsumerPage.zoneAt(p, g.before())));
                b.append("<li>").append(Html.esc(g.device())).append(" · ").append(Html.esc(t.format("seqRange", range)))
                        .append(" · ").append(between).append(" · ").append(ConsumerPage.place(p, g.location())).append("</li>");
            }
            more(b, t, c.seqGaps());
            b.append("</ul>");
        }
    }

    private static void more(StringBuilder b, PageText t, List<?> all) {
        if (all.size() > LISTED) {
            b.append("<li>").append(Html.esc(t.format("more", all.size() - LISTED))).append("</li>");
        }
    }
}
