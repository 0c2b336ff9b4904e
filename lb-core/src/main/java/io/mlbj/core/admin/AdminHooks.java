package io.mlbj.core.admin;

import io.mlbj.core.routing.ConfigWarning;
import java.util.List;

/**
 * What the admin endpoints ask of whoever feeds the proxy its routing (the Marathon daemon): the map
 * files' text, the two signals and the last sync. Called on an event loop: implementations must return
 * quickly and never block (start the work elsewhere). Every method has a default, so a config-file server
 * passes {@link #NONE}.
 */
public interface AdminHooks {
    /** No map files, no sync; both signals re-apply the routing in force. */
    AdminHooks NONE = new AdminHooks() {};

    /** {@code /_haproxy_getvhostmap}: the text of {@code domain2backend.map} ("" when not in map mode). */
    default String vhostMap() {
        return "";
    }

    /** {@code /_haproxy_getappmap}: the text of {@code app2backend.map} ("" when not in map mode). */
    default String appMap() {
        return "";
    }

    /**
     * {@code /_mlb_signal/hup}: re-sync from Marathon. {@code reapply} re-applies the routing in force
     * off the event loop (what the default does). An exception answers 500 with its message.
     */
    default void hup(Runnable reapply) {
        reapply.run();
    }

    /**
     * {@code /_mlb_signal/usr1}: re-apply the current config without asking Marathon (the default runs
     * {@code reapply}). An exception answers 500 with its message.
     */
    default void usr1(Runnable reapply) {
        reapply.run();
    }

    /** The last sync with Marathon, for the stats page. */
    default SyncStatus lastSync() {
        return SyncStatus.NEVER;
    }

    /**
     * Problems of the last sync that are not in the config text (an app or label skipped), shown on the
     * stats page with the config's own warnings; {@code file} names the app or label source.
     */
    default List<ConfigWarning> syncWarnings() {
        return List.of();
    }
}
