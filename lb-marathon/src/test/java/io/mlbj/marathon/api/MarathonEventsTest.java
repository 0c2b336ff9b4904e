package io.mlbj.marathon.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MarathonEventsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "status_update_event | {\"eventType\":\"status_update_event\",\"appId\":\"/a\"} | status_update_event",
        "message | {\"plan\":{\"steps\":[{\"eventType\":\"x\"}]},\"eventType\":\"deployment_info\"} | deployment_info",
        "api_post_event | not json | api_post_event",
        "api_post_event | {\"eventType\": 3} | api_post_event",
        "message | {\"eventType\":\"event_stream_attached\" | event_stream_attached",
        "message | {broken | message",
    })
    void readsTheTypeFromTheJsonElseTheEventName(String sseType, String data, String expected) {
        assertThat(MarathonEvents.typeOf(new SseEvent(sseType, data, ""))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "api_post_event, true", "status_update_event, true", "health_status_changed_event, true",
        "deployment_info, false", "event_stream_attached, false", "failed_health_check_event, false"})
    void onlyMarathonLbsThreeTypesTriggerAResync(String type, boolean relevant) {
        assertThat(MarathonEvents.isRelevant(type)).isEqualTo(relevant);
    }
}
