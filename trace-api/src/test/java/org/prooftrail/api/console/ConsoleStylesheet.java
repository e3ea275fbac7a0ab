package org.prooftrail.api.console;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The console's stylesheet as rules, read just enough to answer "which colour does this selector's
 * property resolve to": selector lists, declarations, {@code @media} blocks flattened in source order,
 * {@code var(--name)} resolved from {@code :root}. Only opaque hex colours are understood; anything
 * else is refused, so a colour the contrast check cannot judge fails loudly instead of passing.
 */
final class ConsoleStylesheet {
    static final String RESOURCE = "/console/console.css";
    private static final Pattern COLOUR = Pattern.compile("#[0-9a-fA-F]{3}\\b|#[0-9a-fA-F]{6}\\b|var\\(--[\\w-]+\\)");

    /** One property as one rule declares it. */
    record Declaration(List<String> selectors, String property, String value) {
    }

    private final List<Declaration> declarations = new ArrayList<>();
    private final Map<String, String> custom = new LinkedHashMap<>();
    private final Set<Declaration> consulted = new LinkedHashSet<>();

    private ConsoleStylesheet(String css) {
        read(css.replaceAll("(?s)/\\*.*?\\*/", ""));
        for (Declaration d : declarations) {
            if (d.selectors().contains(":root") && d.property().startsWith("--")) {
                custom.put(d.property(), d.value());
            }
        }
    }

    static ConsoleStylesheet load() throws IOException {
        try (InputStream in = ConsoleStylesheet.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException(RESOURCE + " is not on the classpath");
            }
            return new ConsoleStylesheet(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private void read(String css) {
        int at = 0;
        while (true) {
            int open = css.indexOf('{', at);
            if (open < 0) {
                return;
            }
            String prelude = css.substring(at, open).trim();
            int close = matching(css, open);
            String block = css.substring(open + 1, close);
            if (prelude.startsWith("@")) {
                read(block);
            } else {
                List<String> selectors = new ArrayList<>();
                for (String s : prelude.split(",")) {
                    selectors.add(s.trim().replaceAll("\\s+", " "));
                }
                for (String d : block.split(";")) {
                    int colon = d.indexOf(':');
                    if (colon > 0) {
                        declarations.add(new Declaration(List.copyOf(selectors), d.substring(0, colon).trim(),
                                d.substring(colon + 1).trim()));
                    }
                }
            }
            at = close + 1;
        }
    }

    private static int matching(String css, int open) {
        int depth = 0;
        for (int i = open; i < css.length(); i++) {
            if (css.charAt(i) == '{') {
                depth++;
            } else if (css.charAt(i) == '}' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalStateException("unbalanced braces in " + RESOURCE);
    }

    /** The value of a custom property, e.g. {@code --ink}, as a hex colour. */
    String variable(String name) {
        String v = custom.get(name);
        if (v == null) {
            throw new IllegalArgumentException(RESOURCE + " declares no " + name + " in :root");
        }
        return hex(v, name);
    }

    /**
     * The hex colour that the last rule listing exactly {@code selector} gives {@code property} (for
     * shorthands such as {@code outline: 3px solid #c00} the colour part).
     */
    String colour(String selector, String property) {
        Declaration found = null;
        for (Declaration d : declarations) {
            if (d.property().equals(property) && d.selectors().contains(selector)) {
                found = d;
            }
        }
        if (found == null) {
            throw new IllegalArgumentException(RESOURCE + " has no rule for " + selector + " setting " + property);
        }
        consulted.add(found);
        return hex(found.value(), selector + " { " + property + " }");
    }

    private String hex(String value, String where) {
        Matcher m = COLOUR.matcher(value);
        if (!m.find()) {
            throw new IllegalArgumentException(where + ": no hex colour or var() in '" + value + "'");
        }
        String c = m.group();
        return c.startsWith("var(") ? variable(c.substring(4, c.length() - 1)) : c;
    }

    /** Declarations of these properties that name a colour, in source order (custom properties aside). */
    List<Declaration> colourDeclarations(Set<String> properties) {
        return declarations.stream().filter(d -> properties.contains(d.property()))
                .filter(d -> COLOUR.matcher(d.value()).find()).toList();
    }

    /** Every declaration that {@link #colour} has answered from so far. */
    Set<Declaration> consulted() {
        return consulted;
    }
}
