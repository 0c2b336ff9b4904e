package io.mlbj.marathon.daemon;

import io.mlbj.core.LbServer;
import io.mlbj.core.LbServerOptions;
import io.mlbj.core.haproxy.ConfigException;
import io.mlbj.core.haproxy.ConfigInterpreter;
import io.mlbj.core.haproxy.MapFileReader;
import io.mlbj.core.routing.BindAddress;
import io.mlbj.core.routing.RoutingSnapshot;
import io.mlbj.core.routing.RoutingTable;
import java.time.Duration;

/** The runtime the end-to-end tests feed: the engine behind the interpreter. */
final class TestRuntime implements ConfigSink {
    private final RoutingTable table = new RoutingTable(RoutingSnapshot.EMPTY);
    private final LbServer server = new LbServer(table, LbServerOptions.defaults()).start();
    private String liveText;

    @Override
    public synchronized AppliedConfig apply(String configText, String sourceName, MapFileReader maps)
            throws ConfigException {
        if (configText.equals(liveText)) {
            return new AppliedConfig(false, table.current());
        }
        RoutingSnapshot next = new ConfigInterpreter(maps, false).interpret(configText, sourceName);
        table.swap(next);
        liveText = configText;
        return new AppliedConfig(true, next);
    }

    /** The port a {@code bind *:0} (or other) bind address got. */
    int boundPort(String host, int port) {
        return server.boundAddress(new BindAddress(host, port)).getPort();
    }

    RoutingSnapshot current() {
        return table.current();
    }

    @Override
    public void close(Duration drain) {
        server.close(drain);
    }
}
