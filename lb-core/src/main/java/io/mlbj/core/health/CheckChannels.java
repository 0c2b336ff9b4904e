package io.mlbj.core.health;

import io.mlbj.core.pool.ServerAddressResolver;
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
    private final ChannelFactory<? extends Channel> channels;
    private final CheckProbeHandler probe;
    private boolean delayAck;

    CheckChannels(EventLoop loop, Class<? extends Channel> channelType, CheckProbeHandler probe) {
        this.loop = loop;
        this.probe = probe;
        this.channels = new ReflectiveChannelFactory<>(channelType);
    }

    /** Whether the ACK of the SYN-ACK is delayed (TCP_QUICKACK off; epoll channels only). */
    void delayAck(boolean on) {
        delayAck = on;
    }

    /** An IP literal is used as is; a name stays unresolved and is looked up, off the loop, at each check. */
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
     * A new channel connecting to {@code target}, made as {@code Bootstrap#connect} would make it but
     * without its per-connection copies of the options and attributes maps (both showed in every stack
     * sample of the checking threads) and without its resolver, which would look a name up on the loop:
     * a name is looked up by {@link ServerAddressResolver} on its own threads at each check.
     */
    ChannelFuture connect(InetSocketAddress target) {
        Channel ch = channels.newChannel();
        ChannelFuture registered;
        try {
            ChannelConfig config = ch.config();
            // RST on close, as HAProxy's checks do: no TIME_WAIT socket left per check.
            config.setOption(ChannelOption.SO_LINGER, 0);
            // The check's own deadline covers the connect (and a name's lookup).
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
        if (registered.isDone() && !target.isUnresolved()) {
            return registered.isSuccess() ? ch.connect(target) : registered;
        }
        ChannelPromise connected = ch.newPromise();
        registered.addListener((ChannelFuture r) -> {
            if (!r.isSuccess()) {
                connected.tryFailure(r.cause());
            } else if (!target.isUnresolved()) {
                ch.connect(target, connected);
            } else {
                ServerAddressResolver.SYSTEM.resolve(target.getHostString(), target.getPort(), loop).addListener(a -> {
                    if (!a.isSuccess()) {
                        connected.tryFailure(a.cause());
                        ch.close();
                    } else if (ch.isOpen()) {
                        // not yet closed by the check's deadline
                        ch.connect((InetSocketAddress) a.getNow(), connected);
                    }
                });
            }
        });
        return connected;
    }
}
