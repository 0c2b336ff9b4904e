package io.mlbj.marathon.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultHttpContent;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The open {@code /v2/events} responses and the event bus that writes to them. */
final class EventStreams {

    private record Subscriber(Channel channel, Set<String> eventTypes) {
        boolean wants(String type) {
            return eventTypes.isEmpty() || eventTypes.contains(type);
        }
    }

    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();

    /** Adds an open stream; {@code eventTypes} empty = every type (Marathon's {@code event_type} filter). */
    void add(Channel channel, Set<String> eventTypes) {
        Subscriber subscriber = new Subscriber(channel, Set.copyOf(eventTypes));
        subscribers.add(subscriber);
        channel.closeFuture().addListener(f -> subscribers.remove(subscriber));
    }

    /** Sends one event to every stream that asked for its type. */
    void publish(ObjectNode event) {
        String type = event.path("eventType").asText();
        String frame = "event: " + type + "\r\ndata: " + event + "\r\n\r\n";
        for (Subscriber subscriber : subscribers) {
            if (subscriber.wants(type)) {
                write(subscriber.channel(), frame);
            }
        }
    }

    /** Sends one event to a single stream (the {@code event_stream_attached} greeting). */
    void publishTo(Channel channel, ObjectNode event) {
        write(channel, "event: " + event.path("eventType").asText() + "\r\ndata: " + event + "\r\n\r\n");
    }

    /** Writes raw text to every stream, for fault tests. */
    void sendRaw(String text) {
        subscribers.forEach(s -> write(s.channel(), text));
    }

    /** Closes every stream abruptly. */
    void closeAll() {
        subscribers.forEach(s -> s.channel().close());
    }

    /** The number of open streams. */
    int count() {
        return (int) subscribers.stream().filter(s -> s.channel().isActive()).count();
    }

    private static void write(Channel channel, String text) {
        if (channel.isActive()) {
            channel.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8)));
        }
    }
}
