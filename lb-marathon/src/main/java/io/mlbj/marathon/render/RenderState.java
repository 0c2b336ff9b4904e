package io.mlbj.marathon.render;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one render accumulates across services (marathon-lb's locals of {@code config()}); a service's additions
 * are staged in a {@link Staged} and applied only when the whole service rendered, so a skipped service leaves
 * no trace.
 */
final class RenderState {
    /** A text fragment and the weight it is ordered by (larger first, ties keep service order). */
    record Weighted(int weight, String text) {}

    /** The TLS frontend of one vhost in {@code --group-https-by-vhost} mode. */
    static final class GroupedVhost {
        final List<Weighted> entries = new ArrayList<>();
        final Set<String> certs = new HashSet<>();
        final Set<String> bindOptions = new HashSet<>();
    }

    final Set<String> flags = new HashSet<>();
    final Set<String> appIdsWithAppidBackend = new HashSet<>();
    final List<String[]> domainMap = new ArrayList<>();
    final Set<String> domainMapKeys = new HashSet<>();
    final List<String[]> appMap = new ArrayList<>();
    final Set<String> appMapKeys = new HashSet<>();
    final StringBuilder userlists = new StringBuilder();
    final StringBuilder frontends = new StringBuilder();
    final StringBuilder backends = new StringBuilder();
    final StringBuilder appidFrontends = new StringBuilder();
    final List<Weighted> httpRules = new ArrayList<>();
    final List<Weighted> httpsRules = new ArrayList<>();
    final Map<String, GroupedVhost> grouped = new LinkedHashMap<>();

    /** Additions of one service, visible to that service's own look-ups, applied by {@link #commit()}. */
    final class Staged {
        final Set<String> flags = new HashSet<>(4);
        String appId;
        final List<String[]> domainMap = new ArrayList<>(4);
        final List<String[]> appMap = new ArrayList<>(1);
        String userlist = "";
        CharSequence frontend = "";
        CharSequence backend = "";
        String appidFrontend = "";
        Weighted httpRule;
        Weighted httpsRule;
        Map<String, GroupedVhost> grouped = Map.of();

        boolean hasFlag(String flag) {
            return RenderState.this.flags.contains(flag) || flags.contains(flag);
        }

        boolean hasAppidBackend(String id) {
            return appIdsWithAppidBackend.contains(id) || id.equals(appId);
        }

        void domainEntry(String key, String backend) {
            add(domainMap, domainMapKeys, key, backend);
        }

        void appEntry(String key, String backend) {
            add(appMap, appMapKeys, key, backend);
        }

        private void add(List<String[]> staged, Set<String> committedKeys, String key, String backend) {
            String id = key + '\u0000' + backend;
            if (committedKeys.contains(id)) {
                return;
            }
            for (String[] e : staged) {
                if (e[0].equals(key) && e[1].equals(backend)) {
                    return;
                }
            }
            staged.add(new String[] {key, backend});
        }

        void commit() {
            RenderState.this.flags.addAll(flags);
            if (appId != null) {
                appIdsWithAppidBackend.add(appId);
            }
            for (String[] e : domainMap) {
                RenderState.this.domainMap.add(e);
                domainMapKeys.add(e[0] + '\u0000' + e[1]);
            }
            for (String[] e : appMap) {
                RenderState.this.appMap.add(e);
                appMapKeys.add(e[0] + '\u0000' + e[1]);
            }
            userlists.append(userlist);
            frontends.append(frontend);
            backends.append(backend);
            appidFrontends.append(appidFrontend);
            if (httpRule != null) {
                httpRules.add(httpRule);
                httpsRules.add(httpsRule);
            }
            for (Map.Entry<String, GroupedVhost> e : grouped.entrySet()) {
                GroupedVhost into = RenderState.this.grouped.get(e.getKey());
                if (into == null) {
                    RenderState.this.grouped.put(e.getKey(), e.getValue());
                } else {
                    into.entries.addAll(e.getValue().entries);
                    into.certs.addAll(e.getValue().certs);
                    into.bindOptions.addAll(e.getValue().bindOptions);
                }
            }
        }
    }

    Staged stage() {
        return new Staged();
    }
}
