package io.mlbj.marathon.services;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlbj.marathon.model.MarathonApp;
import io.mlbj.marathon.model.MarathonJson;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Labels, task selection, health filtering and blue/green merging of {@link ServiceCatalog}. */
class ServiceCatalogTest {

    private static List<MarathonApp> apps(String json) {
        return MarathonJson.parseAppsResponse(json);
    }

    private static ServiceCatalog.Result build(ServiceOptions options, String json) {
        return new ServiceCatalog(options, HostResolver.literalsOnly(), new HealthResultCache(100)).build(apps(json));
    }

    private static String app(String labels, String tasks) {
        return """
                {"apps": [{"id": "/web", "labels": {%s}, "portDefinitions": [{"port": 10000}, {"port": 10001}],
                  "healthChecks": [{"protocol": "HTTP", "portIndex": 0, "path": "/h", "intervalSeconds": 2,
                                    "timeoutSeconds": 5, "gracePeriodSeconds": 3, "maxConsecutiveFailures": 1}],
                  "tasks": [%s]}]}""".formatted(labels, tasks);
    }

    private static final String TASK = "{\"id\": \"web.1\", \"host\": \"10.0.0.1\", \"ports\": [31000, 31001]}";

    @ParameterizedTest(name = "weight {0} + path -> {1}")
    @CsvSource({"'', 1", "'\"HAPROXY_0_BACKEND_WEIGHT\": \"0\",', 1", "'\"HAPROXY_0_BACKEND_WEIGHT\": \"7\",', 7"})
    void pathBumpsAZeroWeightBecauseWeightIsAppliedFirst(String weightLabel, int expected) {
        Service s = build(ServiceOptions.defaults(), app(weightLabel + "\"HAPROXY_0_PATH\": \"/a\"", TASK)).services().get(0);
        assertThat(s.backendWeight()).isEqualTo(expected);
    }

    @Test
    void labelsApplyPerPortWithMarathonLbParsing() {
        ServiceCatalog.Result r = build(ServiceOptions.defaults(), app("""
                "HAPROXY_GROUP": "a, b", "HAPROXY_0_VHOST": "Web.Example.COM", "HAPROXY_0_MODE": "TCP",
                "HAPROXY_0_STICKY": "Y", "HAPROXY_1_STICKY": "1", "HAPROXY_1_PORT": " 2_000 ",
                "HAPROXY_1_GROUP": "internal", "HAPROXY_1_AUTH": "r:u:p:", "HAPROXY_0_AUTH": "r:u:p",
                "HAPROXY_0_BACKEND_HEAD": "x\\r\\n"
                """, TASK));
        assertThat(r.warnings()).singleElement().satisfies(w -> {
            assertThat(w.label()).isEqualTo("HAPROXY_1_AUTH");
            assertThat(w.portIndex()).isEqualTo(1);
        });
        Service s0 = r.services().get(0);
        assertThat(s0.groups()).containsExactly("a", " b");
        assertThat(s0.hostname()).isEqualTo("web.example.com");
        assertThat(s0.mode()).isEqualTo("tcp");
        assertThat(s0.sticky()).isTrue();
        assertThat(s0.authUser()).isEqualTo("u");
        assertThat(s0.templateOverrides()).containsEntry("BACKEND_HEAD", "x\r\n");
        assertThat(s0.healthCheck().path()).isEqualTo("/h");
    }

    @Test
    void servicePortLabelRenamesButTasksStillMatchTheMarathonPort() {
        ServiceCatalog.Result r = build(ServiceOptions.defaults(), app("\"HAPROXY_1_PORT\": \"2000\"", TASK));
        assertThat(r.services()).extracting(Service::servicePort).containsExactly(10000, 2000);
        assertThat(r.services().get(1).backends()).containsExactly(new BackendServer("10.0.0.1", "10.0.0.1", 31001, false));
    }

