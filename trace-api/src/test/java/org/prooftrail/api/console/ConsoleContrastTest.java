package org.prooftrail.api.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every pair of colours the console draws one on the other, read from its stylesheet on the classpath,
 * meets WCAG 2.x contrast: 4.5:1 for text (none of the pairs below is large text: the console's body
 * is 15 px and its bold is 600 at 15 px, under 18.66 px bold), 3:1 for what identifies a control or a
 * graph's parts and for the focus indicator (1.4.11). The console's pages use no other stylesheet.
 */
class ConsoleContrastTest {
    private static final double TEXT = 4.5;
    private static final double NON_TEXT = 3.0;

    /** A colour the stylesheet gives a selector's property. */
    private record Side(String selector, String property) {
        @Override
        public String toString() {
            return selector + " { " + property + " }";
        }
    }

    private record Pair(String name, Side foreground, Side background, double needed) {
    }

    private static Side at(String selector, String property) {
        return new Side(selector, property);
    }

    private static final Side PAGE = at("body", "background");
    private static final Side HEADER = at("header", "background");
    private static final Side BODY_TEXT = at("body", "color");
    private static final Side LINK = at("a", "color");
    private static final Side FOCUS = at("a:focus", "outline");
    private static final List<Side> TRACE_NODES = List.of(at(".trace-node rect", "fill"), at(".trace-lot rect", "fill"),
            at(".trace-item rect", "fill"), at(".trace-container rect", "fill"), at(".trace-shipment rect", "fill"),
            at(".trace-receiver rect", "fill"), at(".trace-input rect", "fill"));

    private static List<Pair> pairs() {
        List<Pair> p = new ArrayList<>(List.of(
                new Pair("body text on the page", BODY_TEXT, PAGE, TEXT),
                new Pair("muted text (.muted) on the page and in table cells", at(".muted", "color"), PAGE, TEXT),
                new Pair("hints under field labels", at("label span.hint", "color"), PAGE, TEXT),
                new Pair("alert detail terms", at("dl.alert-details dt", "color"), PAGE, TEXT),
                new Pair("links on the page", LINK, PAGE, TEXT),
                new Pair("the skip link on its focus box", LINK, at(".skip:focus", "background"), TEXT),
                new Pair("the brand on the header bar", at(".brand", "color"), HEADER, TEXT),
                new Pair("the brand's 'console' on the header bar", at(".brand span", "color"), HEADER, TEXT),
                new Pair("who is signed in, on the header bar", at(".who", "color"), HEADER, TEXT),
                new Pair("menu and language links on the header bar", LINK, HEADER, TEXT),
                new Pair("table header text", BODY_TEXT, at("th", "background"), TEXT),
                new Pair("primary button text", at("button", "color"), at("button", "background"), TEXT),
                new Pair("link styled as a button", at(".button", "color"), at(".button", "background"), TEXT),
                new Pair("secondary button text", at("button.secondary", "color"), at("button.secondary", "background"), TEXT),
                new Pair("danger button text", at("button", "color"), at("button.danger", "background"), TEXT),
                new Pair(".flash text", BODY_TEXT, at(".flash", "background"), TEXT),
                new Pair(".problem text", BODY_TEXT, at(".problem", "background"), TEXT),
                new Pair(".bad text on the page", at(".bad", "color"), PAGE, TEXT),
                new Pair(".good text on the page", at(".good", "color"), PAGE, TEXT),
                new Pair("trace graph column heads", at(".trace-head", "fill"), PAGE, TEXT),
                new Pair("trace graph 'more' note", at(".trace-more text", "fill"), PAGE, TEXT),
                new Pair("focus outline on the page", FOCUS, PAGE, NON_TEXT),
                new Pair("focus outline on the header bar", FOCUS, HEADER, NON_TEXT),
                new Pair("field borders", at("input", "border"), PAGE, NON_TEXT),
                new Pair("trace node borders", at(".trace-node rect", "stroke"), PAGE, NON_TEXT),
                new Pair("trace links between nodes", at(".trace-link", "stroke"), PAGE, NON_TEXT),
                new Pair("trace 'more' box border", at(".trace-more rect", "stroke"), PAGE, NON_TEXT),
                new Pair("searched trace node's border on the page", at(".trace-start rect", "stroke"), PAGE, NON_TEXT),
                new Pair("focused trace node's ring on the page", at("a:focus .trace-node rect", "stroke"), PAGE, NON_TEXT)));
        for (Side node : TRACE_NODES) {
            p.add(new Pair("trace node label on " + node.selector(), at(".trace-node .trace-label", "fill"), node, TEXT));
            p.add(new Pair("trace node detail on " + node.selector(), at(".trace-node .trace-sub", "fill"), node, TEXT));
            p.add(new Pair("searched trace node's border on " + node.selector(), at(".trace-start rect", "stroke"), node, NON_TEXT));
            p.add(new Pair("focused trace node's ring on " + node.selector(), at("a:focus .trace-node rect", "stroke"), node, NON_TEXT));
        }
        return p;
    }

    @Test
    void theContrastFormulaGivesWcagsKnownValues() {
        assertEquals(21.0, WcagContrast.ratio("#000", "#fff"), 1e-9);
        assertEquals(1.0, WcagContrast.ratio("#0b5cad", "#0b5cad"), 1e-9);
        // the grey that is widely quoted as the lightest passing 4.5:1 on white, and the next lighter one
        assertEquals(4.54, WcagContrast.ratio("#767676", "#ffffff"), 0.005);
        assertTrue(WcagContrast.ratio("#777777", "#ffffff") < 4.5);
        assertEquals(WcagContrast.ratio("#fff", "#a4000f"), WcagContrast.ratio("#a4000f", "#fff"), 1e-12);
    }

    @Test
    void everyColourPairTheConsoleDrawsMeetsWcagContrast() throws Exception {
        ConsoleStylesheet css = ConsoleStylesheet.load();
        List<String> failures = new ArrayList<>();
        for (Pair p : pairs()) {
            String fg = css.colour(p.foreground().selector(), p.foreground().property());
            String bg = css.colour(p.background().selector(), p.background().property());
            double ratio = WcagContrast.ratio(fg, bg);
            if (ratio < p.needed()) {
                failures.add(String.format("%s: %s %s on %s %s is %.2f:1, needs %.1f:1", p.name(), p.foreground(), fg,
                        p.background(), bg, ratio, p.needed()));
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    /** A colour added to the stylesheet without a pair above would go unchecked: each one must be in a pair. */
    @Test
    void everyColourInTheStylesheetIsInACheckedPair() throws Exception {
        ConsoleStylesheet css = ConsoleStylesheet.load();
        for (Pair p : pairs()) {
            Stream.of(p.foreground(), p.background()).forEach(s -> css.colour(s.selector(), s.property()));
        }
        // borders in --line and the flash/problem bars beside their text are decoration, not controls
        List<ConsoleStylesheet.Declaration> unchecked = css.colourDeclarations(
                        Set.of("color", "background", "background-color", "fill", "stroke", "outline")).stream()
                .filter(d -> !css.consulted().contains(d)).toList();
        assertTrue(unchecked.isEmpty(), "colours no pair checks: " + unchecked);
    }
}
