package io.mlbj.core.admin;

import static java.util.Objects.requireNonNull;

/**
 * One line of the stats page and CSV: a frontend, a backend or one of its servers, with its counters
 * (null when nothing was counted yet: all zero).
 *
 * @param proxyId HAProxy's {@code iid} (1-based position of the proxy)
 * @param serverId HAProxy's {@code sid} (1-based position of the server; 0 for frontends and backends)
 * @param weight the server's weight (the sum of usable servers' weights for a backend), -1 for frontends
 * @param cookie the server's cookie value, null when none
 * @param activeServers usable non-backup servers of a backend (1/0 for a server, 0 for a backup one), -1 for
 *     frontends
 * @param backupServers usable backup servers of a backend (1 for a backup server, else 0)
 * @param active connections or exchanges in progress (servers: from the balancers' ServerStatus)
 * @param limit {@code maxconn}, 0 = none
 * @param checked whether the server is actively checked
 * @param lastCheck check result text, null when unknown
 * @param lastChange seconds since the last state change, -1 when unknown
 */
public record StatsRow(
        String proxy,
        String name,
        Type type,
        ProxyCounters counters,
        String status,
        int proxyId,
        int serverId,
        int weight,
        String cookie,
        int activeServers,
        long active,
        int limit,
        boolean checked,
        String lastCheck,
        long lastChange,
        BackendCounters backend,
        int backupServers) {

    /** HAProxy's {@code type} column: 0 frontend, 1 backend, 2 server. */
    public enum Type { FRONTEND, BACKEND, SERVER }

    public StatsRow {
        requireNonNull(proxy, "proxy");
        requireNonNull(name, "name");
        requireNonNull(type, "type");
        requireNonNull(status, "status");
    }

    /** A line with no backup server. */
    public StatsRow(String proxy, String name, Type type, ProxyCounters counters, String status, int proxyId,
            int serverId, int weight, String cookie, int activeServers, long active, int limit, boolean checked,
            String lastCheck, long lastChange, BackendCounters backend) {
        this(proxy, name, type, counters, status, proxyId, serverId, weight, cookie, activeServers, active, limit,
                checked, lastCheck, lastChange, backend, 0);
    }
}
