package io.mlbj.marathon.emulator;

import static io.mlbj.marathon.emulator.MarathonEventJson.JSON;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The emulated Marathon's state: apps and their tasks, changed the way Marathon's API changes
 * them, each change announced on the event bus. All methods are atomic (one lock).
 *
 * <p>With a kill grace period, a killed task is {@code TASK_KILLING} (still listed, as Marathon lists it, and
 * announced) while its backend keeps serving; when the period ends the backend stops and the task becomes
 * {@code TASK_KILLED} and leaves the list, as with Marathon's {@code taskKillGracePeriodSeconds}.
 */
final class EmulatedApps {
    private static final String AGENT_ID = "emulator-agent-S0";
    private static final List<String> RENDERED_ONLY =
            List.of("tasks", "tasksStaged", "tasksRunning", "tasksHealthy", "tasksUnhealthy", "deployments");

    private final TaskLauncher launcher;
    private final Clock clock;
    private final Consumer<ObjectNode> events;
    private final Map<String, ObjectNode> apps = new LinkedHashMap<>();
    private final Map<String, List<ObjectNode>> tasks = new LinkedHashMap<>();
    /** Tasks in their kill grace period, per app: listed as TASK_KILLING, not counted as instances. */
    private final Map<String, List<ObjectNode>> killing = new LinkedHashMap<>();
    private volatile boolean newTasksHealthy = true;
    private Duration killGracePeriod = Duration.ZERO;
    private ScheduledExecutorService reaper;

    EmulatedApps(TaskLauncher launcher, Clock clock, Consumer<ObjectNode> events) {
        this.launcher = requireNonNull(launcher, "launcher");
        this.clock = requireNonNull(clock, "clock");
        this.events = requireNonNull(events, "events");
    }

    void newTasksHealthy(boolean healthy) {
        newTasksHealthy = healthy;
    }

    /** How long a killed task's backend keeps serving (zero: it stops at once, the default). */
    synchronized void killGracePeriod(Duration period) {
        killGracePeriod = requireNonNull(period, "period");
    }

    /** Ends every grace period now (their backends stop) and releases the timer thread. */
    synchronized void close() {
        if (reaper != null) {
            reaper.shutdownNow();
            reaper = null;
        }
        killing.values().forEach(appKilling -> appKilling.forEach(this::stopped));
        killing.clear();
    }

