package io.mlbj.bench.health;

import io.mlbj.core.Transport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.LongAdder;

/**
 * The listeners a health-check comparison probes: TCP ports on 127.0.0.1 that accept connections and wait
 * for the checker to close them; prints the number of connections accepted so far once a second, so a
 * script can tell how many checks each checker made in a window.
 *
 * <p>Run: {@code java -cp lb-bench/target/benchmarks.jar io.mlbj.bench.health.CheckTargets FIRST_PORT COUNT}.
 */
public final class CheckTargets {
    private CheckTargets() {}

    /** Binds {@code COUNT} ports from {@code FIRST_PORT} and serves them until killed. */
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: CheckTargets FIRST_PORT COUNT");
            System.exit(2);
        }
        int first = Integer.parseInt(args[0]);
        int count = Integer.parseInt(args[1]);
        Transport transport = Transport.detect();
        MultiThreadIoEventLoopGroup group = transport.newGroup(1, "check-target");
        LongAdder accepted = new LongAdder();
        Counting handler = new Counting(accepted);
        for (int i = 0; i < count; i++) {
            new ServerBootstrap().group(group).channel(transport.serverChannelType()).childHandler(handler)
                    .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), first + i)).sync();
        }
        System.out.println("listening " + count);
        while (true) {
            Thread.sleep(1000);
            System.out.println("accepted " + accepted.sum());
        }
    }

    /** Counts a connection and drops whatever it sends. */
    @Sharable
    private static final class Counting extends ChannelInboundHandlerAdapter {
        private final LongAdder accepted;

        Counting(LongAdder accepted) {
            this.accepted = accepted;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            accepted.increment();
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
