package org.prooftrail.api.console;

import io.vertx.core.json.JsonObject;

/**
 * Turns a posted form into the API's JSON: blank fields are left out (or null, for an edit that clears
 * them), numbers are parsed here so a typo gets a message naming the field rather than a contract error.
 */
final class ProductForm {
    /** A field the form cannot turn into the API's type; the message names it. */
    static final class Problem extends Exception {
        Problem(String message) {
            super(message, null, false, false);
        }
    }

    private final ConsoleRequest r;
    private final JsonObject json = new JsonObject();
    private final boolean blankIsNull;

    /** @param blankIsNull for edits: a blank field is sent as null (no limit), not left out */
    ProductForm(ConsoleRequest r, boolean blankIsNull) {
        this.r = r;
        this.blankIsNull = blankIsNull;
    }

    JsonObject json() {
        return json;
    }

    private String raw(String name) {
        String v = r.form(name);
        return v == null ? "" : v.trim();
    }

    private boolean blank(String name, String v) {
        if (!v.isEmpty()) {
            return false;
        }
        if (blankIsNull) {
            json.putNull(name);
        }
        return true;
    }

    ProductForm text(String name) {
        String v = raw(name);
        if (!v.isEmpty()) {
            json.put(name, v);
        }
        return this;
    }

    ProductForm decimal(String name, String label) throws Problem {
        String v = raw(name);
        if (!blank(name, v)) {
            try {
                json.put(name, Double.parseDouble(v.replace(',', '.')));
            } catch (NumberFormatException e) {
                throw new Problem(label + ": " + r.t("is not a number: ", "不是数字：") + v);
            }
        }
        return this;
    }

    ProductForm integer(String name, String label) throws Problem {
        String v = raw(name);
        if (!blank(name, v)) {
            try {
                json.put(name, Integer.parseInt(v));
            } catch (NumberFormatException e) {
                throw new Problem(label + ": " + r.t("is not a whole number: ", "不是整数：") + v);
            }
        }
        return this;
    }

    /** A datetime-local value, read as UTC, sent as an instant. */
    ProductForm time(String name, String label) throws Problem {
        String v = raw(name);
        if (!blank(name, v)) {
            if (!v.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2})?")) {
                throw new Problem(label + ": " + r.t("is not a date and time: ", "不是日期时间：") + v);
            }
            json.put(name, (v.length() == 16 ? v + ":00" : v) + "Z");
        }
        return this;
    }

    /** A date input's value (YYYY-MM-DD), which the API checks. */
    ProductForm date(String name) {
        String v = raw(name);
        if (!blank(name, v)) {
            json.put(name, v);
        }
        return this;
    }
}
