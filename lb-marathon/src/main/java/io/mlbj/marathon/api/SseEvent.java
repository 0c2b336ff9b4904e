package io.mlbj.marathon.api;

import static java.util.Objects.requireNonNull;

/**
 * One dispatched server-sent event.
 *
 * @param type the {@code event:} field, {@code "message"} when the event had none
 * @param data the {@code data:} lines joined with {@code \n} (empty only for a lone {@code data} line)
 * @param lastEventId the stream's last event id when this event was dispatched ({@code ""} if none)
 */
public record SseEvent(String type, String data, String lastEventId) {

    public SseEvent {
        requireNonNull(type, "type");
        requireNonNull(data, "data");
        requireNonNull(lastEventId, "lastEventId");
    }
}
