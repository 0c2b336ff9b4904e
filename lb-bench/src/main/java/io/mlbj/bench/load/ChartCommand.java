package io.mlbj.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The {@code chart} subcommand: several result JSON files in one latency-percentile chart. */
@Command(name = "chart", mixinStandardHelpOptions = true,
        description = "Combine result JSON files (from run --json) into one HTML latency-percentile chart.")
final class ChartCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "RESULT.json", description = "Result files; each becomes one series.")
    private List<Path> results;

    @Option(names = "--html", required = true, description = "Output HTML file.")
    private Path html;

    @Option(names = "--title", defaultValue = "Latency by percentile", description = "Chart title.")
    private String title;

    @Override
    public Integer call() throws IOException {
        List<ChartSeries> series = new ArrayList<>();
        for (Path file : results) {
            try {
                series.add(ResultJson.readSeries(file));
            } catch (IOException e) {
                spec.commandLine().getErr().println("load-tool chart: " + e.getMessage());
                return 2;
            }
        }
        Files.writeString(html, LatencyChart.html(title, series), StandardCharsets.UTF_8);
        spec.commandLine().getOut().println("wrote " + html + " (" + series.size() + " series)");
        return 0;
    }
}
