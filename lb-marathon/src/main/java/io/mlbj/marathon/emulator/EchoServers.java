package io.mlbj.marathon.emulator;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The servers of tasks that really listen: for each task, one server socket per port on 127.0.0.1:0, on one
 * shared event loop; killing a task closes its sockets and the connections they accepted.
 */
public final class EchoServers implements AutoCloseable {
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Map<String, ChannelGroup> servers = new ConcurrentHashMap<>();

    /** Starts {@code portCount} servers for {@code taskId}; {@code pipeline} sets up each accepted connection. */
    public LaunchedTask start(String taskId, int portCount, Consumer<SocketChannel> pipeline) {
        // the server sockets and their accepted connections: a killed task drops both
        ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < portCount; i++) {
            Channel channel = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            channels.add(ch);
                            pipeline.accept(ch);
                        }
                    })
                    .bind("127.0.0.1", 0).syncUninterruptibly().channel();
            channels.add(channel);
            ports.add(((InetSocketAddress) channel.localAddress()).getPort());
        }
        servers.put(taskId, channels);
        return new LaunchedTask("127.0.0.1", ports, "127.0.0.1");
    }

    /** Closes the servers and connections of {@code taskId}, if it runs. */
    public void kill(String taskId) {
        ChannelGroup channels = servers.remove(taskId);
        if (channels != null) {
            channels.close().awaitUninterruptibly();
        }
    }

    /** Stops every task and the event loop. */
    @Override
    public void close() {
        List.copyOf(servers.keySet()).forEach(this::kill);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
