package io.mlbj.core.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlbj.core.balance.ServerStatus;
import io.mlbj.core.haproxy.ConfigInterpreter;
import io.mlbj.core.haproxy.MapFileReader;
import io.mlbj.core.routing.RoutingSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The CSV against HAProxy's own output (marathon-lb's sample): same columns, same empty cells per row type. */
class StatsCsvTest {
    /**
     * Not compared: columns whose presence depends on active health checks (results, transitions), and
     * {@code slim}, which HAProxy always fills from its default maxconn/fullconn while we leave it empty
     * when no limit is configured.
     */
    private static final Set<String> CHECK_COLUMNS = Set.of("chkfail", "chkdown", "lastchg", "downtime",
            "check_status", "check_code", "check_duration", "last_chk", "slim");

    private List<String[]> sample;
    private List<String> header;

    @BeforeEach
    void readSample() {
        sample = new ArrayList<>();
        for (String line : AdminFixture.resource("haproxy_stats.csv").split("\n")) {
            if (line.startsWith("# ")) {
                header = List.of(line.substring(2).split(","));
            } else if (!line.isBlank()) {
                sample.add(line.split(",", -1));
            }
        }
    }

    private String[] sampleRow(String px, String sv) {
        return sample.stream().filter(r -> r[0].equals(px) && r[1].equals(sv)).findFirst().orElseThrow();
    }

    private static List<String[]> render(String config, TrafficStats traffic) throws Exception {
        RoutingSnapshot s = new ConfigInterpreter(MapFileReader.NONE, false).interpret(config, "haproxy.cfg");
        String csv = StatsCsv.render(StatsRows.collect(s, traffic, ServerStatus.ALL_UP));
        List<String[]> rows = new ArrayList<>();
        String[] lines = csv.split("\n");
        assertThat(lines[0]).isEqualTo("# " + String.join(",", StatsCsv.COLUMNS) + ",");
        for (int i = 1; i < lines.length; i++) {
            rows.add(lines[i].split(",", -1));
        }
        return rows;
    }

    @Test
    void columnsAreHaproxysColumnByColumn() {
        assertThat(StatsCsv.COLUMNS).hasSize(header.size());
        for (int i = 0; i < header.size(); i++) {
            assertThat(StatsCsv.COLUMNS.get(i)).as("column %d", i).isEqualTo(header.get(i));
        }
    }

    @Test
    void emptyCellsMatchHaproxyPerRowType() throws Exception {
        TrafficStats traffic = TrafficStats.unpublished();
        traffic.frontend("http-in").sessionOpened();
        traffic.backend("www").server("www").sessionOpened();
        List<String[]> rows = render("""
                frontend http-in
                  bind 127.0.0.1:8080
                  mode http
                  default_backend www
                backend www
                  mode http
                  server www 127.0.0.1:9000 check
                """, traffic);
        assertSameShape(rows.get(0), sampleRow("http-in", "FRONTEND"));
        assertSameShape(rows.get(1), sampleRow("www", "www"));
        assertSameShape(rows.get(2), sampleRow("www", "BACKEND"));
        assertThat(rows.get(0)[header.indexOf("scur")]).isEqualTo("1");
        assertThat(rows.get(1)[header.indexOf("status")]).isEqualTo("UP");
        assertThat(rows.get(1)[header.indexOf("lastsess")]).isEqualTo("0");
        assertThat(rows.get(2)[header.indexOf("type")]).isEqualTo("1");
    }

    @Test
    void disabledServersAreMaintAndNamesCannotShiftColumns() throws Exception {
        List<String[]> rows = render("""
                backend demo
                  mode http
                  server a 127.0.0.1:9000 disabled
                  server b 127.0.0.1:9001 weight 0
                  server c 127.0.0.1:9002
                """, TrafficStats.unpublished());
        int status = header.indexOf("status");
        assertThat(rows).extracting(r -> r[1] + "=" + r[status])
                .containsExactly("a=MAINT", "b=DRAIN", "c=no check", "BACKEND=UP");
        for (String[] r : rows) {
            assertThat(r).hasSize(header.size() + 1);
            assertThat(r[header.indexOf("scur")]).isEqualTo("0");
            assertThat(r[header.indexOf("qcur")]).isEqualTo("0");
        }
    }

    private void assertSameShape(String[] ours, String[] haproxy) {
        assertThat(ours).hasSize(haproxy.length);
        for (int i = 0; i < header.size(); i++) {
            if (!CHECK_COLUMNS.contains(header.get(i))) {
                assertThat(ours[i].isEmpty()).as("%s,%s column %s: ours '%s', HAProxy's '%s'", ours[0], ours[1],
                        header.get(i), ours[i], haproxy[i]).isEqualTo(haproxy[i].isEmpty());
            }
        }
    }
}
