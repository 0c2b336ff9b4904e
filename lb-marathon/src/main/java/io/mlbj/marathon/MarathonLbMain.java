package io.mlbj.marathon;

import io.mlbj.core.HeapBoundNotice;
import io.mlbj.core.NettyDefaults;
import io.mlbj.marathon.daemon.DaemonCommand;
import io.mlbj.marathon.daemon.DaemonProcess;
import io.mlbj.marathon.daemon.LoadBalancerSink;
import io.mlbj.marathon.demo.DemoCommand;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.slf4j.LoggerFactory;

/** Entry point of {@code lb-marathon.jar}: the marathon-lb-compatible daemon, and {@code demo}. */
public final class MarathonLbMain {
    private MarathonLbMain() {}

    /** Runs the daemon (or {@code demo}) and exits with its code: 0 done, 1 failure, 2 bad flags. */
    public static void main(String[] args) throws Exception {
        NettyDefaults.apply();
        if (args.length > 0 && args[0].equals("demo")) {
            PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
            PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
            System.exit(DemoCommand.execute(out, err, Arrays.copyOfRange(args, 1, args.length)));
        }
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        HeapBoundNotice.logFor(LoggerFactory.getLogger(MarathonLbMain.class));
        DaemonProcess process = new DaemonProcess(LoadBalancerSink::start, out, err, Duration.ofSeconds(10),
                daemon -> { });
        int code = DaemonCommand.execute(new DaemonCommand(System.getenv(), Path.of(""), process), out, err, args);
        System.exit(code);
    }
}
