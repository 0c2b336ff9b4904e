package io.mlbj.bench.load;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Command-line entry point of the load tool: {@code run} a load test, {@code chart} results, {@code serve} a test target. */
@Command(name = "load-tool", mixinStandardHelpOptions = true,
        description = "HTTP/HTTPS load generator (closed and open loop) with latency percentiles and charts.",
        subcommands = {RunCommand.class, ChartCommand.class, ServeCommand.class, CommandLine.HelpCommand.class})
public final class LoadToolMain implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Runs the tool with {@code args} and exits with its status (0 ok, 1 failure, 2 bad usage or refused target). */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The picocli command line of the tool, for callers that want the exit code instead of an exit. */
    public static CommandLine commandLine() {
        return new CommandLine(new LoadToolMain());
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: run, chart or serve");
    }
}
