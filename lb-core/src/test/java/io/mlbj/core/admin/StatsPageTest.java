package io.mlbj.core.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The HTML stats page's server columns: Act/Bck as HAProxy's page shows them, backup and NOLB rows marked. */
class StatsPageTest {
    private static StatsRow server(String name, String status, int act, int bck, long conns) {
        return new StatsRow("app_be", name, StatsRow.Type.SERVER, null, status, 3, 1, 100, null, act, conns, 0, true,
                "L7OK", 5, null, bck);
    }

    private static List<String> cells(String html, String name) {
        Matcher row = Pattern.compile("<tr class=\"([^\"]*)\" data-name=\"" + name + "\">(.*?)</tr>").matcher(html);
        assertThat(row.find()).as("row " + name).isTrue();
        List<String> out = new ArrayList<>();
        out.add(row.group(1));
        Matcher td = Pattern.compile("<td[^>]*>(.*?)</td>").matcher(row.group(2));
        while (td.find()) {
            out.add(td.group(1));
        }
        return out;
    }

    @Test
    void backupServersHaveABckColumnAndTheirOwnRowClass() {
        String html = StatsPage.render(List.of(server("p1", "UP", 1, 0, 7), server("b1", "UP", 0, 1, 0),
                server("n1", "NOLB", 0, 0, 2)), new StatsPage.Extras(SyncStatus.NEVER, List.of(), Instant.now()),
                false, 0, "/haproxy?stats");
        assertThat(html).contains("<th colspan=\"7\">Server</th>")
                .contains("<th>Cookie</th><th>Act</th><th>Bck</th><th>Conn</th>");
        List<String> p1 = cells(html, "p1");
        List<String> b1 = cells(html, "b1");
        List<String> n1 = cells(html, "n1");
        assertThat(p1.get(0)).isEqualTo("server s-UP");
        assertThat(b1.get(0)).isEqualTo("server bck s-UP");
        assertThat(n1.get(0)).isEqualTo("server s-NOLB");
        // the last three cells: Act, Bck, Conn
        assertThat(p1.subList(p1.size() - 3, p1.size())).containsExactly("1", "0", "7");
        assertThat(b1.subList(b1.size() - 3, b1.size())).containsExactly("0", "1", "0");
        assertThat(n1.subList(n1.size() - 3, n1.size())).containsExactly("0", "0", "2");
        assertThat(html).contains("tr.s-NOLB{").contains("tr.server.bck.s-UP{");
    }
}
