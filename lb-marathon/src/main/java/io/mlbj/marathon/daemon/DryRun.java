package io.mlbj.marathon.daemon;

import io.mlbj.marathon.api.AppsSnapshot;
import io.mlbj.marathon.api.AppsSource;
import io.mlbj.marathon.api.SyncStatus;
import io.mlbj.marathon.render.MarathonConfigGenerator;
import io.mlbj.marathon.render.RenderResult;
import io.mlbj.marathon.services.AppWarning;
import io.mlbj.marathon.services.HostResolver;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@code --dry}: fetch the apps once, print the generated config to stdout and the skipped apps to stderr. */
public final class DryRun {
    private DryRun() {}

    /**
     * Prints the config of the first snapshot of {@code source} and returns 0, or returns 1 with the
     * reason when the first fetch fails or nothing arrives within {@code timeout}.
     */
    public static int print(AppsSource source, MarathonConfigGenerator generator, PrintWriter out, PrintWriter err,
            Duration timeout) throws InterruptedException {
        CompletableFuture<AppsSnapshot> first = new CompletableFuture<>();
        source.start(first::complete);
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                try {
                    AppsSnapshot snapshot = first.get(100, TimeUnit.MILLISECONDS);
                    RenderResult result = generator.generate(snapshot.json());
                    out.print(result.config());
                    out.flush();
                    for (AppWarning w : result.warnings()) {
                        err.println("lb-marathon: skipped: " + w);
                    }
                    err.flush();
                    return 0;
                } catch (TimeoutException e) {
                    SyncStatus status = source.status();
                    if (status.failedFetches() > 0 || System.nanoTime() > deadline) {
                        err.println("lb-marathon: cannot fetch the apps: "
                                + status.lastError().orElse("no answer within " + timeout.toSeconds() + " s"));
                        err.flush();
                        return 1;
                    }
                } catch (ExecutionException | RuntimeException e) {
                    err.println("lb-marathon: cannot render the apps: " + e.getMessage());
                    err.flush();
                    return 1;
                }
            }
        } finally {
            source.stop();
        }
    }

    /** Same, with the system resolver; for the command line. */
    static int print(DaemonSettings settings, AppsSource source, PrintWriter out, PrintWriter err)
            throws InterruptedException {
        MarathonConfigGenerator generator = new MarathonConfigGenerator(settings.render(), HostResolver.systemDns());
        return print(source, generator, out, err, Duration.ofSeconds(60));
    }
}
