package io.mlbj.bench.churn;

import java.util.ArrayList;
import java.util.List;

/**
 * The sticky apps of a churn run, as Marathon app definitions for the group {@code churn}: HTTP apps whose
 * tasks set {@code JSESSIONID} like a servlet container; all but the last use marathon-lb's WSO2 labels
 * ({@code cookie JSESSIONID prefix nocache}), the last marathon-lb's default {@code insert} cookie.
 */
public final class ChurnApps {
    /** The {@code --group} the apps belong to. */
    public static final String GROUP = "churn";
    /** The cookie the application (the task) sets. */
    public static final String SESSION_COOKIE = "JSESSIONID";
    /** marathon-lb's default sticky cookie ({@code HAPROXY_BACKEND_STICKY_OPTIONS}). */
    public static final String INSERT_COOKIE = "mesosphere_server_id";

    private final int count;

    /** The apps of a run with {@code count} apps. */
    public ChurnApps(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count: " + count + " (expected: >= 1)");
        }
        this.count = count;
    }

    /** How many apps. */
    public int count() {
        return count;
    }

    /** The Marathon id of app {@code index}. */
    public String id(int index) {
        return "/churn/app" + index;
    }

    /** Whether app {@code index} uses {@code insert} mode (else {@code prefix} on the session cookie). */
    public boolean insertMode(int index) {
        return index == count - 1 && count > 1;
    }

    /** The cookie that carries the server's identity for app {@code index}. */
    public String stickyCookie(int index) {
        return insertMode(index) ? INSERT_COOKIE : SESSION_COOKIE;
    }

    /** The address app {@code index}'s frontend binds ({@code HAPROXY_0_BIND_ADDR}): one loopback address each. */
    public String bindAddress(int index) {
        return "127.0.0." + (20 + index);
    }

    /** The app definition; {@code servicePort} 0 = an ephemeral port ({@code HAPROXY_0_PORT}). */
    public String definition(int index, int servicePort, int instances) {
        List<String> labels = new ArrayList<>(List.of(
                label("HAPROXY_GROUP", GROUP),
                label("HAPROXY_0_MODE", "http"),
                label("HAPROXY_0_STICKY", "true"),
                label("HAPROXY_0_PORT", Integer.toString(servicePort)),
                label("HAPROXY_0_BIND_ADDR", bindAddress(index))));
        if (!insertMode(index)) {
            labels.add(label("HAPROXY_0_BACKEND_STICKY_OPTIONS", "  cookie " + SESSION_COOKIE + " prefix nocache\\n"));
        }
        return "{\"id\":\"" + id(index) + "\",\"cmd\":\"servlet-container\",\"instances\":" + instances
                + ",\"portDefinitions\":[{\"port\":0}],\"labels\":{" + String.join(",", labels) + "}}";
    }

    private static String label(String name, String value) {
        return "\"" + name + "\":\"" + value + "\"";
    }
}
