package io.mlbj.marathon.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlbj.marathon.model.MarathonApp;
import io.mlbj.marathon.model.MarathonJson;
import io.mlbj.marathon.model.MarathonTask;
import io.mlbj.marathon.services.HealthResultCache;
import io.mlbj.marathon.services.HostResolver;
import io.mlbj.marathon.services.LabelDefinition;
import io.mlbj.marathon.services.LabelTable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/** Random apps (random labels of the label table, random tasks) never make rendering throw, and order does not matter. */
class RenderProperties {
    private static final List<LabelDefinition> LABELS = LabelTable.standard().labels();

    @Property(tries = 300)
    void randomAppsNeverThrow(@ForAll("apps") List<MarathonApp> apps, @ForAll("options") RenderOptions options) {
        RenderResult result = new MarathonConfigGenerator(options, HostResolver.literalsOnly()).generate(apps);
        // not endsWith("\n"): a template label may legitimately end without a newline, as in marathon-lb
        assertThat(result.config()).startsWith("global\n");
        assertThat(result.warnings()).allSatisfy(w -> assertThat(w.message()).isNotBlank());
        Statistics.label("has a backend").collect(result.config().contains("\nbackend "));
        Statistics.label("has a warning").collect(!result.warnings().isEmpty());
    }

    @Property(tries = 200)
    void renderingIsDeterministicWhateverTheAppOrder(@ForAll("appsWithoutDeploymentGroups") List<MarathonApp> apps,
            @ForAll("options") RenderOptions options, @ForAll long seed) {
        List<MarathonApp> shuffled = new ArrayList<>(apps);
        Collections.shuffle(shuffled, new Random(seed));
        RenderResult a = new MarathonConfigGenerator(options, HostResolver.literalsOnly(), new HealthResultCache(10)).generate(apps);
        RenderResult b = new MarathonConfigGenerator(options, HostResolver.literalsOnly(), new HealthResultCache(10)).generate(shuffled);
        assertThat(b.config()).isEqualTo(a.config());
        assertThat(b.mapFiles()).isEqualTo(a.mapFiles());
        assertThat(b.warnings()).containsExactlyInAnyOrderElementsOf(a.warnings());
    }

    @Provide
    Arbitrary<RenderOptions> options() {
        return Combinators.combine(Arbitraries.of(List.of("*"), List.of("external"), List.of("external", "internal")),
                Arbitraries.of(true, false), Arbitraries.of(true, false), Arbitraries.of(true, false),
                Arbitraries.of(true, false), Arbitraries.of(true, false))
                .as((groups, bind, map, grouped, strict, health) -> RenderOptions.builder(groups).bindHttpHttps(bind)
                        .haproxyMap(map).groupHttpsByVhost(grouped).strictMode(strict).healthCheck(health).build());
    }

    @Provide
    Arbitrary<List<MarathonApp>> apps() {
        return appList(true);
    }

    @Provide
    Arbitrary<List<MarathonApp>> appsWithoutDeploymentGroups() {
        return appList(false);
    }

