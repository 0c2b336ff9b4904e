package io.mlbj.core.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Secrets of a config never show in the text of its values (which end up in logs and warnings). */
class SecretRedactionTest {
    @Test
    void userlistPasswordsAreNotPrinted() {
        Userlist users = new Userlist("admins", Map.of(
                "alice", new Userlist.Password("$6$salt$hashhashhash", false),
                "bob", new Userlist.Password("clear-text-secret", true)));
        String printed = users.toString();
        assertThat(printed).contains("alice", "bob", "<redacted>");
        assertThat(printed).doesNotContain("hashhashhash", "clear-text-secret");
        // Redaction does not change what the password accepts.
        assertThat(users.users().get("bob").accepts("clear-text-secret")).isTrue();
    }
}
