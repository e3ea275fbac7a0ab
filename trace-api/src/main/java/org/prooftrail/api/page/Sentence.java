package org.prooftrail.api.page;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A sentence of {@link PageText} with its placeholders ({@code %s}, {@code %d}, or numbered as
 * {@code %2$s}) filled with markup by appending: what {@code String.format} and an escape of the
 * whole would make, without parsing the pattern on every page (a sentence on every page, a measurable
 * share of its rendering). Its own words are escaped for HTML once.
 */
final class Sentence {
    private static final Pattern PLACEHOLDER = Pattern.compile("%(?:(\\d)\\$)?[sd]");

    private final String[] words;
    private final int[] args;

    private Sentence(String[] words, int[] args) {
        this.words = words;
        this.args = args;
    }

    /** @throws IllegalArgumentException for a pattern with anything but these placeholders */
    static Sentence of(String pattern) {
        List<String> words = new ArrayList<>();
        List<Integer> args = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(pattern);
        int at = 0;
        int next = 0;
        while (m.find()) {
            words.add(escaped(pattern.substring(at, m.start())));
            args.add(m.group(1) != null ? Integer.parseInt(m.group(1)) - 1 : next++);
            at = m.end();
        }
        words.add(escaped(pattern.substring(at)));
        return new Sentence(words.toArray(String[]::new), args.stream().mapToInt(Integer::intValue).toArray());
    }

    private static String escaped(String words) {
        if (words.indexOf('%') >= 0) {
            throw new IllegalArgumentException("only %s, %d and %N$s placeholders are filled here: " + words);
        }
        return Html.esc(words);
    }

    /** The sentence with {@code markup[i]} in place of argument i (not escaped: it is markup already). */
    StringBuilder fill(StringBuilder b, String... markup) {
        for (int i = 0; i < args.length; i++) {
            b.append(words[i]).append(markup[args[i]]);
        }
        return b.append(words[args.length]);
    }
}
