package io.mlbj.marathon.daemon;

import io.mlbj.core.admin.AdminHooks;
import io.mlbj.core.admin.SyncStatus;
import io.mlbj.core.routing.ConfigWarning;
import io.mlbj.marathon.services.AppWarning;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The admin endpoints' view of the daemon: map texts of the live config, {@code /_mlb_signal/hup} as a
 * re-sync from Marathon, the last sync and the apps it skipped. Until the daemon runs, the defaults apply.
 */
final class DaemonAdminHooks implements AdminHooks {
    // Set once when the daemon starts (the runtime exists before the daemon that feeds it).
    private final AtomicReference<MarathonLbDaemon> daemon = new AtomicReference<>();

    void attach(MarathonLbDaemon d) {
        daemon.set(d);
    }

    @Override
    public String vhostMap() {
        MarathonLbDaemon d = daemon.get();
        return d == null ? "" : d.vhostMap();
    }

    @Override
    public String appMap() {
        MarathonLbDaemon d = daemon.get();
        return d == null ? "" : d.appMap();
    }

    @Override
    public void hup(Runnable reapply) {
        MarathonLbDaemon d = daemon.get();
        if (d == null) {
            throw new IllegalStateException("the daemon is starting");
        }
        d.resync(); // only queues a fetch: never blocks the event loop
    }

    @Override
    public SyncStatus lastSync() {
        MarathonLbDaemon d = daemon.get();
        if (d == null) {
            return SyncStatus.NEVER;
        }
        ConfigSyncStatus s = d.syncStatus();
        if (s.lastSyncAt().isEmpty()) {
            return SyncStatus.NEVER;
        }
        return s.lastResult() == ConfigSyncStatus.Result.FAILED
                ? SyncStatus.failed(s.lastSyncAt().get(), s.lastDuration(), s.lastError().orElse("failed"))
                : SyncStatus.succeeded(s.lastSyncAt().get(), s.lastDuration());
    }

    @Override
    public List<ConfigWarning> syncWarnings() {
        MarathonLbDaemon d = daemon.get();
        return d == null ? List.of() : d.syncStatus().appWarnings().stream().map(DaemonAdminHooks::asWarning).toList();
    }

    private static ConfigWarning asWarning(AppWarning w) {
        String where = w.portIndex() < 0 ? "app " + w.appId() : "app " + w.appId() + " port " + w.portIndex();
        String label = w.label() == null || w.label().isEmpty() ? "" : w.label() + ": ";
        return new ConfigWarning(where, 0, label + w.message());
    }
}
