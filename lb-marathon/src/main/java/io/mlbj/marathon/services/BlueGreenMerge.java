package io.mlbj.marathon.services;

import io.mlbj.marathon.model.HealthCheckResult;
import io.mlbj.marathon.model.MarathonApp;
import io.mlbj.marathon.model.MarathonTask;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Merges apps that share {@code HAPROXY_DEPLOYMENT_GROUP} into one app named {@code /<group>} and marks the old
 * colour's tasks that may drain (marathon-lb's first pass of {@code get_apps}).
 */
public final class BlueGreenMerge {
    static final String GROUP = "HAPROXY_DEPLOYMENT_GROUP";
    static final String STARTED_AT = "HAPROXY_DEPLOYMENT_STARTED_AT";
    static final String NEW_INSTANCES = "HAPROXY_DEPLOYMENT_NEW_INSTANCES";
    static final String TARGET_INSTANCES = "HAPROXY_DEPLOYMENT_TARGET_INSTANCES";

    private BlueGreenMerge() {}

    /** Apps without a deployment group first (input order), then one merged app per group (first-seen order). */
    public static List<PreparedApp> merge(List<MarathonApp> apps, List<AppWarning> warnings) {
        List<PreparedApp> out = new ArrayList<>();
        Map<String, PreparedApp> groups = new LinkedHashMap<>();
        for (MarathonApp app : apps) {
            String group = app.labels().get(GROUP);
            if (group == null) {
                out.add(new PreparedApp(app, Set.of()));
                continue;
            }
            String id = group.startsWith("/") ? group : "/" + group;
            MarathonApp cur = app.withIdAndTasks(id, app.tasks());
            PreparedApp prev = groups.get(id);
            groups.put(id, prev == null ? new PreparedApp(cur, Set.of()) : mergePair(prev, cur, warnings));
        }
        out.addAll(groups.values());
        return out;
    }

    private static PreparedApp mergePair(PreparedApp prevPrepared, MarathonApp cur, List<AppWarning> warnings) {
        MarathonApp prev = prevPrepared.app();
        LocalDateTime prevDate = date(prev, prev.labels().get(STARTED_AT), STARTED_AT, warnings);
        LocalDateTime curDate = date(cur, cur.labels().get(STARTED_AT), STARTED_AT, warnings);
        MarathonApp old;
        MarathonApp neu;
        if (prevDate.isBefore(curDate)) {
            old = prev;
            neu = cur;
        } else {
            neu = prev;
            old = cur;
        }
        int target = 1;
        if (neu.labels().containsKey(NEW_INSTANCES)) {
            // marathon-lb's test `int(x != 0)` is always true, so the scaling times always decide
            LocalDateTime newScale = date(neu, neu.versionInfo() == null ? null : neu.versionInfo().lastScalingAt(),
                    "versionInfo.lastScalingAt", warnings);
            LocalDateTime oldScale = date(old, old.versionInfo() == null ? null : old.versionInfo().lastScalingAt(),
                    "versionInfo.lastScalingAt", warnings);
            if (oldScale.isAfter(newScale)) {
                MarathonApp t = old;
                old = neu;
                neu = t;
            }
            String raw = neu.labels().get(TARGET_INSTANCES);
            try {
                target = PythonStrings.parseInt(raw == null ? "" : raw);
            } catch (NumberFormatException e) {
                warnings.add(new AppWarning(neu.id(), -1, TARGET_INSTANCES,
                        "expected an integer: " + e.getMessage() + "; using 1"));
            }
        }
        List<MarathonTask> oldTasks = new ArrayList<>(old.tasks());
        oldTasks.sort(Comparator.comparing(t -> t.id() == null ? "" : t.id(), PythonStrings.ORDER));
        int healthyNew = 0;
        // marathon-lb looks at the health checks of the app seen last, not of the new one
        if (cur.hasHealthChecks()) {
            for (MarathonTask t : neu.tasks()) {
                if (t.healthCheckResults() != null && t.healthCheckResults().stream().anyMatch(HealthCheckResult::isAlive)) {
                    healthyNew++;
                }
            }
        } else {
            healthyNew = neu.instances() == null ? 0 : neu.instances();
        }
        int oldInstances = old.instances() == null ? 0 : old.instances();
        int maximumDrainable = Math.max(0, healthyNew + oldInstances - target);
        Set<String> draining = new HashSet<>(prevPrepared.drainingTaskIds());
        int drain = Math.min(oldTasks.size(), Math.min(healthyNew, maximumDrainable));
        for (int i = 0; i < drain; i++) {
            if (oldTasks.get(i).id() != null) {
                draining.add(oldTasks.get(i).id());
            }
        }
        List<MarathonTask> merged = new ArrayList<>(oldTasks);
        merged.addAll(neu.tasks());
        return new PreparedApp(old.withIdAndTasks(old.id(), merged), draining);
    }

    private static LocalDateTime date(MarathonApp app, String text, String what, List<AppWarning> warnings) {
        if (text == null) {
            return LocalDateTime.MIN;
        }
        try {
            return OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(text);
            } catch (DateTimeParseException e2) {
                warnings.add(new AppWarning(app.id(), -1, what, "not an ISO-8601 date: '" + text + "'; treated as earliest"));
                return LocalDateTime.MIN;
            }
        }
    }
}
