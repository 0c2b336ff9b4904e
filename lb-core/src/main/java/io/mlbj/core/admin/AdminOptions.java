package io.mlbj.core.admin;

import static java.util.Objects.requireNonNull;

/**
 * How the admin endpoints behave: the daemon's hooks and who may call the signal endpoints
 * (flag {@code --signal-sources CIDR,...}; default everyone, as marathon-lb).
 */
public record AdminOptions(AdminHooks hooks, SourceNetworks signalSources) {
    /** No hooks, signals open to everyone. */
    public static final AdminOptions DEFAULTS = new AdminOptions(AdminHooks.NONE, SourceNetworks.ANY);

    public AdminOptions {
        requireNonNull(hooks, "hooks");
        requireNonNull(signalSources, "signalSources");
    }

    /** These options with {@code h} as hooks. */
    public AdminOptions withHooks(AdminHooks h) {
        return new AdminOptions(h, signalSources);
    }

    /** These options with signals allowed only from {@code sources}. */
    public AdminOptions withSignalSources(SourceNetworks sources) {
        return new AdminOptions(hooks, sources);
    }
}
