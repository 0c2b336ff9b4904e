package io.mlbj.bench.churn;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.mlbj.bench.load.DurationConverter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code churn.sh}: sticky load on several apps while the emulated Marathon scales, restarts and moves tasks. */
@Command(name = "churn", mixinStandardHelpOptions = true,
        description = "Sticky load on several apps while Marathon scales, restarts and moves tasks; counts failed "
                + "requests and sticky moves, samples memory and threads.")
public final class ChurnCommand implements Callable<Integer> {
    private static final ChurnSettings DEFAULTS = ChurnSettings.defaults();

    @Option(names = {"-d", "--duration"}, converter = DurationConverter.class, defaultValue = "60s",
            description = "how long tasks change (default: ${DEFAULT-VALUE})")
    private Duration duration;

    @Option(names = "--interval", converter = DurationConverter.class, defaultValue = "100ms",
            description = "time between two changes (default: ${DEFAULT-VALUE})")
    private Duration interval;

    @Option(names = "--kill-grace", converter = DurationConverter.class, defaultValue = "2s",
            description = "how long a killed task keeps serving (default: ${DEFAULT-VALUE})")
    private Duration killGrace;

    @Option(names = "--apps", defaultValue = "3", description = "sticky apps; the last uses insert mode (default: ${DEFAULT-VALUE})")
    private int apps;

    @Option(names = "--users", defaultValue = "4", description = "virtual users per app (default: ${DEFAULT-VALUE})")
    private int users;

    @Option(names = "--min-instances", defaultValue = "2", description = "default: ${DEFAULT-VALUE}")
    private int minInstances;

    @Option(names = "--max-instances", defaultValue = "5", description = "default: ${DEFAULT-VALUE}")
    private int maxInstances;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the churner's choices (default: ${DEFAULT-VALUE})")
    private long seed;

    @Option(names = "--target", defaultValue = "mlbj",
            description = "mlbj (ours, in this JVM), mlbj-process (ours, java -jar in a child process) or haproxy "
                    + "(HAProxy reloaded as marathon-lb does)")
    private String target;

    @Option(names = "--haproxy", defaultValue = "haproxy", description = "the haproxy binary (--target haproxy)")
    private String haproxy;

    @Option(names = "--jar", defaultValue = "lb-marathon/target/lb-marathon.jar",
            description = "--target mlbj-process: the daemon's jar (default: ${DEFAULT-VALUE})")
    private Path jar;

    @Option(names = "--daemon-java-options", defaultValue = "-Xmx256m",
            description = "--target mlbj-process: JVM options of the daemon (default: ${DEFAULT-VALUE})")
    private String daemonJavaOptions;

    @Option(names = "--service-port-base", defaultValue = "19700",
            description = "--target haproxy, mlbj-process: app i listens on this port + i, stats on + 99, "
                    + "app-id on + 98 (default: ${DEFAULT-VALUE})")
    private int servicePortBase;

    @Option(names = "--json", description = "write the result here")
    private Path json;

    /** Runs the command line and exits with its status (0: no failure on healthy servers and no sticky break). */
    public static void main(String[] args) {
        System.exit(new CommandLine(new ChurnCommand()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException, IOException {
        ChurnSettings settings = new ChurnSettings(duration, interval, killGrace, apps, users, minInstances,
                maxInstances, seed);
        ChurnRun run = switch (target) {
            case "mlbj" -> ChurnRun.ownLoadBalancer(settings);
            case "haproxy" -> HaproxyTarget.run(settings, haproxy, servicePortBase);
            case "mlbj-process" -> OwnProcessTarget.run(settings, jar, daemonJavaOptions, servicePortBase);
            default -> throw new CommandLine.ParameterException(new CommandLine(this),
                    "--target: " + target + " (expected: mlbj, mlbj-process or haproxy)");
        };
        ChurnResult result = run.run();
        System.out.print(result.summary());
        if (json != null) {
            Files.writeString(json, writer().writeValueAsString(result));
        }
        boolean kept = result.count("failedHealthy") == 0 && result.count("failedUnbound") == 0 && result.count("movedFromSurvivor") == 0
                && result.count("movedWithoutNewCookie") == 0 && result.count("sessionLost") == 0;
        return kept ? 0 : 1;
    }

    /** The JSON writer of results (durations as ISO-8601 text). */
    static com.fasterxml.jackson.databind.ObjectWriter writer() {
        return new ObjectMapper().registerModule(new SimpleModule().addSerializer(Duration.class, ToStringSerializer.instance))
                .writerWithDefaultPrettyPrinter();
    }
}
