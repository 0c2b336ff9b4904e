package io.mlbj.core.balance;

import io.mlbj.core.routing.RequestView;
import io.mlbj.core.routing.Server;
import java.util.List;

/**
 * A backend with {@code backup} servers: they take balanced traffic only when no non-backup server is
 * usable (up, not NOLB, weight above 0); then the first usable backup in declaration order takes it all,
 * or with {@code option allbackups} every usable backup, balanced by the backend's algorithm (HAProxy's
 * {@code fbck} and {@code PR_O_USE_ALL_BK}). Sticky sessions naming a backup server do not pass here.
 */
final class BackupBalancer implements Balancer {
    private final Balancer primaries;
    private final Server[] backups;
    private final Balancer allBackups;

    /**
     * @param primaries the balancer of the non-backup servers
     * @param backups the enabled backup servers of weight above 0, in declaration order
     * @param allBackups the balancer of {@code backups} under {@code option allbackups}; null without it
     */
    BackupBalancer(Balancer primaries, List<Server> backups, Balancer allBackups) {
        this.primaries = primaries;
        this.backups = backups.toArray(new Server[0]);
        this.allBackups = allBackups;
    }

    @Override
    public Server choose(RequestView request, ServerStatus status, Server excluded) {
        Server primary = primaries.choose(request, status, excluded);
        if (primary != null) {
            return primary;
        }
        if (allBackups != null) {
            return allBackups.choose(request, status, excluded);
        }
        boolean sawExcluded = false;
        for (Server backup : backups) {
            if (backup == excluded) {
                sawExcluded = true;
            } else if (status.effectiveWeight(backup) > 0) {
                return backup;
            }
        }
        return sawExcluded && status.effectiveWeight(excluded) > 0 ? excluded : null;
    }
}
