package io.mlbj.marathon.services;

import io.mlbj.marathon.model.MarathonApp;
import io.mlbj.marathon.model.Network;

/** marathon-lb's networking mode of an app: {@code host}, {@code container} (IP-per-task) or {@code container/bridge}. */
public final class NetworkingMode {
    /** Host networking: servers are agent host + host port. */
    public static final String HOST = "host";
    /** IP-per-task: servers are task IP + container/discovery port. */
    public static final String CONTAINER = "container";
    /** Docker bridge: servers are agent host + mapped host port. */
    public static final String BRIDGE = "container/bridge";

    private NetworkingMode() {}

    /** The mode string of {@code app} (Marathon 1.5+ {@code networks[].mode} wins; the last entry counts). */
    public static String of(MarathonApp app) {
        String mode = HOST;
        if (app.ipAddress() != null && app.ipAddress().present()) {
            mode = CONTAINER;
        }
        String dockerNetwork = app.container() == null || app.container().docker() == null
                ? null : app.container().docker().network();
        if ("USER".equals(dockerNetwork)) {
            mode = CONTAINER;
        } else if ("BRIDGE".equals(dockerNetwork)) {
            mode = BRIDGE;
        }
        if (app.networks() != null) {
            for (Network n : app.networks()) {
                mode = n == null || n.mode() == null ? CONTAINER : n.mode();
            }
        }
        return mode;
    }
}
