package io.mlbj.core.admin;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * HAProxy's {@code ;csv} stats format (the columns of HAProxy 1.7+, as marathon-lb's zero-downtime
 * deploy script reads them): a {@code # pxname,svname,...} header, then one line per {@link StatsRow},
 * every line ending with a comma. Columns HAProxy leaves empty for a row type are empty here too.
 */
public final class StatsCsv {
    /** The columns, in order. */
    public static final List<String> COLUMNS = List.of(("pxname,svname,qcur,qmax,scur,smax,slim,stot,bin,bout,dreq,dresp,"
            + "ereq,econ,eresp,wretr,wredis,status,weight,act,bck,chkfail,chkdown,lastchg,downtime,qlimit,pid,iid,sid,"
            + "throttle,lbtot,tracked,type,rate,rate_lim,rate_max,check_status,check_code,check_duration,hrsp_1xx,"
            + "hrsp_2xx,hrsp_3xx,hrsp_4xx,hrsp_5xx,hrsp_other,hanafail,req_rate,req_rate_max,req_tot,cli_abrt,srv_abrt,"
            + "comp_in,comp_out,comp_byp,comp_rsp,lastsess,last_chk,last_agt,qtime,ctime,rtime,ttime").split(","));
    private static final Map<String, Integer> INDEX = new HashMap<>();
    private static final ProxyCounters ZERO = new ProxyCounters();

    static {
        for (int i = 0; i < COLUMNS.size(); i++) {
            INDEX.put(COLUMNS.get(i), i);
        }
    }

    private StatsCsv() {}

    /** The whole CSV text for {@code rows}. */
    public static String render(List<StatsRow> rows) {
        StringBuilder out = new StringBuilder(256 + rows.size() * 160);
        out.append("# ").append(String.join(",", COLUMNS)).append(",\n");
        long pid = ProcessHandle.current().pid();
        for (StatsRow r : rows) {
            for (String v : line(r, pid)) {
                out.append(v).append(',');
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String[] line(StatsRow r, long pid) {
        String[] v = new String[COLUMNS.size()];
        Arrays.fill(v, "");
        ProxyCounters c = r.counters() == null ? ZERO : r.counters();
        set(v, "pxname", r.proxy());
        set(v, "svname", r.name());
        set(v, "scur", c.sessionsCurrent());
        set(v, "smax", c.sessionsMax());
        set(v, "slim", r.limit() > 0 ? Integer.toString(r.limit()) : "");
        set(v, "stot", c.sessionsTotal());
        set(v, "bin", c.bytesIn());
        set(v, "bout", c.bytesOut());
        set(v, "dresp", 0);
        set(v, "status", r.status());
        set(v, "pid", pid);
        set(v, "iid", r.proxyId());
        set(v, "sid", r.serverId());
        set(v, "rate", c.sessionRate());
        set(v, "rate_max", c.sessionRateMax());
        for (int i = 0; i < ProxyCounters.RESPONSE_CLASSES.length; i++) {
            set(v, "hrsp_" + ProxyCounters.RESPONSE_CLASSES[i], c.responses(i));
        }
        switch (r.type()) {
            case FRONTEND -> {
                set(v, "dreq", 0);
                set(v, "ereq", c.requestErrors());
                set(v, "type", 0);
                set(v, "rate_lim", 0);
                set(v, "req_rate", c.requestRate());
                set(v, "req_rate_max", c.requestRateMax());
                set(v, "req_tot", c.requests());
                for (String k : List.of("comp_in", "comp_out", "comp_byp", "comp_rsp")) {
                    set(v, k, 0);
                }
            }
            case BACKEND -> {
                serverOrBackend(v, r, c);
                set(v, "dreq", 0);
                set(v, "bck", r.backupServers());
                set(v, "type", 1);
                for (String k : List.of("comp_in", "comp_out", "comp_byp", "comp_rsp")) {
                    set(v, k, 0);
                }
                if (r.backend() != null) {
                    set(v, "ctime", Math.round(r.backend().meanConnectMillis()));
                    set(v, "rtime", Math.round(r.backend().responseTime().mean(TimeUnit.MILLISECONDS)));
                }
            }
            case SERVER -> {
                serverOrBackend(v, r, c);
                set(v, "bck", r.backupServers());
                set(v, "type", 2);
                set(v, "hanafail", 0);
                if (r.checked()) {
                    set(v, "chkfail", c.checksFailed());
                    set(v, "chkdown", 0);
                    set(v, "check_status", r.lastCheck() == null ? "" : r.lastCheck());
                }
                set(v, "lbtot", c.balancedTotal());
            }
        }
        return v;
    }

    private static void serverOrBackend(String[] v, StatsRow r, ProxyCounters c) {
        set(v, "qcur", 0);
        set(v, "qmax", 0);
        set(v, "econ", c.connectErrors());
        set(v, "eresp", c.responseErrors());
        set(v, "wretr", c.retries());
        set(v, "wredis", c.redispatches());
        set(v, "weight", r.weight());
        set(v, "act", r.activeServers());
        set(v, "lastchg", r.lastChange() >= 0 ? Long.toString(r.lastChange()) : "");
        set(v, "downtime", r.lastChange() >= 0 ? "0" : "");
        if (r.type() == StatsRow.Type.BACKEND) {
            set(v, "chkdown", 0);
        }
        set(v, "lastsess", c.secondsSinceLastSession());
        set(v, "cli_abrt", 0);
        set(v, "srv_abrt", 0);
        set(v, "qtime", 0);
        set(v, "ctime", 0);
        set(v, "rtime", 0);
        set(v, "ttime", 0);
        if (r.type() == StatsRow.Type.BACKEND) {
            set(v, "lbtot", c.sessionsTotal());
        }
    }

    // Numbers need no escaping and no boxing (a page of 40,000 rows sets 2 million cells).
    private static void set(String[] v, String column, long value) {
        v[INDEX.get(column)] = Long.toString(value);
    }

    private static void set(String[] v, String column, Object value) {
        String s = String.valueOf(value);
        // Names come from the config; a comma or line break would shift the columns.
        v[INDEX.get(column)] = s.replace(',', '_').replace('\n', ' ').replace('\r', ' ');
    }
}
