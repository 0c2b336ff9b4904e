package io.mlbj.marathon.daemon;

import static java.util.Objects.requireNonNull;

import io.mlbj.core.admin.SourceNetworks;
import io.mlbj.marathon.api.MarathonSourceFlags;
import io.mlbj.marathon.render.Longhelp;
import io.mlbj.marathon.render.RenderOptions;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The daemon's command line: marathon-lb's flags with their names and meanings, plus ours
 * ({@code --apps-file}, the global ports, {@code --bind-address}, {@code --poll-interval}); flags that only
 * steer an HAProxy process are accepted and ignored with a warning.
 */
@Command(name = "lb-marathon", sortOptions = false, usageHelpAutoWidth = true,
        description = "Marathon-lb compatible load balancer: Marathon apps and HAPROXY_* labels are rendered into "
                + "marathon-lb's haproxy.cfg and served by an in-process proxy, without reloads.",
        footer = {"", "Commands:", "  demo   runs a Marathon emulator, echo backends and the load balancer (see demo --help)"})
public final class DaemonCommand implements Callable<Integer> {

    /** What runs once the flags are valid: the daemon, the dry run, or a test's capture. */
    @FunctionalInterface
    public interface Runner {
        /** Runs with {@code settings} and returns the process exit code. */
        int run(DaemonSettings settings) throws Exception;
    }

    private final Map<String, String> env;
    private final Path workDir;
    private final Runner runner;

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--longhelp", description = "Print the templates and labels reference and exit.")
    boolean longhelp;

    @Option(names = {"-m", "--marathon"}, arity = "1..*", paramLabel = "URL",
            description = "Marathon endpoint(s), e.g. http://marathon1:8080; several = failover "
                    + "(default: http://master.mesos:8080).")
    List<String> marathon = new ArrayList<>();

    @Option(names = "--group", paramLabel = "G",
            description = "Only expose apps in this HAPROXY_GROUP (repeatable; '*' = all apps, also ungrouped). Required.")
    List<String> groups = new ArrayList<>();

    @Option(names = {"-s", "--sse"}, description = "Use Marathon's event stream (else poll every --poll-interval).")
    boolean sse;

    @Option(names = {"-H", "--health-check"},
            description = "Only add tasks whose Marathon health checks pass.")
    boolean healthCheck;

    @Option(names = "--strict-mode", description = "Only expose ports with HAPROXY_{n}_ENABLED=true.")
    boolean strictMode;

    @Option(names = "--signal-sources", paramLabel = "CIDR[,CIDR...]", defaultValue = "",
            description = "Only these networks may call /_mlb_signal/hup and /usr1 (default: everyone, as marathon-lb).")
    String signalSources;

    @Option(names = "--no-server-pooling",
            description = "One request per server connection, as HAProxy with option http-server-close (default: reuse).")
    boolean noServerPooling;

    @Option(names = "--no-access-log",
            description = "Log no requests, even for frontends with option httplog (default: logger 'access').")
    boolean noAccessLog;

    @Option(names = "--lru-cache-capacity", paramLabel = "N", defaultValue = "1000",
            description = "Size of the health verdict cache (default: ${DEFAULT-VALUE}).")
    int lruCacheCapacity;

    @Option(names = "--haproxy-map", description = "Route vhosts and app ids through map files.")
    boolean haproxyMap;

    @Option(names = "--dont-bind-http-https", description = "Do not bind the http and https frontends.")
    boolean dontBindHttpHttps;

    @Option(names = "--group-https-by-vhost", description = "One TLS frontend per vhost behind an SNI splitter.")
    boolean groupHttpsByVhost;

    @Option(names = "--ssl-certs", paramLabel = "a.pem,b.pem",
            description = "Certificates of the https frontend, comma-separated (default: /etc/ssl/cert.pem).")
    String sslCerts = "";

    @Option(names = {"-d", "--dry"}, description = "Print the generated config and exit.")
    boolean dry;

    @Option(names = "--min-serv-port-ip-per-task", paramLabel = "PORT", defaultValue = "10050",
            description = "Lowest service port auto-assigned to IP-per-task apps (default: ${DEFAULT-VALUE}).")
    int minServPort;

    @Option(names = "--max-serv-port-ip-per-task", paramLabel = "PORT", defaultValue = "10100",
            description = "Highest service port auto-assigned to IP-per-task apps (default: ${DEFAULT-VALUE}).")
    int maxServPort;

    @Option(names = "--max-backoff", paramLabel = "SECONDS", defaultValue = "300",
            description = "Cap of the event stream's reconnect backoff (default: ${DEFAULT-VALUE}).")
    int maxBackoff;

    @Option(names = "--log-level", paramLabel = "LEVEL", defaultValue = "INFO",
            description = "DEBUG, INFO, WARNING, ERROR or CRITICAL (default: ${DEFAULT-VALUE}).")
    String logLevel;

