package io.mlbj.marathon.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.util.List;
import java.util.Set;

/** The Marathon event types marathon-lb subscribes to and reacts on, and how an event's type is read. */
public final class MarathonEvents {

    /** The types that change the apps a load balancer sees; each one triggers a full re-sync. */
    public static final List<String> RELEVANT_TYPES =
            List.of("api_post_event", "health_status_changed_event", "status_update_event");

    /** The query marathon-lb sends with {@code GET /v2/events} (server-side filtering, light plans). */
    public static final String EVENTS_QUERY = "plan-format=light&event_type=api_post_event"
            + "&event_type=health_status_changed_event&event_type=status_update_event";

    /** The query of the apps fetch. */
    public static final String APPS_QUERY = "embed=apps.tasks";

    private static final Set<String> RELEVANT = Set.copyOf(RELEVANT_TYPES);
    private static final JsonFactory JSON = new JsonFactory();

    private MarathonEvents() {}

    /**
     * The event's type: the {@code eventType} of its JSON data (what marathon-lb reads), else the SSE
     * {@code event:} name; never throws on garbage.
     */
    public static String typeOf(SseEvent event) {
        String data = event.data();
        if (!data.isEmpty() && data.charAt(0) == '{') {
            // streaming read of the top-level "eventType" only: deployment events can be megabytes
            try (JsonParser parser = JSON.createParser(data)) {
                parser.nextToken();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if ("eventType".equals(field) && value == JsonToken.VALUE_STRING) {
                        return parser.getText();
                    }
                    parser.skipChildren();
                }
            } catch (java.io.IOException notJson) {
                // fall back to the SSE event name
            }
        }
        return event.type();
    }

    /** Whether an event of this type requires a re-sync. */
    public static boolean isRelevant(String type) {
        return RELEVANT.contains(type);
    }
}
