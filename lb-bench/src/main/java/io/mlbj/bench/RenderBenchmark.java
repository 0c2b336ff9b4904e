package io.mlbj.bench;

import io.mlbj.marathon.model.MarathonApp;
import io.mlbj.marathon.model.MarathonTask;
import io.mlbj.marathon.model.PortDefinition;
import io.mlbj.marathon.model.TaskIpAddress;
import io.mlbj.marathon.render.MarathonConfigGenerator;
import io.mlbj.marathon.render.RenderOptions;
import io.mlbj.marathon.render.RenderResult;
import io.mlbj.marathon.services.HostResolver;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A full regeneration as marathon-lb does it on every Marathon event: apps with tasks and labels to the
 * haproxy.cfg text ({@link MarathonConfigGenerator#generate(List)}), for {@code apps} apps of 3 tasks each.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
public class RenderBenchmark {
    @Param({"10000"})
    public int apps;

    @Param({"3"})
    public int tasksPerApp;

    private List<MarathonApp> input;
    private MarathonConfigGenerator generator;

    @Setup
    public void setUp() {
        input = new ArrayList<>(apps);
        for (int i = 0; i < apps; i++) {
            Map<String, String> labels = new HashMap<>();
            labels.put("HAPROXY_GROUP", "external");
            // a realistic mix: half vhost http apps (some sticky, some with a path), half plain tcp
            if (i % 2 == 0) {
                labels.put("HAPROXY_0_VHOST", "app" + i + ".example.com");
                if (i % 4 == 0) {
                    labels.put("HAPROXY_0_STICKY", "true");
                }
                if (i % 8 == 0) {
                    labels.put("HAPROXY_0_PATH", "/api");
                }
            }
            List<MarathonTask> tasks = new ArrayList<>(tasksPerApp);
            for (int t = 0; t < tasksPerApp; t++) {
                String host = "10." + (i / 250 % 250) + "." + (i % 250) + "." + (t + 1);
                tasks.add(new MarathonTask("app" + i + "." + t, "/team" + (i % 50) + "/app" + i, host, "TASK_RUNNING",
                        List.of(20000 + t), List.of(new TaskIpAddress(host, "IPv4")), null, null));
            }
            input.add(new MarathonApp("/team" + (i % 50) + "/app" + i, labels, tasksPerApp, null,
                    List.of(new PortDefinition(10000 + i % 50000, null, null)), null, null, null, null, tasks, null));
        }
        generator = new MarathonConfigGenerator(RenderOptions.builder(List.of("external")).build(),
                HostResolver.literalsOnly());
    }

    /** One full regeneration: services from apps, then the config text and map files. */
    @Benchmark
    public RenderResult render() {
        return generator.generate(input);
    }
}
