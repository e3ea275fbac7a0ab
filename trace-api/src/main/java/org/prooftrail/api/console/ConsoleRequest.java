package org.prooftrail.api.console;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.http.Problems;
import org.prooftrail.api.page.Html;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request to a console page or action, as its view sees it: who is signed in, in which language,
 * the API to call on their behalf, and ways to answer (a page, a redirect with a message, a download).
 */
public final class ConsoleRequest {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleRequest.class);
    static final String USER = "pt.console.user";
    private static final String FLASH = "pt_flash";

    private final RoutingContext ctx;
    private final ConsoleUser user;
    private final Lang lang;
    private final ConsoleApi api;
    private final Layout layout;

    ConsoleRequest(RoutingContext ctx, ConsoleUser user, Lang lang, ConsoleApi api, Layout layout) {
        this.ctx = ctx;
        this.user = user;
        this.lang = lang;
        this.api = api;
        this.layout = layout;
    }

    /** Makes the request object for a signed-in user of an allowed role, else answers 403 and gives nothing. */
    record Factory(ConsoleApi api, Layout layout) {
        Optional<ConsoleRequest> of(RoutingContext ctx, Set<ApiRole> roles) {
            ConsoleUser user = ctx.get(USER);
            Lang lang = Lang.of(ctx);
            ConsoleRequest r = new ConsoleRequest(ctx, user, lang, api, layout);
            if (user == null) { // the session handler runs first; this is a guard, not a path
                ctx.response().setStatusCode(401).end();
                return Optional.empty();
            }
            if (!roles.contains(user.role())) {
                r.render(403, lang.pick("Not for your role", "您的角色无权访问"), "<p>" + Html.esc(lang.pick(
                        "Accounts of role " + user.role().claim() + " cannot use this page.",
                        "角色为 " + user.role().claim() + " 的账户不能使用此页面。")) + "</p>");
                return Optional.empty();
            }
            return Optional.of(r);
        }
    }

    public RoutingContext ctx() {
        return ctx;
    }

    public ConsoleUser user() {
        return user;
    }

    public Lang lang() {
        return lang;
    }

    /** The text in the request's language. */
    public String t(String en, String zh) {
        return lang.pick(en, zh);
    }

    /** A path parameter or query parameter. */
    public String param(String name) {
        return ctx.request().getParam(name);
    }

    /** A field of the posted form (URL-encoded or multipart). */
    public String form(String name) {
        return ctx.request().getFormAttribute(name);
    }

    /** The hidden field every form of this session must carry. */
    public String csrfField() {
        return "<input type=\"hidden\" name=\"_csrf\" value=\"" + Html.esc(user.csrfToken()) + "\">";
    }

    // --- calls to the API on the user's behalf ---

    public Future<ApiAnswer> get(String path) {
        return api.call(ctx, user, HttpMethod.GET, path, null, null, "application/json");
    }

    public Future<ApiAnswer> call(HttpMethod method, String path, JsonObject body) {
        return api.call(ctx, user, method, path, body == null ? null : "application/json",
                body == null ? null : body.toBuffer(), "application/json");
    }

    public Future<ApiAnswer> call(HttpMethod method, String path, String contentType, Buffer body, String accept) {
        return api.call(ctx, user, method, path, contentType, body, accept);
    }

    /** Like {@link #call(HttpMethod, String, String, Buffer, String)}, with more request headers (e.g. GS1's). */
    public Future<ApiAnswer> call(HttpMethod method, String path, String contentType, Buffer body, String accept,
                                  java.util.Map<String, String> headers) {
        return api.call(ctx, user, method, path, contentType, body, accept, headers);
    }

    /**
     * Streams an API answer to the browser as a download named {@code fileName}; a refusal becomes a
     * page saying why.
     */
    public void download(String path, String accept, String fileName) {
        api.open(ctx, user, HttpMethod.GET, path, null, null, accept).onSuccess(resp -> {
            if (resp.statusCode() != 200) {
                resp.body().onSuccess(b -> failed(new ApiAnswer(resp.statusCode(), resp.headers(), b)))
                        .onFailure(this::fail);
                return;
            }
            String type = resp.getHeader("content-type");
            ctx.response().putHeader("content-type", type == null ? "application/octet-stream" : type)
                    .putHeader("content-disposition", "attachment; filename=\"" + fileName.replaceAll("[^A-Za-z0-9._-]", "_") + "\"")
                    .putHeader("cache-control", "no-store").setChunked(true);
            resp.pipeTo(ctx.response());
        }).onFailure(this::fail);
    }

    // --- answers ---

    public void render(String title, String body) {
        render(200, title, body);
    }

    public void render(int status, String title, String body) {
        if (ctx.response().ended()) {
            return;
        }
        String flash = takeFlash();
        layout.headers(ctx.response()).setStatusCode(status)
                .end(layout.page(user, lang, ctx.request().path(), title, flash, body));
    }

    /** Sends the browser to {@code path} (below /console) after an action, with a message for the next page. */
    public void redirect(String path, String message) {
        if (message != null) {
            ctx.response().addCookie(Cookie.cookie(FLASH, URLEncoder.encode(message, StandardCharsets.UTF_8))
                    .setPath(ConsoleRoutes.BASE).setHttpOnly(true).setMaxAge(60)
                    .setSameSite(io.vertx.core.http.CookieSameSite.LAX));
        }
        ctx.response().setStatusCode(303).putHeader("location", ConsoleRoutes.BASE + path).end();
    }

    /** A page saying what the API refused and why (its problem detail), with the API's status. */
    public void failed(ApiAnswer answer) {
        int status = answer.status() >= 400 && answer.status() < 600 ? answer.status() : 502;
        render(status, t("Refused", "请求被拒绝"), "<p class=\"problem\">" + Html.esc(answer.problem()) + "</p>");
    }

    /** A page for a failure of the console itself; logged with a correlation id the page shows. */
    public void fail(Throwable e) {
        String id = java.util.UUID.randomUUID().toString();
        LOG.error("console {} {} failed (correlation {})", ctx.request().method(), ctx.request().path(), id, e);
        ctx.response().putHeader(Problems.CORRELATION_HEADER, id);
        render(500, t("Something went wrong", "出错了"), "<p class=\"problem\">" + Html.esc(t(
                "The console could not finish this request. Correlation id: ",
                "控制台未能完成此请求。关联编号：") + id) + "</p>");
    }

    private String takeFlash() {
        Cookie c = ctx.request().getCookie(FLASH);
        if (c == null) {
            return null;
        }
        ctx.response().addCookie(Cookie.cookie(FLASH, "").setPath(ConsoleRoutes.BASE).setHttpOnly(true).setMaxAge(0));
        try {
            return URLDecoder.decode(c.getValue(), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