    /** {@code GET /v2/apps}: every app, with its tasks when {@code embedTasks}. */
    synchronized ObjectNode list(boolean embedTasks) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode array = root.putArray("apps");
        apps.keySet().forEach(id -> array.add(render(id, embedTasks)));
        return root;
    }

    /** {@code GET /v2/apps/{id}}: one app with its tasks. */
    synchronized ObjectNode get(String id) {
        ObjectNode root = JSON.createObjectNode();
        root.set("app", render(existing(id), true));
        return root;
    }

    /** {@code POST /v2/apps}: creates an app and launches its instances. */
    synchronized ObjectNode create(JsonNode definition) {
        if (!definition.isObject()) {
            throw new EmulatorException(422, "Object is not valid: expected a JSON object");
        }
        ObjectNode app = ((ObjectNode) definition).deepCopy();
        String id = AppDefinitions.canonicalId(app.path("id").asText(null));
        if (id == null) {
            throw new EmulatorException(422, "Object is not valid: /id: " + app.path("id") + " is not a valid app id");
        }
        if (apps.containsKey(id)) {
            throw new EmulatorException(409, "An app with id [" + id + "] already exists.");
        }
        app.put("id", id);
        app.remove(RENDERED_ONLY);
        AppDefinitions.normalize(app, usedServicePorts());
        String version = stamp(app, true);
        apps.put(id, app);
        tasks.put(id, new ArrayList<>());
        String deployment = UUID.randomUUID().toString();
        events.accept(MarathonEventJson.apiPost("/v2/apps", app.deepCopy(), now()));
        events.accept(MarathonEventJson.deploymentInfo(deployment, id, "StartApplication", version, now()));
        scaleTo(id, app.path("instances").asInt());
        events.accept(MarathonEventJson.deploymentSuccess(deployment, id, "StartApplication", version, now()));
        return render(id, false);
    }

    /** {@code PUT /v2/apps/{id}}: a partial update; a changed definition restarts the tasks. */
    synchronized ObjectNode update(String rawId, JsonNode patch) {
        String id = AppDefinitions.canonicalId(rawId);
        if (!patch.isObject()) {
            throw new EmulatorException(422, "Object is not valid: expected a JSON object");
        }
        if (id == null || !apps.containsKey(id)) {
            ObjectNode created = ((ObjectNode) patch).deepCopy();
            created.put("id", rawId);
            create(created);
            return deploymentAnswer(apps.get(AppDefinitions.canonicalId(rawId)));
        }
        ObjectNode app = apps.get(id);
        ObjectNode changed = app.deepCopy();
        patch.properties().forEach(f -> changed.set(f.getKey(), f.getValue().deepCopy()));
        changed.put("id", id);
        changed.remove(RENDERED_ONLY);
        AppDefinitions.normalize(changed, usedServicePorts());
        boolean onlyScale = withoutInstances(changed).equals(withoutInstances(app));
        String version = stamp(changed, !onlyScale);
        apps.put(id, changed);
        String deployment = UUID.randomUUID().toString();
        events.accept(MarathonEventJson.apiPost("/v2/apps" + id, changed.deepCopy(), now()));
        String action = onlyScale ? "ScaleApplication" : "RestartApplication";
        events.accept(MarathonEventJson.deploymentInfo(deployment, id, action, version, now()));
        if (!onlyScale) {
            killAll(id);
        }
        scaleTo(id, changed.path("instances").asInt());
        events.accept(MarathonEventJson.deploymentSuccess(deployment, id, action, version, now()));
        ObjectNode answer = JSON.createObjectNode();
        answer.put("version", version);
        answer.put("deploymentId", deployment);
        return answer;
    }

    /** {@code DELETE /v2/apps/{id}}: kills every task and removes the app. */
    synchronized ObjectNode delete(String rawId) {
        String id = existing(rawId);
        String deployment = UUID.randomUUID().toString();
        String version = now().toString();
        events.accept(MarathonEventJson.deploymentInfo(deployment, id, "StopApplication", version, now()));
        killAll(id);
        apps.remove(id);
        tasks.remove(id);
        events.accept(MarathonEventJson.appTerminated(id, now()));
        events.accept(MarathonEventJson.deploymentSuccess(deployment, id, "StopApplication", version, now()));
        ObjectNode answer = JSON.createObjectNode();
        answer.put("version", version);
        answer.put("deploymentId", deployment);
        return answer;
    }

    /** {@code DELETE /v2/apps/{id}/tasks/{taskId}}: kills a task; Marathon replaces it unless {@code scale}. */
    synchronized ObjectNode killTask(String rawAppId, String taskId, boolean scale) {
        String id = existing(rawAppId);
        ObjectNode task = removeTask(id, taskId);
        if (task == null) {
            throw new EmulatorException(404, "Task '" + taskId + "' does not exist");
        }
        if (scale) {
            ObjectNode app = apps.get(id);
            app.put("instances", Math.max(0, app.path("instances").asInt() - 1));
            ((ObjectNode) app.path("versionInfo")).put("lastScalingAt", stamp(app, false));
        } else {
            scaleTo(id, apps.get(id).path("instances").asInt());
        }
        ObjectNode answer = JSON.createObjectNode();
        answer.set("task", task);
        return answer;
    }

    /** Sets a task's health check result and announces it; false when the task is unknown. */
    synchronized boolean setHealth(String taskId, boolean alive) {
        for (List<ObjectNode> appTasks : tasks.values()) {
            for (ObjectNode task : appTasks) {
                if (task.path("id").asText().equals(taskId)) {
                    ArrayNode results = task.putArray("healthCheckResults");
                    results.add(healthResult(taskId, alive));
                    events.accept(MarathonEventJson.healthChanged(task, alive, now()));
                    return true;
                }
            }
        }
        return false;
    }

    /** The ids of an app's tasks, oldest first. */
    synchronized List<String> taskIds(String rawAppId) {
        List<String> ids = new ArrayList<>();
        tasks.getOrDefault(existing(rawAppId), List.of()).forEach(t -> ids.add(t.path("id").asText()));
        return ids;
    }

    private void scaleTo(String id, int instances) {
        ObjectNode app = apps.get(id);
        List<ObjectNode> appTasks = tasks.get(id);
        while (appTasks.size() > instances) {
            ObjectNode task = appTasks.remove(appTasks.size() - 1);
            kill(task);
        }
        while (appTasks.size() < instances) {
            appTasks.add(launch(app));
        }
    }

    private ObjectNode launch(ObjectNode app) {
        String id = app.path("id").asText();
        String taskId = id.substring(1).replace('/', '_') + "." + UUID.randomUUID();
        LaunchedTask launched = launcher.launch(id, taskId, AppDefinitions.portCount(app));
        ObjectNode task = JSON.createObjectNode();
        task.put("id", taskId);
        task.put("slaveId", AGENT_ID);
        task.put("host", launched.host());
        task.put("state", "TASK_RUNNING");
        task.put("stagedAt", now().toString());
        task.put("startedAt", now().toString());
        ArrayNode ports = task.putArray("ports");
        launched.ports().forEach(ports::add);
        task.set("servicePorts", AppDefinitions.servicePorts(app));
        task.putArray("ipAddresses").addObject().put("ipAddress", launched.ipAddress()).put("protocol", "IPv4");
        task.put("appId", id);
        task.put("version", app.path("version").asText());
        if (app.path("healthChecks").size() > 0) {
            task.putArray("healthCheckResults").add(healthResult(taskId, newTasksHealthy));
        }
        events.accept(MarathonEventJson.statusUpdate(task, "TASK_RUNNING", now()));
        return task;
    }

    private void killAll(String id) {
        List<ObjectNode> appTasks = tasks.get(id);
        for (Iterator<ObjectNode> it = appTasks.iterator(); it.hasNext(); ) {
            ObjectNode task = it.next();
            it.remove();
            kill(task);
        }
    }

    private ObjectNode removeTask(String id, String taskId) {
        for (Iterator<ObjectNode> it = tasks.get(id).iterator(); it.hasNext(); ) {
            ObjectNode task = it.next();
            if (task.path("id").asText().equals(taskId)) {
                it.remove();
                kill(task);
                return task;
            }
        }
        return null;
    }

    private void kill(ObjectNode task) {
        if (killGracePeriod.isZero()) {
            stopped(task);
            return;
        }
        task.put("state", "TASK_KILLING");
        events.accept(MarathonEventJson.statusUpdate(task, "TASK_KILLING", now()));
        String appId = task.path("appId").asText();
        killing.computeIfAbsent(appId, k -> new ArrayList<>()).add(task);
        if (reaper == null) {
            reaper = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "emulator-kill-grace");
                t.setDaemon(true);
                return t;
            });
        }
        reaper.schedule(() -> graceEnded(appId, task), killGracePeriod.toNanos(), TimeUnit.NANOSECONDS);
    }

    private synchronized void graceEnded(String appId, ObjectNode task) {
        List<ObjectNode> appKilling = killing.get(appId);
        if (appKilling != null && appKilling.remove(task)) {
            stopped(task);
        }
    }

    private void stopped(ObjectNode task) {
        launcher.kill(task.path("id").asText());
        task.put("state", "TASK_KILLED");
        events.accept(MarathonEventJson.statusUpdate(task, "TASK_KILLED", now()));
    }

    private ObjectNode healthResult(String taskId, boolean alive) {
        ObjectNode result = JSON.createObjectNode();
        result.put("alive", alive);
        result.put("consecutiveFailures", alive ? 0 : 1);
        result.put("firstSuccess", alive ? now().toString() : null);
        result.put("lastFailure", alive ? null : now().toString());
        result.put("lastSuccess", alive ? now().toString() : null);
        result.put("lastFailureCause", alive ? null : "emulator: marked unhealthy");
        result.put("taskId", taskId);
        return result;
    }

    private ObjectNode render(String id, boolean embedTasks) {
        ObjectNode app = apps.get(id).deepCopy();
        List<ObjectNode> appTasks = tasks.get(id);
        long healthy = appTasks.stream().filter(t -> t.path("healthCheckResults").path(0).path("alive").asBoolean(false)).count();
        long unhealthy = appTasks.stream().filter(t -> t.path("healthCheckResults").path(0).has("alive")
                && !t.path("healthCheckResults").path(0).path("alive").asBoolean()).count();
        app.put("tasksStaged", 0);
        app.put("tasksRunning", appTasks.size());
        app.put("tasksHealthy", healthy);
        app.put("tasksUnhealthy", unhealthy);
        app.putArray("deployments");
        if (embedTasks) {
            ArrayNode array = app.putArray("tasks");
            appTasks.forEach(t -> array.add(t.deepCopy()));
            killing.getOrDefault(id, List.of()).forEach(t -> array.add(t.deepCopy()));
        }
        return app;
    }

    private String existing(String rawId) {
        String id = AppDefinitions.canonicalId(rawId);
        if (id == null || !apps.containsKey(id)) {
            throw new EmulatorException(404, "App '" + (id == null ? rawId : id) + "' does not exist");
        }
        return id;
    }

    private String stamp(ObjectNode app, boolean configChange) {
        String version = now().toString();
        app.put("version", version);
        ObjectNode info = app.path("versionInfo").isObject() ? (ObjectNode) app.path("versionInfo") : app.putObject("versionInfo");
        info.put("lastScalingAt", version);
        if (configChange || !info.has("lastConfigChangeAt")) {
            info.put("lastConfigChangeAt", version);
        }
        return version;
    }

    private Set<Integer> usedServicePorts() {
        Set<Integer> used = new HashSet<>();
        apps.values().forEach(a -> AppDefinitions.servicePorts(a).forEach(p -> used.add(p.asInt())));
        return used;
    }

    private static JsonNode withoutInstances(ObjectNode app) {
        ObjectNode copy = app.deepCopy();
        copy.remove(List.of("instances", "version", "versionInfo"));
        return copy;
    }

    private ObjectNode deploymentAnswer(ObjectNode app) {
        ObjectNode answer = JSON.createObjectNode();
        answer.put("version", app.path("version").asText());
        answer.put("deploymentId", UUID.randomUUID().toString());
        return answer;
    }

    private Instant now() {
        return clock.instant();
    }
}
