package io.mlbj.core.health;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.channel.ReflectiveChannelFactory;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Opens one server's check connections as Netty channels, each with the server's shared
 * {@link CheckProbeHandler}: TLS checks, host-name targets (resolved at each check) and checks on loops
 * that are not epoll. Plain checks of IP targets on epoll loops use {@link EpollCheckSocket} instead.
 * Confined to the server's loop.
 */
final class CheckChannels {
    private final EventLoop loop;
    /** Connects to names; IP literals take the direct path of {@link #connect}. */
    private final Bootstrap bootstrap;
    private final ChannelFactory<? extends Channel> channels;
    private final CheckProbeHandler probe;
    private boolean delayAck;

    CheckChannels(EventLoop loop, Class<? extends Channel> channelType, CheckProbeHandler probe) {
        this.loop = loop;
        this.probe = probe;
        this.channels = new ReflectiveChannelFactory<>(channelType);
        this.bootstrap = new Bootstrap()
                .group(loop)
                .channel(channelType)
                // RST on close, as HAProxy's checks do: no TIME_WAIT socket left per check.
                .option(ChannelOption.SO_LINGER, 0)
                // The check's own deadline covers the connect.
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 0)
                .handler(probe);
    }

    /** Whether the ACK of the SYN-ACK is delayed (TCP_QUICKACK off; epoll channels only). */
    void delayAck(boolean on) {
        delayAck = on;
        bootstrap.option(EpollChannelOption.TCP_QUICKACK, on ? Boolean.FALSE : null);
    }

    /** An IP literal is used as is (no lookup on the loop); a name is resolved by Netty at each check. */
    static InetSocketAddress address(String host, int port) {
        byte[] ip = NetUtil.createByteArrayFromIpAddressString(host);
        if (ip == null) {
            return InetSocketAddress.createUnresolved(host, port);
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(host, ip), port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("host " + host + ": " + e.getMessage(), e);
        }
    }

    /**
     * A new channel connecting to {@code target}: through {@link Bootstrap} for a name; for a resolved
     * address, what {@link Bootstrap#connect} does without its per-connection copies of the options and
     * attributes maps and its resolver lookup (both showed in every stack sample of the checking threads).
     */
    ChannelFuture connect(InetSocketAddress target) {
        if (target.isUnresolved()) {
            return bootstrap.connect(target);
        }
        Channel ch = channels.newChannel();
        ChannelFuture registered;
        try {
            ChannelConfig config = ch.config();
            config.setOption(ChannelOption.SO_LINGER, 0);
            config.setConnectTimeoutMillis(0);
            if (delayAck) {
                config.setOption(EpollChannelOption.TCP_QUICKACK, Boolean.FALSE);
            }
            ch.pipeline().addLast(probe);
            registered = loop.register(ch);
        } catch (RuntimeException e) {
            ch.unsafe().closeForcibly();
            throw e;
        }
        if (registered.isDone()) {
            return registered.isSuccess() ? ch.connect(target) : registered;
        }
        ChannelPromise connected = ch.newPromise();
        registered.addListener((ChannelFuture r) -> {
            if (r.isSuccess()) {
                ch.connect(target, connected);
            } else {
                connected.setFailure(r.cause());
            }
        });
        return connected;
    }
}
