package org.prooftrail.api.resolver;

import io.vertx.ext.web.RoutingContext;

/** What a resolver request asks for: the consumer page, the provenance JSON or the linkset. */
public enum Representation {
    HTML, JSON, LINKSET;

    /**
     * {@code linkType} wins ({@code linkset}, GS1's name, or the older {@code all}: linkset;
     * {@code gs1:traceability}: JSON, {@code gs1:pip}: page);
     * then Accept: {@code application/linkset+json}, then text/html (browsers), else JSON.
     */
    public static Representation of(RoutingContext ctx) {
        String linkType = ctx.request().getParam("linkType");
        if (linkType != null) {
            switch (linkType) {
                case "all", "linkset" -> {
                    return LINKSET;
                }
                case "gs1:traceability", "https://gs1.org/voc/traceability" -> {
                    return JSON;
                }
                case "gs1:pip", "https://gs1.org/voc/pip" -> {
                    return HTML;
                }
                default -> {
                    // an unknown link type gets the default link, as GS1's resolver standard asks
                }
            }
        }
        String accept = ctx.request().getHeader("accept");
        if (accept == null) {
            return JSON;
        }
        if (accept.contains("application/linkset+json")) {
            return LINKSET;
        }
        if (accept.contains("text/html")) {
            return HTML;
        }
        return JSON;
    }
}