    @Test
    void strictModeKeepsOnlyEnabledPorts() {
        ServiceOptions strict = new ServiceOptions(true, false, 10050, 10100, null);
        ServiceCatalog.Result r = build(strict, app("\"HAPROXY_1_ENABLED\": \"true\"", TASK));
        assertThat(r.services()).extracting(Service::enabled).containsExactly(false, true);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TASK_STAGING", "TASK_STARTING", "TASK_KILLING", "TASK_FINISHED", "TASK_FAILED",
            "TASK_KILLED", "TASK_ERROR", "TASK_DROPPED", "TASK_GONE", "TASK_GONE_BY_OPERATOR", "TASK_UNKNOWN"})
    void excludedStatesDropTheTask(String state) {
        String tasks = TASK + ", {\"id\": \"web.2\", \"host\": \"10.0.0.2\", \"ports\": [1, 2], \"state\": \"" + state + "\"}";
        assertThat(build(ServiceOptions.defaults(), app("", tasks)).services().get(0).backends()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TASK_RUNNING", "TASK_LOST", "TASK_UNREACHABLE"})
    void runningLostAndUnreachableAreKept(String state) {
        String tasks = TASK + ", {\"id\": \"web.2\", \"host\": \"10.0.0.2\", \"ports\": [1, 2], \"state\": \"" + state + "\"}";
        assertThat(build(ServiceOptions.defaults(), app("", tasks)).services().get(0).backends()).hasSize(2);
    }

    @Test
    void healthCheckFlagKeepsTasksWithAnAliveResultAndRemembersVerdicts() {
        ServiceOptions checked = new ServiceOptions(false, true, 10050, 10100, null);
        HealthResultCache cache = new HealthResultCache(10);
        ServiceCatalog catalog = new ServiceCatalog(checked, HostResolver.literalsOnly(), cache);
        String first = TASK.replace("}", ", \"healthCheckResults\": [{\"alive\": false}, {\"alive\": true}]}")
                + ", {\"id\": \"web.2\", \"host\": \"10.0.0.2\", \"ports\": [1, 2], \"healthCheckResults\": [{\"alive\": false}]}"
                + ", {\"id\": \"web.3\", \"host\": \"10.0.0.3\", \"ports\": [3, 4]}";
        assertThat(catalog.build(apps(app("", first))).services().get(0).backends())
                .extracting(BackendServer::host).containsExactly("10.0.0.1");
        // the next listing has no results: the cached verdicts decide
        String second = TASK + ", {\"id\": \"web.2\", \"host\": \"10.0.0.2\", \"ports\": [1, 2]}";
        assertThat(catalog.build(apps(app("", second))).services().get(0).backends())
                .extracting(BackendServer::host).containsExactly("10.0.0.1");
    }

    @Test
    void theVerdictCacheIsKeyedByTaskIdAloneAsInMarathonLb() {
        // Marathon task ids are unique across apps; were one shared, a task listed without results would take the
        // verdict recorded for the other app's task earlier in the same listing, as marathon-lb's cache does
        ServiceOptions checked = new ServiceOptions(false, true, 10050, 10100, null);
        String withResult = """
                {"id": "/a", "portDefinitions": [{"port": 10001}],
                 "healthChecks": [{"protocol": "HTTP", "portIndex": 0}],
                 "tasks": [{"id": "t-1", "host": "10.0.0.1", "ports": [1], "healthCheckResults": [{"alive": true}]}]}""";
        String withoutResult = """
                {"id": "/b", "portDefinitions": [{"port": 10002}],
                 "healthChecks": [{"protocol": "HTTP", "portIndex": 0}],
                 "tasks": [{"id": "t-1", "host": "10.0.0.2", "ports": [2]}]}""";
        ServiceCatalog resultFirst = new ServiceCatalog(checked, HostResolver.literalsOnly(), new HealthResultCache(10));
        assertThat(resultFirst.build(apps("{\"apps\": [" + withResult + ", " + withoutResult + "]}")).services())
                .extracting(Service::appId).containsExactly("/a", "/b");
        ServiceCatalog resultLast = new ServiceCatalog(checked, HostResolver.literalsOnly(), new HealthResultCache(10));
        assertThat(resultLast.build(apps("{\"apps\": [" + withoutResult + ", " + withResult + "]}")).services())
                .extracting(Service::appId).containsExactly("/a");
    }

    @Test
    void healthcheckPortIndexBorrowsTheCheckOfAnotherPortAndForcesHttp() {
        String json = """
                {"apps": [{"id": "/web", "labels": {"HAPROXY_0_BACKEND_HEALTHCHECK_PORT_INDEX": "1"},
                  "portDefinitions": [{"port": 10000}, {"port": 10001}],
                  "healthChecks": [{"protocol": "MESOS_HTTP", "portIndex": 1, "intervalSeconds": 2,
                                    "timeoutSeconds": 5, "gracePeriodSeconds": 3, "maxConsecutiveFailures": 1}],
                  "tasks": [%s]}]}""".formatted(TASK);
        Service s0 = build(ServiceOptions.defaults(), json).services().get(0);
        assertThat(s0.healthCheck().protocol()).isEqualTo("MESOS_HTTP");
        assertThat(s0.mode()).isEqualTo("http");
    }

    @Test
    void frameworkAppIsSkipped() {
        ServiceOptions options = new ServiceOptions(false, false, 10050, 10100, "web");
        assertThat(build(options, app("", TASK)).services()).isEmpty();
    }

    @Test
    void blueGreenAppsMergeAndTheOldTasksDrain() {
        String json = """
                {"apps": [
                  {"id": "/web-blue", "instances": 2, "portDefinitions": [{"port": 10000}],
                   "labels": {"HAPROXY_DEPLOYMENT_GROUP": "web", "HAPROXY_DEPLOYMENT_STARTED_AT": "2020-01-01T00:00:00"},
                   "tasks": [{"id": "b.2", "host": "10.0.0.2", "ports": [2]}, {"id": "b.1", "host": "10.0.0.1", "ports": [1]}]},
                  {"id": "/web-green", "instances": 1, "portDefinitions": [{"port": 10001}],
                   "labels": {"HAPROXY_DEPLOYMENT_GROUP": "/web", "HAPROXY_DEPLOYMENT_STARTED_AT": "2020-01-02T00:00:00Z"},
                   "tasks": [{"id": "g.1", "host": "10.0.0.3", "ports": [3]}]}
                ]}""";
        ServiceCatalog.Result r = build(ServiceOptions.defaults(), json);
        assertThat(r.warnings()).isEmpty();
        assertThat(r.services()).singleElement().satisfies(s -> {
            assertThat(s.appId()).isEqualTo("/web");
            assertThat(s.servicePort()).isEqualTo(10000);
            // drain = min(old tasks 2, healthy new 1, 1 + 2 - target 1) = 1: the first old task by id
            assertThat(s.backends()).extracting(BackendServer::port, BackendServer::draining)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(1, true),
                            org.assertj.core.groups.Tuple.tuple(2, false), org.assertj.core.groups.Tuple.tuple(3, false));
        });
    }

    @Test
    void hybridDeploymentPicksTheNewAppByScalingTimeAndDrainsToTheTarget() {
        String json = """
                {"apps": [
                  {"id": "/w-blue", "instances": 2, "portDefinitions": [{"port": 10000}],
                   "versionInfo": {"lastScalingAt": "2020-01-05T00:00:00.000Z"},
                   "labels": {"HAPROXY_DEPLOYMENT_GROUP": "w", "HAPROXY_DEPLOYMENT_STARTED_AT": "2020-01-01T00:00:00",
                              "HAPROXY_DEPLOYMENT_TARGET_INSTANCES": "3"},
                   "tasks": [{"id": "a.1", "host": "10.0.0.1", "ports": [1]}, {"id": "a.2", "host": "10.0.0.2", "ports": [2]}]},
                  {"id": "/w-green", "instances": 2, "portDefinitions": [{"port": 10001}],
                   "versionInfo": {"lastScalingAt": "2020-01-03T00:00:00.000Z"},
                   "labels": {"HAPROXY_DEPLOYMENT_GROUP": "w", "HAPROXY_DEPLOYMENT_STARTED_AT": "2020-01-02T00:00:00",
                              "HAPROXY_DEPLOYMENT_NEW_INSTANCES": "1", "HAPROXY_DEPLOYMENT_TARGET_INSTANCES": "9"},
                   "tasks": [{"id": "b.2", "host": "10.0.0.4", "ports": [4]}, {"id": "b.1", "host": "10.0.0.3", "ports": [3]}]}
                ]}""";
        // green started later but blue scaled later, so green is "old"; target 3 comes from blue (the new one):
        // drain = min(2 old tasks, 2 new instances, 2 + 2 - 3) = 1, the first green task by id (b.1)
        Service s = build(ServiceOptions.defaults(), json).services().get(0);
        assertThat(s.appId()).isEqualTo("/w");
        assertThat(s.servicePort()).isEqualTo(10001);
        assertThat(s.backends()).filteredOn(BackendServer::draining).extracting(BackendServer::port).containsExactly(3);
        assertThat(s.backends()).hasSize(4);
    }

    @Test
    void longhelpTableListsEveryLabel() {
        String table = LabelTable.standard().markdownTable();
        assertThat(LabelTable.standard().labels()).hasSize(64);
        assertThat(table).startsWith("| Label | Scope | Description |\n| --- | --- | --- |\n")
                .contains("| `HAPROXY_{n}_VHOST` | per service port | The Marathon HTTP Virtual Host proxy hostname(s)")
                .contains("| `HAPROXY_DEPLOYMENT_GROUP` | per app | Deployment group")
                .contains("| `HAPROXY_{n}_GROUP` or `HAPROXY_GROUP` | per service port |");
        assertThat(table.lines().count()).isEqualTo(66);
    }
}
