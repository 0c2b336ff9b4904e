package io.mlbj.core.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SourceNetworksTest {

    @ParameterizedTest
    @CsvSource({
        "'', 10.1.2.3, true",
        "10.0.0.0/8, 10.1.2.3, true",
        "10.0.0.0/8, 11.1.2.3, false",
        "'10.0.0.0/8, 127.0.0.1', 127.0.0.1, true",
        "127.0.0.1, 127.0.0.2, false",
        "192.168.1.0/23, 192.168.0.255, true",
        "::1/128, ::1, true",
        "::1/128, 127.0.0.1, false",
        "0.0.0.0/0, 8.8.8.8, true",
    })
    void allows(String networks, String client, boolean allowed) throws UnknownHostException {
        assertThat(SourceNetworks.parse(networks).allows(InetAddress.getByName(client))).isEqualTo(allowed);
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "10.0.0.0/33", "10.0.0.0/x", "::1/129", "/8"})
    void rejectsWhatIsNotANetwork(String text) {
        assertThatThrownBy(() -> SourceNetworks.parse(text))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("signal source");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " , "})
    void blankMeansEveryone(String text) throws UnknownHostException {
        assertThat(SourceNetworks.parse(text)).isEqualTo(SourceNetworks.ANY);
        assertThat(SourceNetworks.ANY.allows(InetAddress.getByName("203.0.113.9"))).isTrue();
    }
}
