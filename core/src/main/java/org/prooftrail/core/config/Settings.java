package org.prooftrail.core.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Raw configuration: environment variables over an optional properties file named by
 * {@code PT_CONFIG_FILE}. Typed getters validate each value and fail with a {@link ConfigException}
 * naming the variable. Role settings ({@code DatabaseSettings}, {@code MqttSettings}, ...) are built
 * from this and validated once at start.
 */
public final class Settings {
    public static final String CONFIG_FILE = "PT_CONFIG_FILE";

    private final Map<String, String> values;

    private Settings(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    public static Settings of(Map<String, String> values) {
        return new Settings(values);
    }

    /** Environment variables, layered over the file named by PT_CONFIG_FILE when it is set. */
    public static Settings fromEnvironment() {
        return layered(System.getenv());
    }

    static Settings layered(Map<String, String> env) {
        Map<String, String> merged = new HashMap<>();
        String file = env.get(CONFIG_FILE);
        if (file != null && !file.isBlank()) {
            merged.putAll(readProperties(Path.of(file)));
        }
        env.forEach((k, v) -> {
            if (k.startsWith("PT_")) {
                merged.put(k, v);
            }
        });
        return new Settings(merged);
    }

    private static Map<String, String> readProperties(Path file) {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            props.load(reader);
        } catch (IOException e) {
            throw new ConfigException(CONFIG_FILE, "cannot read " + file + " (" + e.getMessage() + ")");
        }
        Map<String, String> map = new HashMap<>();
        props.forEach((k, v) -> map.put(k.toString().trim(), v.toString().trim()));
        return map;
    }

    /** A copy with some values replaced; the demo uses it to point roles at its embedded services. */
    public Settings with(Map<String, String> overrides) {
        Map<String, String> merged = new HashMap<>(values);
        merged.putAll(overrides);
        return new Settings(merged);
    }

    public Optional<String> optional(String name) {
        String v = values.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    public String required(String name, String what) {
        return optional(name).orElseThrow(() -> new ConfigException(name, "is not set; expected " + what));
    }

    public String string(String name, String fallback) {
        return optional(name).orElse(fallback);
    }

    public int integer(String name, int fallback, int min, int max) {
        Optional<String> raw = optional(name);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            int v = Integer.parseInt(raw.get());
            if (v < min || v > max) {
                throw new ConfigException(name, "must be between " + min + " and " + max + ", got " + v);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new ConfigException(name, "must be a whole number, got '" + raw.get() + "'");
        }
    }

    public long whole(String name, long fallback, long min, long max) {
        Optional<String> raw = optional(name);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            long v = Long.parseLong(raw.get());
            if (v < min || v > max) {
                throw new ConfigException(name, "must be between " + min + " and " + max + ", got " + v);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new ConfigException(name, "must be a whole number, got '" + raw.get() + "'");
        }
    }

    /** {@code true} or {@code false} (any case); anything else is refused naming the setting. */
    public boolean flag(String name, boolean fallback) {
        Optional<String> raw = optional(name);
        if (raw.isEmpty()) {
            return fallback;
        }
        return switch (raw.get().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigException(name, "must be true or false, got '" + raw.get() + "'");
        };
    }

    public int port(String name, int fallback) {
        return integer(name, fallback, 0, 65535);
    }

    /** A duration written as ISO-8601 ({@code PT2S}) or a number with a unit: 500ms, 2s, 5m, 1h, 30d. */
    public Duration duration(String name, Duration fallback) {
        Optional<String> raw = optional(name);
        if (raw.isEmpty()) {
            return fallback;
        }
        String s = raw.get().toLowerCase();
        try {
            if (s.startsWith("pt") || s.startsWith("p")) {
                return Duration.parse(s.toUpperCase());
            }
            if (s.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2).trim()));
            }
            long n = Long.parseLong(s.substring(0, s.length() - 1).trim());
            switch (s.charAt(s.length() - 1)) {
                case 's': return Duration.ofSeconds(n);
                case 'm': return Duration.ofMinutes(n);
                case 'h': return Duration.ofHours(n);
                case 'd': return Duration.ofDays(n);
                default: break;
            }
        } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            // fall through to the error below
        }
        throw new ConfigException(name, "must be a duration such as 500ms, 2s, 5m, 8h, 30d or PT2S, got '" + raw.get() + "'");
    }
}
