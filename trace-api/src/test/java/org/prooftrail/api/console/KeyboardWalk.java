package org.prooftrail.api.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.prooftrail.api.page.HeadlessChromium;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A person at a keyboard in a {@link HeadlessChromium} page: Tab, Shift+Tab and Enter as real key events
 * (CDP {@code Input.dispatchKeyEvent}), typing as {@code Input.insertText}, and what has the focus after
 * each key. The page's keyboard stops are worked out independently, in document order: every shown,
 * enabled link, button and field (one radio a group), whatever its tabindex, anything else with a
 * tabindex >= 0, and a scrolling box with nothing focusable inside; a walk is compared with them stop by stop.
 */
final class KeyboardWalk {
    private static final Logger LOG = LoggerFactory.getLogger(KeyboardWalk.class);
    // a date or time field is one element but several Tab stops (one a part: day, month, year, hour...)
    private static final int MAX_STOPS_IN_ONE_FIELD = 8;
    private static final String SCRIPT = "(function(){if(window.__kb)return window.__kb;"
            + "function shown(e){var s=getComputedStyle(e);return e.getClientRects().length>0&&s.visibility!=='hidden'&&!e.closest('[inert]');}"
            + "var CONTROLS='a[href],area[href],button,input,select,textarea,summary';"
            + "function scroller(e){var s=getComputedStyle(e);return /(auto|scroll)/.test(s.overflowX+s.overflowY)"
            + "&&(e.scrollWidth>e.clientWidth||e.scrollHeight>e.clientHeight);}"
            + "function stops(){var out=[];"
            + "document.querySelectorAll('body *').forEach(function(e){"
            + "if(!shown(e))return;"
            + "if(e.matches(CONTROLS)){if(e.disabled||(e.tagName==='INPUT'&&e.type==='hidden'))return;}"
            // a control taken out of the order by tabindex=-1 is still expected, so the walk misses it and fails;
            // as in Chromium, a box that scrolls and holds nothing focusable is a stop itself (arrow keys scroll it)
            + "else if(!(e.tabIndex>=0&&(e.hasAttribute('tabindex')||e.matches('iframe,[contenteditable=true]')))"
            + "&&!(scroller(e)&&!e.querySelector(CONTROLS+',[tabindex]')))return;"
            // of a group of radio buttons only the checked one is a stop, or the first while none is checked
            + "if(e.tagName==='INPUT'&&e.type==='radio'&&e.name){"
            + "var all=document.querySelectorAll('input[type=radio][name=\"'+CSS.escape(e.name)+'\"]');"
            + "var pick=Array.prototype.find.call(all,function(r){return r.checked})||all[0];if(pick!==e)return;}"
            + "out.push(e);});return out;}"
            + "function describe(e){if(!e||e===document.body)return 'body';var t=(e.getAttribute('aria-label')||e.innerText||e.value||e.name||'')"
            + ".replace(/\\s+/g,' ').trim().slice(0,40);return e.tagName.toLowerCase()+(e.id?'#'+e.id:'')"
            + "+(e.getAttribute('href')?'['+e.getAttribute('href')+']':'')+(e.type&&e.tagName==='INPUT'?'('+e.type+')':'')+' \"'+t+'\"';}"
            + "function indicated(e){var s=getComputedStyle(e);"
            + "return (s.outlineStyle!=='none'&&parseFloat(s.outlineWidth)>=2)||(s.boxShadow&&s.boxShadow!=='none');}"
            + "function box(e){var r=e.getBoundingClientRect();return {x:r.left,y:r.top,w:r.width,h:r.height};}"
            + "window.__kb={stops:stops,describe:describe,"
            + "state:function(){var e=document.activeElement,list=stops();return JSON.stringify({i:list.indexOf(e),d:describe(e),"
            + "tag:e?e.tagName.toLowerCase():'',type:e&&e.type?e.type:'',"
            + "ind:!!(e&&e!==document.body&&indicated(e)),outline:e?getComputedStyle(e).outlineStyle+' '+getComputedStyle(e).outlineWidth:'',"
            + "box:e?box(e):null,vw:innerWidth,vh:innerHeight});},"
            + "list:function(){return JSON.stringify(stops().map(describe));},"
            + "firstIn:function(sel){var c=document.querySelector(sel);return stops().findIndex(function(e){return c&&c.contains(e);});}};"
            + "return window.__kb;})()";

