package org.prooftrail.api.console;

import java.time.Duration;
import org.prooftrail.core.config.Settings;

/**
 * How the console signs people in.
 *
 * @param sessionTtl   how long a sign-in lasts ({@code PT_CONSOLE_SESSION_TTL}, default 8 h: a working day)
 * @param maxFailures  wrong passwords in a row that lock an account ({@code PT_CONSOLE_MAX_FAILURES}, default 5)
 * @param lockout      how long a locked account stays locked ({@code PT_CONSOLE_LOCKOUT}, default 15 min)
 * @param secureCookie {@code auto} (default): the session cookie is marked Secure when the request came over
 *                     HTTPS (directly or as an Ingress says with X-Forwarded-Proto); {@code true}: always
 *                     ({@code PT_CONSOLE_SECURE_COOKIE})
 */
public record ConsoleSettings(Duration sessionTtl, int maxFailures, Duration lockout, String secureCookie) {
    public static final String SESSION_TTL = "PT_CONSOLE_SESSION_TTL";
    public static final String MAX_FAILURES = "PT_CONSOLE_MAX_FAILURES";
    public static final String LOCKOUT = "PT_CONSOLE_LOCKOUT";
    public static final String SECURE_COOKIE = "PT_CONSOLE_SECURE_COOKIE";

    public static ConsoleSettings from(Settings s) {
        String secure = s.string(SECURE_COOKIE, "auto");
        if (!secure.equals("auto") && !secure.equals("true")) {
            throw new org.prooftrail.core.config.ConfigException(SECURE_COOKIE, "must be auto or true, got '" + secure + "'");
        }
        return new ConsoleSettings(s.duration(SESSION_TTL, Duration.ofHours(8)),
                s.integer(MAX_FAILURES, 5, 1, 100), s.duration(LOCKOUT, Duration.ofMinutes(15)), secure);
    }
}
