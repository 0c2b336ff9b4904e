package io.mlbj.core.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TlsPolicyTest {
    // marathon-lb's HAPROXY_HEAD ssl-default-bind-ciphers / -options.
    static final String MARATHON_LB_CIPHERS = "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305"
            + ":ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384"
            + ":ECDHE-RSA-AES256-GCM-SHA384:DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384"
            + ":ECDHE-ECDSA-AES128-SHA256:ECDHE-RSA-AES128-SHA256:ECDHE-ECDSA-AES128-SHA:ECDHE-RSA-AES256-SHA384"
            + ":ECDHE-RSA-AES128-SHA:ECDHE-ECDSA-AES256-SHA384:ECDHE-ECDSA-AES256-SHA:ECDHE-RSA-AES256-SHA"
            + ":DHE-RSA-AES128-SHA256:DHE-RSA-AES128-SHA:DHE-RSA-AES256-SHA256:DHE-RSA-AES256-SHA"
            + ":ECDHE-ECDSA-DES-CBC3-SHA:ECDHE-RSA-DES-CBC3-SHA:EDH-RSA-DES-CBC3-SHA:AES128-GCM-SHA256"
            + ":AES256-GCM-SHA384:AES128-SHA256:AES256-SHA256:AES128-SHA:AES256-SHA:DES-CBC3-SHA:!DSS";

    @Test
    void marathonLbDefaultsGiveTls12And13WithoutTickets() {
        TlsPolicy p = TlsPolicy.parse(MARATHON_LB_CIPHERS, List.of("no-sslv3 no-tlsv10 no-tls-tickets"));

        assertThat(p.protocols()).containsExactly("TLSv1.3", "TLSv1.2");
        assertThat(p.sessionTickets()).isFalse();
        assertThat(p.cipherNames()).hasSize(30).startsWith("ECDHE-ECDSA-CHACHA20-POLY1305").endsWith("DES-CBC3-SHA");
        assertThat(p.cipherAliases()).containsExactly("!DSS");
        assertThat(p.ignoredOptions()).isEmpty();
    }

    @Test
    void defaultsAreBothProtocolsProviderCiphersAndTickets() {
        TlsPolicy p = TlsPolicy.defaults();

        assertThat(p.protocols()).containsExactly("TLSv1.3", "TLSv1.2");
        assertThat(p.cipherNames()).isEmpty();
        assertThat(p.sessionTickets()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "no-tlsv13                        | TLSv1.2",
        "no-tlsv12                        | TLSv1.3",
        "force-tlsv12                     | TLSv1.2",
        "force-tlsv13                     | TLSv1.3",
        "ssl-min-ver TLSv1.3              | TLSv1.3",
        "ssl-max-ver TLSv1.2              | TLSv1.2",
        "ssl-min-ver TLSv1.0              | TLSv1.3 TLSv1.2",
        "no-sslv3 no-tlsv10 no-tlsv11     | TLSv1.3 TLSv1.2",
    })
    void protocolOptions(String options, String expected) {
        assertThat(TlsPolicy.parse(null, List.of(options)).protocols()).containsExactly(expected.split(" "));
    }

    @Test
    void optionWordsMayComeOneByOne() {
        TlsPolicy p = TlsPolicy.parse(null, List.of("ssl-min-ver", "TLSv1.3", "prefer-client-ciphers"));

        assertThat(p.protocols()).containsExactly("TLSv1.3");
        assertThat(p.ignoredOptions()).containsExactly("prefer-client-ciphers");
    }

    @Test
    void noProtocolLeftIsAClearError() {
        assertThatThrownBy(() -> TlsPolicy.parse(null, List.of("no-tlsv12 no-tlsv13")))
                .isInstanceOf(TlsConfigException.class).hasMessageContaining("no protocol left");
        assertThatThrownBy(() -> TlsPolicy.parse(null, List.of("ssl-max-ver TLSv1.1")))
                .isInstanceOf(TlsConfigException.class).hasMessageContaining("no protocol left");
        assertThatThrownBy(() -> TlsPolicy.parse(null, List.of("ssl-min-ver TLSv9")))
                .isInstanceOf(TlsConfigException.class).hasMessageContaining("ssl-min-ver TLSv9: unknown version");
        assertThatThrownBy(() -> TlsPolicy.parse(null, List.of("ssl-min-ver")))
                .isInstanceOf(TlsConfigException.class).hasMessageContaining("missing version");
    }

    @Test
    void aliasesAndExclusionsAreSeparatedFromSuiteNames() {
        TlsPolicy p = TlsPolicy.parse("HIGH:!aNULL:ECDHE+AESGCM:ECDHE-RSA-AES128-GCM-SHA256:-AES128-SHA:AES128-SHA"
                + ":TLS_AES_128_GCM_SHA256:@STRENGTH", List.of());

        assertThat(p.cipherNames()).containsExactly("ECDHE-RSA-AES128-GCM-SHA256", "TLS_AES_128_GCM_SHA256");
        assertThat(p.cipherAliases()).containsExactly("HIGH", "!aNULL", "ECDHE+AESGCM", "-AES128-SHA", "@STRENGTH");
    }
}
