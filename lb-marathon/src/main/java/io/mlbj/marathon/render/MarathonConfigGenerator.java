package io.mlbj.marathon.render;

import static java.util.Objects.requireNonNull;

import io.mlbj.marathon.model.MarathonApp;
import io.mlbj.marathon.model.MarathonJson;
import io.mlbj.marathon.services.HealthResultCache;
import io.mlbj.marathon.services.HostResolver;
import io.mlbj.marathon.services.ServiceCatalog;
import java.util.List;

/**
 * The whole pure pipeline: Marathon apps (with tasks) and labels to the {@code haproxy.cfg} text and map files
 * marathon-lb would write. Keep one instance per daemon so the health verdict cache lives across updates.
 */
public final class MarathonConfigGenerator {
    private final RenderOptions options;
    private final HostResolver resolver;
    private final HealthResultCache healthCache;
    private final ConfigRenderer renderer;

    /** A generator for {@code options}, resolving task hosts with {@code resolver}. */
    public MarathonConfigGenerator(RenderOptions options, HostResolver resolver, HealthResultCache healthCache) {
        this.options = requireNonNull(options, "options");
        this.resolver = requireNonNull(resolver, "resolver");
        this.healthCache = requireNonNull(healthCache, "healthCache");
        this.renderer = new ConfigRenderer(options);
    }

    /** A generator with a fresh 1000-entry health cache. */
    public MarathonConfigGenerator(RenderOptions options, HostResolver resolver) {
        this(options, resolver, new HealthResultCache(1000));
    }

    /** Renders the given apps. */
    public RenderResult generate(List<MarathonApp> apps) {
        ServiceCatalog.Result services = new ServiceCatalog(options.serviceOptions(), resolver, healthCache).build(apps);
        return renderer.render(services.services(), services.warnings());
    }

    /** Renders a {@code /v2/apps?embed=apps.tasks} response body. */
    public RenderResult generate(String appsJson) {
        return generate(MarathonJson.parseAppsResponse(appsJson));
    }
}
