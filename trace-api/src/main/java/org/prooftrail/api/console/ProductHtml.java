package org.prooftrail.api.console;

import io.vertx.core.json.JsonObject;
import org.prooftrail.api.page.Html;

/** Pieces the product, lot and certificate pages share: labelled inputs, times, the retired mark. */
final class ProductHtml {
    private ProductHtml() {
    }

    /** A labelled input; {@code value} may be null, {@code attrs} are extra attributes, written as given. */
    static String input(String id, String label, String type, Object value, String attrs) {
        StringBuilder b = new StringBuilder("<label for=\"").append(id).append("\">").append(Html.esc(label))
                .append("<input id=\"").append(id).append("\" name=\"").append(id).append("\" type=\"").append(type).append('"');
        if (value != null) {
            b.append(" value=\"").append(Html.esc(value)).append('"');
        }
        if (attrs != null && !attrs.isEmpty()) {
            b.append(' ').append(attrs);
        }
        return b.append("></label>").toString();
    }

    /** A labelled input with a hint below the label text. */
    static String input(String id, String label, String hint, String type, Object value, String attrs) {
        String plain = input(id, label, type, value, attrs);
        String head = "<label for=\"" + id + "\">" + Html.esc(label);
        return head + "<span class=\"hint\">" + Html.esc(hint) + "</span>" + plain.substring(head.length());
    }

    /** An ISO time as {@code 2026-11-25 08:00 UTC}; a date stays as it is; null as a dash. */
    static String when(String iso) {
        if (iso == null) {
            return "–";
        }
        if (iso.length() >= 16 && iso.charAt(10) == 'T') {
            return iso.substring(0, 10) + " " + iso.substring(11, 16) + " UTC";
        }
        return iso;
    }

    /** "In use", or "Retired" with its day, from an answer's retiredAt. */
    static String status(ConsoleRequest r, JsonObject o) {
        String retired = o.getString("retiredAt");
        if (retired == null) {
            return "<span class=\"good\">" + Html.esc(r.t("In use", "使用中")) + "</span>";
        }
        return "<span class=\"bad\">" + Html.esc(r.t("Retired ", "已停用 ") + retired.substring(0, Math.min(10, retired.length())))
                + "</span>";
    }

    /** The value of a datetime-local input for an ISO instant (as UTC), or empty. */
    static String localTime(String iso) {
        return iso == null || iso.length() < 16 ? "" : iso.substring(0, 16);
    }

    static String number(Object n) {
        if (n == null) {
            return null;
        }
        if (n instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
            return Long.toString(d.longValue());
        }
        return n.toString();
    }
}