    /** What has the focus: its place among the page's stops (-1 for none), and how it looks. */
    record Focus(int index, String description, String tag, String type, boolean indicated, String outline,
                 double x, double y, double width, double height, double viewportWidth, double viewportHeight) {
        /** The element's box lies wholly inside the viewport. */
        boolean whollyOnScreen() {
            return width > 0 && height > 0 && x >= 0 && y >= 0 && x + width <= viewportWidth && y + height <= viewportHeight;
        }

        /** At least part of the element's box is inside the viewport. */
        boolean onScreen() {
            return width > 0 && height > 0 && x + width > 0 && y + height > 0 && x < viewportWidth && y < viewportHeight;
        }

        boolean severalStops() {
            return tag.equals("input") && List.of("date", "datetime-local", "time", "month", "week").contains(type);
        }
    }

    private final HeadlessChromium browser;

    KeyboardWalk(HeadlessChromium browser) {
        this.browser = browser;
    }

    /** Loads a page afresh (focus at the top of the document) and waits for it. */
    void load(String url) throws Exception {
        browser.eval("window.__ptOld = true");
        browser.navigate(url);
        browser.awaitTrue("!window.__ptOld && document.readyState === 'complete'");
    }

    void tab() throws Exception {
        key("Tab", "Tab", 9, null, 0);
    }

    void shiftTab() throws Exception {
        key("Tab", "Tab", 9, null, 8);
    }

    /** Enter as a real key press: follows a focused link, presses a focused button, submits a form from a field. */
    void enter() throws Exception {
        key("Enter", "Enter", 13, "\r", 0);
    }

    void arrowRight() throws Exception {
        key("ArrowRight", "ArrowRight", 39, null, 0);
    }

    void type(String text) throws Exception {
        browser.call("Input.insertText", new JsonObject().put("text", text));
    }

    private void key(String key, String code, int keyCode, String text, int modifiers) throws Exception {
        JsonObject down = new JsonObject().put("type", text == null ? "rawKeyDown" : "keyDown").put("key", key).put("code", code)
                .put("windowsVirtualKeyCode", keyCode).put("nativeVirtualKeyCode", keyCode).put("modifiers", modifiers);
        if (text != null) {
            down.put("text", text).put("unmodifiedText", text);
        }
        browser.call("Input.dispatchKeyEvent", down);
        browser.call("Input.dispatchKeyEvent", new JsonObject().put("type", "keyUp").put("key", key).put("code", code)
                .put("windowsVirtualKeyCode", keyCode).put("nativeVirtualKeyCode", keyCode).put("modifiers", modifiers));
    }

    Focus focus() {
        String json = browser.eval(SCRIPT + ".state()");
        if (json == null) {
            throw new IllegalStateException("the page did not answer which element has the focus");
        }
        JsonObject s = new JsonObject(json);
        JsonObject box = s.getJsonObject("box") == null ? new JsonObject() : s.getJsonObject("box");
        return new Focus(s.getInteger("i"), s.getString("d"), s.getString("tag"), s.getString("type"), s.getBoolean("ind"),
                s.getString("outline"), box.getDouble("x", 0.0), box.getDouble("y", 0.0), box.getDouble("w", 0.0),
                box.getDouble("h", 0.0), s.getDouble("vw"), s.getDouble("vh"));
    }

