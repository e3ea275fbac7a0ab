package org.prooftrail.api.console;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.prooftrail.api.page.Html;
import org.prooftrail.core.auth.PasswordHashing;
import org.prooftrail.store.accounts.Account;
import org.prooftrail.store.accounts.Accounts;
import org.prooftrail.store.accounts.ConsoleSessions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signing in and out. A wrong password counts against the account; {@link ConsoleSettings#maxFailures()}
 * in a row lock it for {@link ConsoleSettings#lockout()} (even the right password is refused meanwhile, so
 * guessing gains nothing). An unknown or disabled account costs the same password check as a real one and
 * gets the same answer, so the form does not tell which accounts exist. Each sign-in starts a new session
 * with its own CSRF token; the sign-in form itself carries a token tied to a cookie, so no other site can
 * sign a browser in to an account of its choosing.
 */
final class SignIn {
    private static final Logger LOG = LoggerFactory.getLogger(SignIn.class);
    static final String PATH = "/console/sign-in";
    private static final String FORM_COOKIE = "pt_signin";

    private final Accounts accounts;
    private final ConsoleSessions sessions;
    private final ConsoleSettings settings;
    private final SessionCookie cookie;
    private final Layout layout;
    private final ConsoleApi api;
    private final WorkerExecutor workers;
    private final MeterRegistry metrics;
    private final org.prooftrail.api.limits.PublicRateLimit limit;
    private volatile String decoyHash;
    private volatile OidcSignIn external;

    SignIn(Accounts accounts, ConsoleSessions sessions, ConsoleSettings settings, Layout layout, ConsoleApi api,
           WorkerExecutor workers, MeterRegistry metrics, org.prooftrail.api.limits.PublicRateLimit limit) {
        this.limit = limit;
        this.accounts = accounts;
        this.sessions = sessions;
        this.settings = settings;
        this.cookie = new SessionCookie(settings);
        this.layout = layout;
        this.api = api;
        this.workers = workers;
        this.metrics = metrics;
    }

    /** Offers signing in through an external provider on the form, next to the password. */
    void offer(OidcSignIn provider) {
        this.external = provider;
    }

    enum Outcome { OK, WRONG, LOCKED }

    void showForm(RoutingContext ctx) {
        form(ctx, 200, null);
    }

    private void form(RoutingContext ctx, int status, String problem) {
        Lang lang = Lang.of(ctx);
        String formToken = SessionCookie.randomToken();
        ctx.response().addCookie(cookie.shaped(ctx, Cookie.cookie(FORM_COOKIE, formToken)).setMaxAge(3600));
        String next = safeNext(ctx.request().getParam("next"));
        StringBuilder b = new StringBuilder();
        if (!api.available()) {
            b.append("<p class=\"problem\">").append(Html.esc(lang.pick(
                    "Console accounts cannot sign in: this server has no shared token secret (PT_JWT_SECRET).",
                    "控制台账户无法登录：此服务器未配置令牌共享密钥（PT_JWT_SECRET）。"))).append("</p>");
        }
        if (problem != null) {
            b.append("<p class=\"problem\" role=\"alert\">").append(Html.esc(problem)).append("</p>");
        }
        b.append("<form class=\"stack\" method=\"post\" action=\"").append(PATH).append("\">")
                .append("<input type=\"hidden\" name=\"_form\" value=\"").append(formToken).append("\">")
                .append("<input type=\"hidden\" name=\"next\" value=\"").append(Html.esc(next)).append("\">")
                .append("<label for=\"username\">").append(lang.pick("Username", "用户名"))
                .append("<input id=\"username\" name=\"username\" autocomplete=\"username\" required autofocus></label>")
                .append("<label for=\"password\">").append(lang.pick("Password", "密码"))
                .append("<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required></label>")
                .append("<button type=\"submit\">").append(lang.pick("Sign in", "登录")).append("</button></form>");
        if (external != null) {
            b.append(external.button(lang, next));
        }
        layout.headers(ctx.response()).setStatusCode(status)
                .end(layout.page(null, lang, PATH, lang.pick("Sign in", "登录"), null, b.toString()));
    }

    void submit(RoutingContext ctx) {
        Lang lang = Lang.of(ctx);
        Cookie formCookie = ctx.request().getCookie(FORM_COOKIE);
        String formToken = ctx.request().getFormAttribute("_form");
        if (formCookie == null || formToken == null || !MessageDigest.isEqual(
                formCookie.getValue().getBytes(StandardCharsets.UTF_8), formToken.getBytes(StandardCharsets.UTF_8))) {
            count("form");
            form(ctx, 403, lang.pick("The sign-in form expired or came from elsewhere; please sign in again.",
                    "登录表单已过期或来源不明，请重新登录。"));
            return;
        }
        long wait = limit.take(ctx);
        if (wait > 0) {
            count("rate-limited");
            ctx.response().putHeader("retry-after", Long.toString(wait));
            form(ctx, 429, lang.pick("Too many sign-in attempts from your address; try again in " + wait + " s.",
                    "您所在地址的登录尝试过多，请 " + wait + " 秒后再试。"));
            return;
        }
        String username = ctx.request().getFormAttribute("username");
        String password = ctx.request().getFormAttribute("password");
        if (username == null || username.isBlank() || password == null || password.isEmpty() || password.length() > 200) {
            form(ctx, 400, lang.pick("Enter your username and password.", "请输入用户名和密码。"));
            return;
        }
        String name = username.trim().toLowerCase(Locale.ROOT);
        String next = safeNext(ctx.request().getFormAttribute("next"));
        workers.<Object[]>executeBlocking(() -> check(name, password.toCharArray()), false).onSuccess(r -> {
            Outcome outcome = (Outcome) r[0];
            count(outcome.name().toLowerCase(Locale.ROOT));
            LOG.info("console sign-in of '{}' from {}: {}", name, ctx.request().remoteAddress(), outcome);
            switch (outcome) {
                case OK -> {
                    cookie.set(ctx, (String) r[1], settings.sessionTtl());
                    ctx.response().addCookie(cookie.shaped(ctx, Cookie.cookie(FORM_COOKIE, "")).setMaxAge(0));
                    ctx.response().setStatusCode(303).putHeader("location", next).end();
                }
                case LOCKED -> form(ctx, 429, lang.pick(
                        "This account is locked after repeated wrong passwords. Try again later, or ask an admin to unlock it.",
                        "多次密码错误，此账户已被锁定。请稍后再试，或请管理员解锁。"));
                default -> form(ctx, 401, lang.pick("Wrong username or password.", "用户名或密码错误。"));
            }
        }).onFailure(e -> {
            LOG.error("console sign-in failed", e);
            form(ctx, 500, lang.pick("Signing in failed on the server; try again.", "服务器登录出错，请重试。"));
        });
    }

    /** Runs on a worker: the password check (about 50 ms of Argon2id) and the account's bookkeeping. */
    private Object[] check(String username, char[] password) throws Exception {
        Instant now = Instant.now();
        Optional<Account> found = accounts.find(username);
        if (found.isEmpty() || found.get().disabled()) {
            PasswordHashing.verify(password, decoy());
            return new Object[] {Outcome.WRONG};
        }
        Account a = found.get();
        if (a.lockedUntil() != null && a.lockedUntil().isAfter(now)) {
            return new Object[] {Outcome.LOCKED};
        }
        if (!PasswordHashing.verify(password, a.passwordHash())) {
            Account after = accounts.recordFailure(username, settings.maxFailures(), settings.lockout(), now);
            boolean locked = after != null && after.lockedUntil() != null && after.lockedUntil().isAfter(now);
            return new Object[] {locked ? Outcome.LOCKED : Outcome.WRONG};
        }
        accounts.recordSuccess(username, now);
        String value = SessionCookie.randomToken();
        sessions.create(SessionCookie.hash(value), username, SessionCookie.randomToken(), now.plus(settings.sessionTtl()));
        return new Object[] {Outcome.OK, value};
    }

    private String decoy() {
        String h = decoyHash;
        if (h == null) {
            h = PasswordHashing.hash(SessionCookie.randomToken().toCharArray());
            decoyHash = h;
        }
        return h;
    }

    void signOut(RoutingContext ctx) {
        String value = SessionCookie.read(ctx);
        cookie.clear(ctx);
        if (value == null) {
            ctx.response().setStatusCode(303).putHeader("location", PATH).end();
            return;
        }
        workers.executeBlocking(() -> {
            sessions.delete(SessionCookie.hash(value));
            return null;
        }, false).onComplete(ar -> ctx.response().setStatusCode(303).putHeader("location", PATH).end());
    }

    /** Only a path inside the console: a sign-in must not send anyone to another site. */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/console/") || next.startsWith("//") || next.contains("\\")
                || next.contains("://") || next.length() > 2000 || next.startsWith(PATH)) {
            return "/console/";
        }
        return next;
    }

    private void count(String outcome) {
        Counter.builder("pt_console_sign_ins_total").tag("outcome", outcome).register(metrics).increment();
    }
}
