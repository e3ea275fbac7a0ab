package org.prooftrail.api.console;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.Cookie;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.oauth2.OAuth2Auth;
import io.vertx.ext.auth.oauth2.OAuth2AuthorizationURL;
import io.vertx.ext.auth.oauth2.OAuth2FlowType;
import io.vertx.ext.auth.oauth2.OAuth2Options;
import io.vertx.ext.auth.oauth2.Oauth2Credentials;
import io.vertx.ext.auth.oauth2.providers.OpenIDConnectAuth;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.page.Html;
import org.prooftrail.store.accounts.Accounts;
import org.prooftrail.store.accounts.ConsoleSessions;
import org.prooftrail.store.accounts.ExternalAccounts;
import org.prooftrail.store.accounts.ExternalAccounts.ExternalAccount;
import org.prooftrail.store.accounts.ExternalAccounts.PendingLogin;
import org.prooftrail.store.registry.Organisations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signing in through an external OpenID Connect provider ({@link ConsoleOidcSettings}): the authorization
 * code flow with PKCE (S256), a {@code state} bound to the browser by a short-lived HttpOnly cookie and
 * kept server-side to be used once, and a {@code nonce} the ID token must carry back. The ID token's
 * signature (the provider's JWKS), issuer and audience are checked by Vert.x's OAuth2 provider; its expiry
 * and nonce here. Role and organisation come from the token's claims with the meaning they have in API
 * tokens; the person gets a console account keyed by issuer and subject (no usable password), refreshed
 * from the claims at each sign-in, and then the same session as a password sign-in.
 *
 * <p>The provider's metadata is discovered at the first sign-in, not at start, so a provider that is
 * down does not keep the API from starting; a failed discovery is tried again at the next sign-in.
 */
final class OidcSignIn {
    private static final Logger LOG = LoggerFactory.getLogger(OidcSignIn.class);
    static final String START = "/console/oidc/start";
    static final String CALLBACK = "/console/oidc/callback";
    private static final String STATE_COOKIE = "pt_oidc";
    /** Long enough to sign in at the provider (and read its consent page), short enough to be useless later. */
    private static final Duration PENDING = Duration.ofMinutes(10);
    private static final long LEEWAY_SECONDS = 30;
    private static final List<String> SCOPES = List.of("openid", "profile", "email");

    private final ConsoleOidcSettings oidc;
    private final ConsoleSettings settings;
    private final SessionCookie cookie;
    private final Vertx vertx;
    private final ExternalAccounts external;
    private final Accounts accounts;
    private final ConsoleSessions sessions;
    private final Organisations organisations;
    private final Layout layout;
    private final WorkerExecutor workers;
    private final MeterRegistry metrics;
    private volatile Future<OAuth2Auth> discovered;

    OidcSignIn(ConsoleOidcSettings oidc, ConsoleSettings settings, Vertx vertx, javax.sql.DataSource db, Layout layout,
               WorkerExecutor workers, MeterRegistry metrics) {
        this.oidc = oidc;
        this.settings = settings;
        this.cookie = new SessionCookie(settings);
        this.vertx = vertx;
        this.external = new ExternalAccounts(db);
        this.accounts = new Accounts(db);
        this.sessions = new ConsoleSessions(db);
        this.organisations = new Organisations(db);
        this.layout = layout;
        this.workers = workers;
        this.metrics = metrics;
    }

    /** Mounts the two routes (before the console's session check: whoever uses them has none yet). */
    void mount(Router router) {
        router.get(START).handler(this::start);
        router.get(CALLBACK).handler(this::callback);
        LOG.info("console sign-in through OpenID Connect provider {} (client {})", oidc.issuer(), oidc.clientId());
    }

    /** The sign-in form's way to the provider. */
    String button(Lang lang, String next) {
        return "<p><a class=\"button secondary\" href=\"" + START + "?next=" + Html.esc(URLEncoder.encode(next,
                StandardCharsets.UTF_8)) + "\">" + Html.esc(lang.pick("Sign in with " + oidc.label(),
                "使用 " + oidc.label() + " 登录")) + "</a></p>";
    }

    private void start(RoutingContext ctx) {
        Lang lang = Lang.of(ctx);
        String state = SessionCookie.randomToken();
        PendingLogin pending = new PendingLogin(SessionCookie.randomToken(), SessionCookie.randomToken(),
                origin(ctx) + CALLBACK, SignIn.safeNext(ctx.request().getParam("next")));
        Instant now = Instant.now();
        provider().compose(auth -> workers.executeBlocking(() -> {
            external.begin(SessionCookie.hash(state), pending, now.plus(PENDING), now);
            return auth;
        }, false)).onSuccess(auth -> {
            String url = auth.authorizeURL(new OAuth2AuthorizationURL()
                    .setRedirectUri(pending.redirectUri())
                    .setScopes(SCOPES)
                    .setState(state)
                    .setCodeChallenge(challenge(pending.codeVerifier()))
                    .setCodeChallengeMethod("S256")
                    .putAdditionalParameter("nonce", pending.nonce())
                    .putAdditionalParameter("ui_locales", lang == Lang.ZH ? "zh-CN zh en" : "en"));
            ctx.response().addCookie(cookie.shaped(ctx, Cookie.cookie(STATE_COOKIE, state)).setMaxAge(PENDING.toSeconds()));
            ctx.response().setStatusCode(303).putHeader("location", url).putHeader("cache-control", "no-store").end();
        }).onFailure(e -> {
            LOG.warn("console sign-in through {} could not start: {}", oidc.issuer(), e.toString());
            count("unavailable");
            refuse(ctx, lang, 502, lang.pick(oidc.label() + " cannot be reached right now. Try again later, or sign in "
                    + "with a console account.", "暂时无法连接 " + oidc.label() + "。请稍后再试，或使用控制台账户登录。"));
        });
    }

    private void callback(RoutingContext ctx) {
        Lang lang = Lang.of(ctx);
        String state = ctx.request().getParam("state");
        Cookie held = ctx.request().getCookie(STATE_COOKIE);
        if (state == null || held == null || !MessageDigest.isEqual(state.getBytes(StandardCharsets.UTF_8),
                held.getValue().getBytes(StandardCharsets.UTF_8))) {
            LOG.info("console OIDC callback from {} refused: its state is not this browser's", ctx.request().remoteAddress());
            count("state");
            refuse(ctx, lang, 400, expired(lang)); // the browser's own sign-in, if one is under way, can still finish
            return;
        }
        ctx.response().addCookie(cookie.shaped(ctx, Cookie.cookie(STATE_COOKIE, "")).setMaxAge(0));
        Instant now = Instant.now();
        workers.executeBlocking(() -> external.take(SessionCookie.hash(state), now), false).onSuccess(found -> {
            if (found.isEmpty()) {
                LOG.info("console OIDC callback from {} refused: unknown, used or expired state", ctx.request().remoteAddress());
                count("state");
                refuse(ctx, lang, 400, expired(lang));
                return;
            }
            finish(ctx, lang, found.get());
        }).onFailure(e -> failed(ctx, lang, e));
    }

    private void finish(RoutingContext ctx, Lang lang, PendingLogin pending) {
        String error = ctx.request().getParam("error");
        String code = ctx.request().getParam("code");
        String iss = ctx.request().getParam("iss");
        if (error != null || code == null) {
            LOG.info("console OIDC sign-in ended at the provider: {} {}", error, ctx.request().getParam("error_description"));
            count("provider");
            refuse(ctx, lang, 401, lang.pick(oidc.label() + " did not sign you in"
                    + (error == null ? "." : " (" + error + ")."), oidc.label() + " 未完成登录"
                    + (error == null ? "。" : "（" + error + "）。")));
            return;
        }
        if (iss != null && !stripSlash(iss).equals(oidc.issuer())) { // RFC 9207: the answer came from another provider
            count("issuer");
            refuse(ctx, lang, 400, expired(lang));
            return;
        }
        provider().compose(auth -> auth.authenticate(new Oauth2Credentials().setFlow(OAuth2FlowType.AUTH_CODE)
                        .setCode(code).setRedirectUri(pending.redirectUri()).setCodeVerifier(pending.codeVerifier())))
                .onSuccess(user -> signIn(ctx, lang, pending, user))
                .onFailure(e -> {
                    LOG.warn("console OIDC code exchange at {} failed: {}", oidc.issuer(), e.toString());
                    count("exchange");
                    refuse(ctx, lang, 401, lang.pick(oidc.label() + " did not confirm this sign-in; start again.",
                            oidc.label() + " 未确认此次登录，请重新开始。"));
                });
    }

    private void signIn(RoutingContext ctx, Lang lang, PendingLogin pending, User user) {
        JsonObject id = user.attributes().getJsonObject("idToken");
        String problem = checkIdToken(id, pending.nonce(), user);
        if (problem != null) {
            LOG.warn("console OIDC sign-in refused: {}", problem);
            count("id_token");
            refuse(ctx, lang, 401, lang.pick("The identity token from " + oidc.label() + " could not be verified; start again.",
                    "无法验证 " + oidc.label() + " 的身份令牌，请重新开始。"));
            return;
        }
        String subject = id.getString("sub");
        Optional<ApiRole> role = role(id.getValue(oidc.roleClaim()));
        if (role.isEmpty()) {
            LOG.info("console OIDC sign-in of {} refused: claim '{}' is {}", subject, oidc.roleClaim(), id.getValue(oidc.roleClaim()));
            count("role");
            refuse(ctx, lang, 403, lang.pick("Your account at " + oidc.label() + " has no console role: its claim '"
                    + oidc.roleClaim() + "' must be company, regulator or admin. Ask your administrator.",
                    "您在 " + oidc.label() + " 的账户没有控制台角色：声明“" + oidc.roleClaim()
                            + "”必须是 company、regulator 或 admin。请联系管理员。"));
            return;
        }
        String org = role.get() == ApiRole.COMPANY ? text(id.getValue(oidc.orgClaim())) : null;
        if (role.get() == ApiRole.COMPANY && org == null) {
            count("org");
            refuse(ctx, lang, 403, lang.pick("Your account at " + oidc.label() + " is a company account without an "
                    + "organisation (claim '" + oidc.orgClaim() + "'). Ask your administrator.",
                    "您在 " + oidc.label() + " 的账户是企业账户，但缺少所属组织（声明“" + oidc.orgClaim() + "”）。请联系管理员。"));
            return;
        }
        String preferred = first(id, "preferred_username", "email", "sub");
        String displayName = clip(first(id, "name", "preferred_username", "email", "sub"), 200);
        Instant now = Instant.now();
        workers.<Object>executeBlocking(() -> {
            if (org != null && !organisations.exists(org)) {
                return "org";
            }
            ExternalAccount a = external.signIn(oidc.issuer(), subject, preferred, displayName, role.get().claim(), org);
            if (a.disabled()) {
                return "disabled";
            }
            accounts.recordSuccess(a.username(), now);
            String value = SessionCookie.randomToken();
            sessions.create(SessionCookie.hash(value), a.username(), SessionCookie.randomToken(),
                    now.plus(settings.sessionTtl()));
            LOG.info("console sign-in of '{}' ({} at {}{}) from {}: OK", a.username(), subject, oidc.issuer(),
                    a.created() ? ", first time" : "", ctx.request().remoteAddress());
            return new String[] {value};
        }, false).onSuccess(r -> {
            if (r instanceof String[] value) {
                count("ok");
                cookie.set(ctx, value[0], settings.sessionTtl());
                ctx.response().setStatusCode(303).putHeader("location", pending.next()).end();
            } else if ("org".equals(r)) {
                count("org");
                refuse(ctx, lang, 403, lang.pick("Your organisation '" + org + "' (claim '" + oidc.orgClaim()
                        + "') is not registered here. Ask your administrator.", "您的组织“" + org + "”（声明“"
                        + oidc.orgClaim() + "”）未在此注册。请联系管理员。"));
            } else {
                count("disabled");
                refuse(ctx, lang, 403, lang.pick("This console account is disabled. Ask your administrator.",
                        "此控制台账户已停用。请联系管理员。"));
            }
        }).onFailure(e -> failed(ctx, lang, e));
    }

    /** Null when the ID token is good; what is wrong otherwise (signature, issuer and audience were checked on decoding). */
    private String checkIdToken(JsonObject id, String nonce, User user) {
        if (id == null) {
            Object kid = user.attributes().getValue("missing-kid");
            return kid != null ? "the ID token is signed with unknown key " + kid + " (keys are being refreshed)"
                    : "no ID token, or one whose signature, issuer or audience is wrong";
        }
        if (!stripSlash(String.valueOf(id.getValue("iss"))).equals(oidc.issuer())) {
            return "ID token from issuer " + id.getValue("iss");
        }
        Object aud = id.getValue("aud");
        if (!(aud instanceof String s ? s.equals(oidc.clientId()) : aud instanceof JsonArray a && a.contains(oidc.clientId()))) {
            return "ID token for audience " + aud;
        }
        Long exp = id.getLong("exp");
        if (exp == null || exp + LEEWAY_SECONDS < Instant.now().getEpochSecond()) {
            return "expired ID token";
        }
        String sent = id.getString("nonce");
        if (sent == null || !MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8), nonce.getBytes(StandardCharsets.UTF_8))) {
            return "ID token without this sign-in's nonce";
        }
        String sub = id.getString("sub");
        return sub == null || sub.isBlank() || sub.length() > 255 ? "ID token without a usable subject" : null;
    }

    /** The claim as an API role: one of its values, or a list holding exactly one of them. */
    static Optional<ApiRole> role(Object claim) {
        if (claim instanceof String s) {
            return ApiRole.fromClaim(s.trim().toLowerCase(Locale.ROOT));
        }
        if (claim instanceof JsonArray a) {
            List<ApiRole> known = a.stream().map(v -> v instanceof String s ? ApiRole.fromClaim(s.trim().toLowerCase(Locale.ROOT))
                    : Optional.<ApiRole>empty()).flatMap(Optional::stream).distinct().toList();
            return known.size() == 1 ? Optional.of(known.get(0)) : Optional.empty();
        }
        return Optional.empty();
    }

    private Future<OAuth2Auth> provider() {
        Future<OAuth2Auth> f = discovered;
        if (f == null || f.failed()) {
            f = OpenIDConnectAuth.discover(vertx, new OAuth2Options().setSite(oidc.issuer()).setClientId(oidc.clientId())
                            .setClientSecret(oidc.clientSecret()).setJWTOptions(new JWTOptions().setLeeway((int) LEEWAY_SECONDS)))
                    .map(auth -> auth.missingKeyHandler(kid -> {
                        LOG.info("{} signed with key {} not known yet: fetching its keys again", oidc.issuer(), kid);
                        auth.jWKSet().onFailure(e -> LOG.warn("fetching the keys of {} failed: {}", oidc.issuer(), e.toString()));
                    }));
            discovered = f;
        }
        return f;
    }

    /** The console's address as the browser sees it: the redirect URI registered at the provider must match it. */
    private static String origin(RoutingContext ctx) {
        boolean https = ctx.request().isSSL() || "https".equalsIgnoreCase(ctx.request().getHeader("x-forwarded-proto"));
        return (https ? "https://" : "http://") + ctx.request().authority().toString();
    }

    private static String challenge(String verifier) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(SessionCookie.hash(verifier));
    }

    private void refuse(RoutingContext ctx, Lang lang, int status, String problem) {
        String body = "<p class=\"problem\" role=\"alert\">" + Html.esc(problem) + "</p><p><a href=\"" + SignIn.PATH + "\">"
                + Html.esc(lang.pick("Back to sign-in", "返回登录")) + "</a></p>";
        layout.headers(ctx.response()).setStatusCode(status)
                .end(layout.page(null, lang, SignIn.PATH, lang.pick("Sign-in refused", "登录被拒绝"), null, body));
    }

    private void failed(RoutingContext ctx, Lang lang, Throwable e) {
        LOG.error("console OIDC sign-in failed", e);
        count("error");
        refuse(ctx, lang, 500, lang.pick("Signing in failed on the server; try again.", "服务器登录出错，请重试。"));
    }

    private static String expired(Lang lang) {
        return lang.pick("This sign-in did not start in this browser, was already used, or took too long. Start again.",
                "此次登录不是在本浏览器中发起的、已被使用或已超时。请重新开始。");
    }

    private static String first(JsonObject claims, String... names) {
        for (String n : names) {
            String v = text(claims.getValue(n));
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static String text(Object v) {
        return v instanceof String s && !s.isBlank() ? s.trim() : null;
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    private static String stripSlash(String s) {
        return s.replaceAll("/+$", "");
    }

    private void count(String outcome) {
        Counter.builder("pt_console_oidc_sign_ins_total").tag("outcome", outcome).register(metrics).increment();
    }
}