    /** The page's keyboard stops in document order, described. */
    List<String> stops() {
        List<String> out = new ArrayList<>();
        new JsonArray(browser.eval(SCRIPT + ".list()")).forEach(o -> out.add((String) o));
        return out;
    }

    /** The place among the stops of the first one inside the element {@code selector} (-1 if none). */
    int firstStopIn(String selector) {
        return Integer.parseInt(browser.eval(SCRIPT + ".firstIn(" + HeadlessChromium.js(selector) + ")"));
    }

    /**
     * Presses Tab (or Shift+Tab) from wherever the focus is until past the last stop (the first, going
     * back), and checks that the focus visited each stop in between once, in order, with nothing skipped
     * and nowhere stuck, each with a visible focus indicator and on screen; then one more press must leave
     * the last stop. Returns the stops visited.
     */
    List<Focus> walk(boolean forward, String page) throws Exception {
        List<String> stops = stops();
        int from = focus().index();
        int to = forward ? stops.size() - 1 : 0;
        List<String> expected = new ArrayList<>();
        if (forward) {
            for (int i = from + 1; i < stops.size(); i++) {
                expected.add(i + " " + stops.get(i));
            }
        } else {
            for (int i = (from < 0 ? stops.size() : from) - 1; i >= 0; i--) {
                expected.add(i + " " + stops.get(i));
            }
        }
        List<Focus> visited = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Focus at = focus();
        for (int n = 0; n < expected.size(); n++) {
            Focus previous = at;
            press(forward);
            at = focus();
            for (int again = 0; at.index() == previous.index() && at.index() >= 0 && previous.severalStops()
                    && again < MAX_STOPS_IN_ONE_FIELD; again++) {
                press(forward);
                at = focus();
            }
            visited.add(at);
            if (!at.indicated()) {
                problems.add(at.description() + " has no visible focus indicator (outline " + at.outline() + ", no box-shadow)");
            }
            if (!at.onScreen()) {
                problems.add(at.description() + " has the focus but is off screen at " + at.x() + "," + at.y());
            }
        }
        assertEquals(expected, visited.stream().map(f -> f.index() + " " + f.description()).toList(), page + ": "
                + (forward ? "Tab" : "Shift+Tab") + " from " + (from < 0 ? "the top" : stops.get(from)) + " visits every stop in order");
        assertEquals(List.of(), problems, page + ": every stop shows that it has the focus");
        if (!expected.isEmpty()) {
            press(forward);
            Focus after = focus();
            for (int again = 0; after.index() == to && after.severalStops() && again < MAX_STOPS_IN_ONE_FIELD; again++) {
                press(forward);
                after = focus();
            }
            assertNotEquals(to, after.index(), page + ": the focus does not stay on " + stops.get(to));
        }
        LOG.info("{}: {} reached {} of the page's {} stops in order, each outlined and on screen", page,
                forward ? "Tab" : "Shift+Tab", visited.size(), stops.size());
        return visited;
    }

    private void press(boolean forward) throws Exception {
        if (forward) {
            tab();
        } else {
            shiftTab();
        }
    }

    /** Presses Tab until the element matching {@code selector} has the focus; fails if a whole round misses it. */
    void tabTo(String selector) throws Exception {
        moveTo(selector, true);
    }

    /** Presses Shift+Tab until the element matching {@code selector} has the focus. */
    void shiftTabTo(String selector) throws Exception {
        moveTo(selector, false);
    }

    private void moveTo(String selector, boolean forward) throws Exception {
        int limit = stops().size() * 2 + 2;
        for (int n = 0; n < limit; n++) {
            if ("true".equals(browser.eval("document.activeElement === document.querySelector(" + HeadlessChromium.js(selector) + ")"))) {
                return;
            }
            press(forward);
        }
        throw new AssertionError((forward ? "Tab" : "Shift+Tab") + " never reached " + selector + " on "
                + browser.eval("location.href") + "; stops: " + stops());
    }
}
