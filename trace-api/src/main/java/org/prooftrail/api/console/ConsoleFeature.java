package org.prooftrail.api.console;

import io.micrometer.core.instrument.Counter;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import org.prooftrail.api.ApiContext;
import org.prooftrail.api.ApiFeature;
import org.prooftrail.api.ApiMount;
import org.prooftrail.api.ApiVerticle;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.page.Html;
import org.prooftrail.store.accounts.Accounts;
import org.prooftrail.store.accounts.ConsoleSessions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web console under {@code /console}: server-rendered pages for companies, regulators and admins,
 * signed in with a console account (see {@link SignIn}). Every page and action below the sign-in form
 * needs a live session; every action also the session's CSRF token. What a page shows or changes goes
 * through the HTTP API with the account's role and organisation ({@link ConsoleApi}), so the console
 * cannot see more than the API would show the same person.
 *
 * <p>Console routes are not operations of {@code openapi.yaml}: they are pages and HTML forms for people,
 * not part of the API's contract (like {@code /docs}).
 */
public final class ConsoleFeature implements ApiFeature {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleFeature.class);

    private final ApiContext c;
    private volatile ConsoleRoutes mounted;

    private final org.prooftrail.api.limits.PublicRateLimit signInLimit;

    /** @param signInLimit the budget of password sign-ins per client address */
    public ConsoleFeature(ApiContext c, org.prooftrail.api.limits.PublicRateLimit signInLimit) {
        this.c = c;
        this.signInLimit = signInLimit;
    }

    @Override
    public void mount(ApiMount m) {
        ConsoleSettings settings = ConsoleSettings.from(c.settings());
        Router router = m.plain();
        WorkerExecutor workers = m.workers().queries();
        ConsoleSessions sessions = new ConsoleSessions(c.db().dataSource());
        Accounts accounts = new Accounts(c.db().dataSource());
        ConsoleApi api = new ConsoleApi(m.vertx(), c.auth());
        java.util.List<NavEntry> nav = new java.util.ArrayList<>();
        Layout layout = new Layout(nav);
        ConsoleRequest.Factory requests = new ConsoleRequest.Factory(api, layout);
        ConsoleRoutes routes = new ConsoleRoutes(router, m.vertx(), requests, nav);
        SignIn signIn = new SignIn(accounts, sessions, settings, layout, api, workers, c.metrics(), signInLimit);
        String css = resource("console/console.css");

        router.get(ConsoleRoutes.BASE).handler(ctx -> {
            if (ctx.request().path().equals(ConsoleRoutes.BASE)) { // Vert.x matches /console/ here too
                ctx.response().setStatusCode(301).putHeader("location", "/console/").end();
            } else {
                ctx.next();
            }
        });
        router.get("/console/assets/console.css").handler(ctx -> ctx.response()
                .putHeader("content-type", "text/css; charset=utf-8")
                .putHeader("cache-control", "public, max-age=3600").end(css));
        router.get(SignIn.PATH).handler(signIn::showForm);
        router.post(SignIn.PATH).handler(BodyHandler.create(false).setBodyLimit(16 * 1024)).handler(signIn::submit);
        ConsoleOidcSettings.from(c.settings()).ifPresent(oidc -> {
            OidcSignIn external = new OidcSignIn(oidc, settings, m.vertx(), c.db().dataSource(), layout, workers, c.metrics());
            external.mount(router);
            signIn.offer(external);
        });

        // everything else below /console needs a session; actions also their body and CSRF token
        router.route("/console/*").handler(ctx -> authenticate(ctx, sessions, workers));
        router.post("/console/*").handler(BodyHandler.create(true)
                        .setUploadsDirectory(System.getProperty("java.io.tmpdir") + "/pt-console-uploads")
                        .setDeleteUploadedFilesOnEnd(true).setBodyLimit(ApiVerticle.MAX_BODY_BYTES))
                .handler(this::checkCsrf);
        router.post("/console/sign-out").handler(signIn::signOut);
        for (ConsoleView view : ConsoleViews.all()) {
            view.mount(routes);
        }
        mounted = routes;
        router.route("/console/*").handler(ctx -> requests.of(ctx, ConsoleRoutes.ANY)
                .ifPresent(r -> r.render(404, r.t("No such page", "页面不存在"), "<p><a href=\"/console/\">"
                        + r.t("Back to the start", "返回首页") + "</a></p>")));
        m.vertx().setPeriodic(3_600_000, id -> workers.executeBlocking(() -> sessions.deleteExpired(Instant.now()), false)
                .onFailure(e -> LOG.warn("removing expired console sessions failed: {}", e.toString())));
        LOG.debug("console mounted with {} menu entries", nav.size());
    }

    /** Every page and action of the views, as "METHOD /console/pattern role,role" (for tests that walk them all). */
    java.util.List<String> routes() {
        return mounted == null ? java.util.List.of() : mounted.registered();
    }

    /** Finds the session behind the cookie; without one, a page sends the browser to sign in and an action is refused. */
    private static void authenticate(RoutingContext ctx, ConsoleSessions sessions, WorkerExecutor workers) {
        String value = SessionCookie.read(ctx);
        if (value == null) {
            unauthenticated(ctx);
            return;
        }
        if (ctx.request().method() != io.vertx.core.http.HttpMethod.GET) {
            ctx.request().pause(); // the body handler reads the body once the session is known
        }
        workers.executeBlocking(() -> sessions.find(SessionCookie.hash(value), Instant.now()), false).onSuccess(found -> {
            if (found.isEmpty()) {
                unauthenticated(ctx);
                return;
            }
            var s = found.get();
            ApiRole role = ApiRole.fromClaim(s.account().role()).orElseThrow();
            ctx.put(ConsoleRequest.USER, new ConsoleUser(s.username(), s.account().displayName(), role,
                    s.account().org(), s.csrfToken()));
            ctx.next();
        }).onFailure(ctx::fail);
    }

    private static void unauthenticated(RoutingContext ctx) {
        if (ctx.request().method() == io.vertx.core.http.HttpMethod.GET) {
            ctx.response().setStatusCode(303).putHeader("location", SignIn.PATH + "?next="
                    + URLEncoder.encode(ctx.request().uri(), StandardCharsets.UTF_8)).end();
        } else {
            Lang lang = Lang.of(ctx);
            ctx.response().setStatusCode(401).putHeader("content-type", "text/html; charset=utf-8")
                    .putHeader("cache-control", "no-store")
                    .end("<!doctype html><html lang=\"" + lang.tag() + "\"><meta charset=\"utf-8\"><title>401</title><p>"
                            + Html.esc(lang.pick("Sign in first: ", "请先登录：")) + "<a href=\"" + SignIn.PATH + "\">"
                            + Html.esc(lang.pick("sign in", "登录")) + "</a></p></html>");
        }
    }

    /** An action must carry the token of the session it claims to come from: another site's form cannot. */
    private void checkCsrf(RoutingContext ctx) {
        ConsoleUser user = ctx.get(ConsoleRequest.USER);
        String sent = ctx.request().getFormAttribute("_csrf");
        if (user != null && sent != null && MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                user.csrfToken().getBytes(StandardCharsets.UTF_8))) {
            ctx.next();
            return;
        }
        Counter.builder("pt_console_csrf_refused_total").register(c.metrics()).increment();
        LOG.info("console action {} refused: missing or wrong CSRF token (account {})", ctx.request().path(),
                user == null ? "none" : user.username());
        Lang lang = Lang.of(ctx);
        ctx.response().setStatusCode(403).putHeader("content-type", "text/html; charset=utf-8")
                .putHeader("cache-control", "no-store")
                .end("<!doctype html><html lang=\"" + lang.tag() + "\"><meta charset=\"utf-8\"><title>403</title><p>"
                        + Html.esc(lang.pick("This form expired or came from another site; reload the page and try again.",
                        "表单已过期或来自其他网站，请刷新页面后重试。")) + "</p></html>");
    }

    private static String resource(String name) {
        try (InputStream in = ConsoleFeature.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
