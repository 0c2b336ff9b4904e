package io.mlbj.marathon.services;

import static java.util.Objects.requireNonNull;

import io.mlbj.marathon.model.HealthCheck;
import io.mlbj.marathon.model.HealthCheckResult;
import io.mlbj.marathon.model.MarathonApp;
import io.mlbj.marathon.model.MarathonTask;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns Marathon apps into services, one per (app, service port), with their servers (marathon-lb's
 * {@code get_apps}). A bad label skips that service port with a warning instead of aborting everything.
 */
public final class ServiceCatalog {
    /** Task states marathon-lb never routes to (RUNNING, LOST, UNREACHABLE and no state are kept). */
    public static final Set<String> EXCLUDED_TASK_STATES = Set.of("TASK_STAGING", "TASK_STARTING", "TASK_KILLING",
            "TASK_FINISHED", "TASK_FAILED", "TASK_KILLED", "TASK_ERROR", "TASK_DROPPED", "TASK_GONE",
            "TASK_GONE_BY_OPERATOR", "TASK_UNKNOWN");

    private static final Set<String> HTTP_PROTOCOLS = Set.of("HTTP", "HTTPS", "MESOS_HTTP", "MESOS_HTTPS");

    private final ServiceOptions options;
    private final HostResolver resolver;
    private final HealthResultCache healthCache;
    private final ServiceLabels labels;

    /** A catalog with the given flags, host resolution and health verdict cache. */
    public ServiceCatalog(ServiceOptions options, HostResolver resolver, HealthResultCache healthCache) {
        this.options = requireNonNull(options, "options");
        this.resolver = requireNonNull(resolver, "resolver");
        this.healthCache = requireNonNull(healthCache, "healthCache");
        this.labels = new ServiceLabels(LabelTable.standard());
    }

    /** Services and the warnings of the apps or ports that were skipped. */
    public record Result(List<Service> services, List<AppWarning> warnings) {
        public Result {
            services = List.copyOf(services);
            warnings = List.copyOf(warnings);
        }
    }

    /** Builds the services of {@code apps}; never throws on bad app content. */
    public Result build(List<MarathonApp> apps) {
        List<AppWarning> warnings = new ArrayList<>();
        List<MarathonApp> valid = new ArrayList<>();
        for (MarathonApp app : apps) {
            if (app.id() == null || app.id().isEmpty()) {
                warnings.add(new AppWarning("", -1, "id", "app without an id skipped"));
            } else {
                valid.add(app);
            }
        }
        ServicePortAssigner assigner = new ServicePortAssigner(options.minServPortIpPerTask(), options.maxServPortIpPerTask());
        List<Service> out = new ArrayList<>();
        for (PreparedApp prepared : BlueGreenMerge.merge(valid, warnings)) {
            MarathonApp app = prepared.app();
            if (options.frameworkName() != null && ServerNames.appIdPath(app.id()).equals(options.frameworkName())
                    && app.id().startsWith("/")) {
                continue;
            }
            out.addAll(servicesOf(prepared, assigner, warnings));
        }
        return new Result(out, warnings);
    }

    private List<Service> servicesOf(PreparedApp prepared, ServicePortAssigner assigner, List<AppWarning> warnings) {
        MarathonApp app = prepared.app();
        String group = app.labels().get("HAPROXY_GROUP");
        List<String> groups = group == null ? List.of() : ServiceLabels.split(group);
        List<Integer> servicePorts = assigner.servicePorts(app);
        Map<Integer, Service.Builder> byPort = new LinkedHashMap<>();
        ServiceLabels.PortLabels portLabels = labels.parse(app.labels());
        for (int i = 0; i < servicePorts.size(); i++) {
            Integer port = servicePorts.get(i);
            if (port == null) {
                warnings.add(new AppWarning(app.id(), i, "servicePort", "no service port left to assign; port skipped"));
                continue;
            }
            Service.Builder b = Service.builder(app.id(), i, port).enabled(!options.strictMode()).groups(groups);
            HealthCheck hc = healthCheckFor(app, i);
            b.healthCheck(hc);
            if (hc != null && "HTTP".equals(hc.protocol())) {
                b.mode("http");
            }
            try {
                labels.apply(b, portLabels, i);
            } catch (LabelException e) {
                warnings.add(new AppWarning(app.id(), i, e.label(), e.getMessage() + "; service port skipped"));
                continue;
            }
            if (b.healthCheck == null && b.healthcheckPortIndex != null) {
                HealthCheck other = healthCheckFor(app, b.healthcheckPortIndex);
                b.healthCheck(other);
                if (other != null && HTTP_PROTOCOLS.contains(other.protocol())) {
                    b.mode("http");
                }
            }
            byPort.put(port, b);
        }
        for (MarathonTask task : app.tasks()) {
            if (task == null || task.host() == null || task.host().isEmpty()) {
                continue;
            }
            if (task.state() != null && EXCLUDED_TASK_STATES.contains(task.state())) {
                continue;
            }
            if (options.healthCheck() && app.hasHealthChecks() && !healthy(task)) {
                continue;
            }
            Optional<TaskAddress> address = TaskAddressing.ipAndPorts(app, task, resolver);
            if (address.isEmpty()) {
                continue;
            }
            boolean draining = task.id() != null && prepared.drainingTaskIds().contains(task.id());
            List<Integer> taskPorts = address.get().ports();
            for (int k = 0; k < Math.min(taskPorts.size(), servicePorts.size()); k++) {
                Service.Builder b = servicePorts.get(k) == null ? null : byPort.get(servicePorts.get(k));
                if (b != null) {
                    b.backend(new BackendServer(task.host(), address.get().ip(), taskPorts.get(k), draining));
                }
            }
        }
        List<Service> out = new ArrayList<>();
        for (Service.Builder b : byPort.values()) {
            if (!b.backends.isEmpty()) {
                out.add(b.build());
            }
        }
        return out;
    }

    private boolean healthy(MarathonTask task) {
        String id = task.id() == null ? "" : task.id();
        if (task.healthCheckResults() == null) {
            return healthCache.wasAlive(id);
        }
        boolean alive = false;
        for (HealthCheckResult r : task.healthCheckResults()) {
            if (r != null && r.isAlive()) {
                alive = true;
            }
        }
        healthCache.record(id, alive);
        return alive;
    }

    /** The health check of port index {@code n}: the first with a non-zero {@code port} or with {@code portIndex == n}. */
    public static HealthCheck healthCheckFor(MarathonApp app, int n) {
        if (app.healthChecks() == null) {
            return null;
        }
        for (HealthCheck check : app.healthChecks()) {
            if (check == null) {
                continue;
            }
            if (check.port() != null && check.port() != 0) {
                return check;
            }
            if (check.portIndex() != null && check.portIndex() == n) {
                return check;
            }
        }
        return null;
    }
}