    @Option(names = "--marathon-auth-credential-file", paramLabel = "FILE",
            description = "File whose first line is user:password for Marathon (wins over --auth-credentials).")
    Path marathonAuthCredentialFile;

    @Option(names = "--auth-credentials", paramLabel = "USER:PASSWORD", description = "Basic auth to Marathon.")
    String authCredentials;

    @Option(names = "--marathon-ca-cert", paramLabel = "FILE", description = "CA to verify an https Marathon with.")
    Path marathonCaCert;

    @Option(names = "--haproxy-config", paramLabel = "FILE", defaultValue = "/etc/haproxy/haproxy.cfg",
            description = "Only names the map files' directory in the config text; no file is written "
                    + "(default: ${DEFAULT-VALUE}).")
    String haproxyConfig;

    @Option(names = "--apps-file", paramLabel = "FILE",
            description = "Read Marathon's /v2/apps JSON from this file (re-read when it changes) instead of Marathon.")
    Path appsFile;

    @Option(names = "--stats-port", paramLabel = "PORT", defaultValue = "9090",
            description = "Stats and admin port (default: ${DEFAULT-VALUE}).")
    int statsPort;

    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "80",
            description = "Port of the http frontend (default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--https-port", paramLabel = "PORT", defaultValue = "443",
            description = "Port of the https frontend (default: ${DEFAULT-VALUE}).")
    int httpsPort;

    @Option(names = "--appid-port", paramLabel = "PORT", defaultValue = "9091",
            description = "Port of the X-Marathon-App-Id frontend (default: ${DEFAULT-VALUE}).")
    int appidPort;

    @Option(names = "--bind-address", paramLabel = "ADDRESS",
            description = "Address of the stats, http, https and app-id frontends (default: all).")
    String bindAddress;

    @Option(names = "--poll-interval", paramLabel = "SECONDS", defaultValue = "60",
            description = "Seconds between re-syncs without --sse (default: ${DEFAULT-VALUE}).")
    int pollInterval;

    // marathon-lb flags that steer an HAProxy process or Python logging; accepted, ignored with a warning.
    @Option(names = {"-c", "--command"}, hidden = true) String command;
    @Option(names = "--max-reload-retries", hidden = true) String maxReloadRetries;
    @Option(names = "--reload-interval", hidden = true) String reloadInterval;
    @Option(names = "--archive-versions", hidden = true) String archiveVersions;
    @Option(names = "--skip-validation", hidden = true) boolean skipValidation;
    @Option(names = "--skip-config-cleanup", hidden = true) boolean skipConfigCleanup;
    @Option(names = "--syslog-socket", hidden = true) String syslogSocket;
    @Option(names = "--log-format", hidden = true) String logFormat;
    @Option(names = "--dcos-auth-credentials", hidden = true) String dcosAuthCredentials;

    /** A command reading {@code HAPROXY_*} and {@code FRAMEWORK_NAME} from {@code env} and template files from {@code workDir/templates}. */
    public DaemonCommand(Map<String, String> env, Path workDir, Runner runner) {
        this.env = Map.copyOf(requireNonNull(env, "env"));
        this.workDir = requireNonNull(workDir, "workDir");
        this.runner = requireNonNull(runner, "runner");
    }

    /**
     * Parses {@code args} and runs; flag errors print one line to stderr and return 2, as argparse does.
     */
    public static int execute(DaemonCommand command, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(command);
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, a) -> {
            err.println("lb-marathon: error: " + e.getMessage().lines().findFirst().orElse("invalid arguments")
                    + " (see --help)");
            err.flush();
            return 2;
        });
        return cli.execute(args);
    }

    @Override
    public Integer call() throws Exception {
        if (longhelp) {
            spec.commandLine().getOut().print(Longhelp.descriptions(RenderOptions.builder(List.of("*")).build()));
            spec.commandLine().getOut().flush();
            return 0;
        }
        return runner.run(settings());
    }

    /** The validated settings; a flag error becomes a {@link ParameterException} naming the flag. */
    DaemonSettings settings() {
        if (groups.isEmpty()) {
            throw error("--group is required: please specify at least one group");
        }
        List<URI> urls = new ArrayList<>();
        for (String m : marathon.isEmpty() ? List.of("http://master.mesos:8080") : marathon) {
            urls.add(marathonUrl(m));
        }
        positive("--poll-interval", pollInterval);
        positive("--max-backoff", maxBackoff);
        positive("--lru-cache-capacity", lruCacheCapacity);
        String level = logbackLevel(logLevel);
        RenderOptions render;
        try {
            render = RenderOptions.builder(List.copyOf(groups))
                    .bindHttpHttps(!dontBindHttpHttps)
                    .sslCerts(sslCerts)
                    .haproxyMap(haproxyMap)
                    .groupHttpsByVhost(groupHttpsByVhost)
                    .strictMode(strictMode)
                    .healthCheck(healthCheck)
                    .servicePortRange(minServPort, maxServPort)
                    .templateEnv(templateEnv())
                    .templateFiles(templateFiles())
                    .haproxyConfigPath(haproxyConfig)
                    .statsPort(statsPort).httpPort(httpPort).httpsPort(httpsPort).appidPort(appidPort)
                    .frameworkName(env.get("FRAMEWORK_NAME"))
                    .bindAddress(bindAddress)
                    .build();
        } catch (IllegalArgumentException e) {
            throw error(withFlagName(e.getMessage()));
        }
        MarathonSourceFlags source = new MarathonSourceFlags(urls, sse, Duration.ofSeconds(pollInterval),
                Duration.ofSeconds(maxBackoff), Optional.ofNullable(marathonAuthCredentialFile),
                Optional.ofNullable(authCredentials), Optional.ofNullable(marathonCaCert), Optional.ofNullable(appsFile));
        SourceNetworks signalNetworks;
        try {
            signalNetworks = SourceNetworks.parse(signalSources);
        } catch (IllegalArgumentException e) {
            throw error("--signal-sources: " + e.getMessage());
        }
        return new DaemonSettings(render, source, lruCacheCapacity, level, dry, ignoredFlagWarnings(), signalNetworks,
                !noServerPooling, !noAccessLog);
    }

    private List<String> ignoredFlagWarnings() {
        List<String> out = new ArrayList<>();
        String noProcess = " is ignored: there is no HAProxy process; configs are applied in place";
        if (command != null) out.add("--command" + noProcess);
        if (maxReloadRetries != null) out.add("--max-reload-retries" + noProcess);
        if (reloadInterval != null) out.add("--reload-interval" + noProcess);
        if (archiveVersions != null) out.add("--archive-versions is ignored: no config files are written");
        if (skipValidation) out.add("--skip-validation is ignored: every config is validated in process");
        if (skipConfigCleanup) out.add("--skip-config-cleanup is ignored: a bad app is always skipped on its own");
        if (syslogSocket != null) out.add("--syslog-socket is ignored: logs go to stderr");
        if (logFormat != null) out.add("--log-format is ignored: logs use logback's pattern");
        if (dcosAuthCredentials != null) out.add("--dcos-auth-credentials is ignored: DC/OS service-account login is not supported");
        if (spec != null && spec.commandLine().getParseResult() != null
                && spec.commandLine().getParseResult().hasMatchedOption("--haproxy-config")) {
            out.add("--haproxy-config only sets the map files' directory in the config text; no file is written");
        }
        return out;
    }

    private io.mlbj.marathon.render.TemplateFiles templateFiles() {
        try {
            return TemplateFileDirectory.read(workDir.resolve("templates"));
        } catch (java.io.UncheckedIOException e) {
            throw error(e.getMessage());
        }
    }

    private Map<String, String> templateEnv() {
        Map<String, String> out = new TreeMap<>();
        env.forEach((k, v) -> {
            if (k.startsWith("HAPROXY_")) {
                out.put(k, v);
            }
        });
        return out;
    }

    private URI marathonUrl(String value) {
        try {
            URI uri = URI.create(value);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw error("--marathon: '" + value + "' (expected: an http:// or https:// URL)");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw error("--marathon: '" + value + "' is not a URL: " + e.getMessage());
        }
    }

    private void positive(String flag, int value) {
        if (value < 1) {
            throw error(flag + ": " + value + " (expected: >= 1)");
        }
    }

    private String logbackLevel(String python) {
        return switch (python.toUpperCase(Locale.ROOT)) {
            case "DEBUG", "INFO", "ERROR" -> python.toUpperCase(Locale.ROOT);
            case "WARNING", "WARN" -> "WARN";
            case "CRITICAL", "FATAL" -> "ERROR";
            case "TRACE" -> "TRACE";
            default -> throw error("--log-level: '" + python + "' (expected: DEBUG, INFO, WARNING, ERROR or CRITICAL)");
        };
    }

    /** {@code "httpPort: 70000 (...)"} becomes {@code "--http-port: 70000 (...)"}. */
    private static String withFlagName(String message) {
        Map<String, String> flags = Map.of("statsPort", "--stats-port", "httpPort", "--http-port",
                "httpsPort", "--https-port", "appidPort", "--appid-port", "bindAddress", "--bind-address",
                "service port range", "--min-serv-port-ip-per-task/--max-serv-port-ip-per-task");
        int colon = message.indexOf(": ");
        String flag = colon < 0 ? null : flags.get(message.substring(0, colon));
        return flag == null ? message : flag + message.substring(colon);
    }

    private ParameterException error(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

}