    private Arbitrary<List<MarathonApp>> appList(boolean deploymentLabels) {
        return app(deploymentLabels).list().ofMaxSize(8).map(list -> {
            // Marathon app ids are unique, and so are task ids, across apps too: the verdict cache is keyed by
            // task id alone, so a shared one would make an app's servers depend on which app came first
            List<MarathonApp> out = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                MarathonApp a = list.get(i);
                String id = a.id() + i;
                out.add(a.withIdAndTasks(id, uniqueTaskIds(id, a.tasks())));
            }
            return out;
        });
    }

    private static List<MarathonTask> uniqueTaskIds(String appId, List<MarathonTask> tasks) {
        List<MarathonTask> out = new ArrayList<>();
        for (int k = 0; k < tasks.size(); k++) {
            MarathonTask t = tasks.get(k);
            out.add(new MarathonTask(appId + "." + k + "." + t.id(), t.appId(), t.host(), t.state(), t.ports(),
                    t.ipAddresses(), t.healthCheckResults(), t.startedAt()));
        }
        return out;
    }

    private Arbitrary<MarathonApp> app(boolean deploymentLabels) {
        Arbitrary<String> ids = Arbitraries.of("/web", "/a/b", "/x.y-z", "/grp/svc", "/é");
        Arbitrary<Map<String, String>> labels = Arbitraries.maps(labelName(deploymentLabels), labelValue()).ofMaxSize(12);
        Arbitrary<Integer> portCount = Arbitraries.integers().between(0, 3);
        Arbitrary<List<ObjectNode>> tasks = task().list().ofMaxSize(4);
        Arbitrary<String> networking = Arbitraries.of("host", "bridge", "ippt");
        return Combinators.combine(ids, labels, portCount, tasks, networking, Arbitraries.of(true, false))
                .as((id, ls, ports, ts, net, checks) -> {
                    ObjectNode app = MarathonJson.mapper().createObjectNode();
                    app.put("id", id).put("instances", ts.size());
                    ObjectNode l = app.putObject("labels");
                    ls.forEach(l::put);
                    if (net.equals("host")) {
                        ArrayNode defs = app.putArray("portDefinitions");
                        for (int i = 0; i < ports; i++) {
                            defs.addObject().put("port", 10000 + i);
                        }
                    } else {
                        ObjectNode docker = app.putObject("container").putObject("docker");
                        docker.put("network", net.equals("bridge") ? "BRIDGE" : "USER");
                        ArrayNode mappings = docker.putArray("portMappings");
                        for (int i = 0; i < ports; i++) {
                            mappings.addObject().put("containerPort", 80 + i).put("servicePort", 10000 + i);
                        }
                    }
                    if (checks) {
                        app.putArray("healthChecks").addObject().put("protocol", "HTTP").put("portIndex", 0)
                                .put("intervalSeconds", 2).put("timeoutSeconds", 1).put("gracePeriodSeconds", 1)
                                .put("maxConsecutiveFailures", 3);
                    }
                    ArrayNode t = app.putArray("tasks");
                    ts.forEach(t::add);
                    return MarathonJson.app(app);
                });
    }

    private Arbitrary<ObjectNode> task() {
        Arbitrary<String> hosts = Arbitraries.of("10.0.0.1", "10.0.0.2", "agent-1", "", "192.168.1.10");
        Arbitrary<List<Integer>> ports = Arbitraries.integers().between(1, 65535).list().ofMaxSize(3);
        Arbitrary<String> states = Arbitraries.of("TASK_RUNNING", "TASK_LOST", "TASK_KILLED", "TASK_STAGING", "");
        return Combinators.combine(Arbitraries.strings().alpha().ofMaxLength(6), hosts, ports, states,
                Arbitraries.of(0, 1, 2)).as((id, host, ps, state, health) -> {
                    ObjectNode task = MarathonJson.mapper().createObjectNode();
                    task.put("id", "t-" + id + "-" + host);
                    task.put("host", host);
                    if (!state.isEmpty()) {
                        task.put("state", state);
                    }
                    ArrayNode p = task.putArray("ports");
                    ps.forEach(p::add);
                    task.putArray("ipAddresses").addObject().put("ipAddress", "172.17.0." + (ps.size() + 1));
                    if (health > 0) {
                        task.putArray("healthCheckResults").addObject().put("alive", health == 1);
                    }
                    return task;
                });
    }

    private Arbitrary<String> labelName(boolean deploymentLabels) {
        List<LabelDefinition> pool = new ArrayList<>();
        for (LabelDefinition l : LABELS) {
            if (deploymentLabels || !l.name().startsWith("HAPROXY_DEPLOYMENT_")) {
                pool.add(l);
            }
        }
        Arbitrary<String> known = Combinators.combine(Arbitraries.of(pool), Arbitraries.integers().between(0, 3))
                .as((l, n) -> l.forPort(n));
        return Arbitraries.oneOf(known, Arbitraries.just("HAPROXY_GROUP"));
    }

    private Arbitrary<String> labelValue() {
        return Arbitraries.oneOf(
                Arbitraries.of("true", "false", "yes", "0", "1", "-1", "10080", "external", "internal,external", "*",
                        "http", "tcp", "realm:user:pass", "a:b", "host.example.com", "a.com,b.com", "/path",
                        "10.0.0.0/8 192.168.0.0/16", "2016-02-01T14:13:42.499089", "leastconn"),
                Arbitraries.of("  server {serverName} {host_ipv4}:{port}\n", "{backend} {{x}}\n", "{nope}\n",
                        "{healthCheck[path]}\n", "}", "{", "  option {healthCheckPortOptions}\n"),
                Arbitraries.strings().ofMaxLength(12));
    }
}
