package org.prooftrail.api.console;

import org.prooftrail.api.page.Html;

/** The start page: the areas the account's role may open, as a list of cards. */
final class HomeView implements ConsoleView {
    @Override
    public void mount(ConsoleRoutes routes) {
        routes.get("/", ConsoleRoutes.ANY, r -> {
            StringBuilder b = new StringBuilder("<p>").append(Html.esc(r.t("Signed in as ", "当前账户："))).append(Html.esc(r.user().username()));
            if (r.user().org() != null) {
                b.append(Html.esc(r.t(", organisation ", "，组织 "))).append(Html.esc(r.user().org()));
            }
            b.append(".</p><ul class=\"cards\">");
            for (NavEntry e : routes.navEntries()) {
                if (e.roles().contains(r.user().role())) {
                    b.append("<li class=\"card\"><a href=\"").append(Html.esc(e.path())).append("\">")
                            .append(Html.esc(r.lang().pick(e.en(), e.zh()))).append("</a></li>");
                }
            }
            r.render(r.t("ProofTrail console", "ProofTrail 控制台"), b.append("</ul>").toString());
        });
    }
}
