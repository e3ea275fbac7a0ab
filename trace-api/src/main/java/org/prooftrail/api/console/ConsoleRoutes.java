package org.prooftrail.api.console;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.prooftrail.api.auth.ApiRole;

/**
 * What a {@link ConsoleView} mounts onto. Paths are below {@code /console} (Vert.x patterns, e.g.
 * {@code /lots/:gtin/:lot}); every page and action needs a signed-in account of one of the given roles,
 * and every action (POST) the session's CSRF token: both are checked before the handler runs.
 */
public final class ConsoleRoutes {
    public static final String BASE = "/console";

    private final Router router;
    private final Vertx vertx;
    private final ConsoleRequest.Factory requests;
    private final List<NavEntry> nav;
    private final List<String> registered = new java.util.ArrayList<>();

    ConsoleRoutes(Router router, Vertx vertx, ConsoleRequest.Factory requests, List<NavEntry> nav) {
        this.router = router;
        this.vertx = vertx;
        this.requests = requests;
        this.nav = nav;
    }

    public Vertx vertx() {
        return vertx;
    }

    /** A page. */
    public void get(String path, Set<ApiRole> roles, Handler<ConsoleRequest> handler) {
        registered.add("GET " + BASE + path + " " + roleList(roles));
        router.get(BASE + path).handler(ctx -> requests.of(ctx, roles).ifPresent(handler::handle));
    }

    /** An action: a form's POST, its body read and its CSRF token checked before the handler runs. */
    public void post(String path, Set<ApiRole> roles, Handler<ConsoleRequest> handler) {
        registered.add("POST " + BASE + path + " " + roleList(roles));
        router.post(BASE + path).handler(ctx -> requests.of(ctx, roles).ifPresent(handler::handle));
    }

    /** A menu entry, shown to these roles, in the order views add them. */
    public void nav(String path, String en, String zh, ApiRole... roles) {
        nav.add(new NavEntry(BASE + path, en, zh, roles.length == 0 ? EnumSet.allOf(ApiRole.class) : Set.of(roles)));
    }

    private static String roleList(Set<ApiRole> roles) {
        return String.join(",", roles.stream().map(ApiRole::claim).sorted().toList());
    }

    /** Every page and action views added, as "METHOD /console/pattern role,role". */
    List<String> registered() {
        return List.copyOf(registered);
    }

    List<NavEntry> navEntries() {
        return nav;
    }

    /** Role sets views use often. */
    public static final Set<ApiRole> COMPANY = Set.of(ApiRole.COMPANY);
    public static final Set<ApiRole> REGULATOR = Set.of(ApiRole.REGULATOR);
    public static final Set<ApiRole> ADMIN = Set.of(ApiRole.ADMIN);
    public static final Set<ApiRole> COMPANY_OR_REGULATOR = Set.of(ApiRole.COMPANY, ApiRole.REGULATOR);
    public static final Set<ApiRole> ANY = EnumSet.allOf(ApiRole.class);
}
