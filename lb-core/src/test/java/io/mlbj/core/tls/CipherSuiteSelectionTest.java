package io.mlbj.core.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CipherSuiteSelectionTest {

    @Test
    void jdkGetsIanaNamesAndDropsWhatItLacks() {
        TlsPolicy policy = TlsPolicy.parse("ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-CHACHA20-POLY1305:NO-SUCH-CIPHER:!DSS", List.of());

        CipherSuiteSelection s = CipherSuiteSelection.select(policy, TlsProvider.JDK);

        assertThat(s.suites()).startsWith("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256")
                .contains("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384");
        assertThat(s.dropped()).containsExactly("!DSS", "NO-SUCH-CIPHER");
    }

    @Test
    void openSslGetsOpenSslNamesAndConvertsIanaNames() {
        assumeTrue(TlsProvider.OPENSSL.isAvailable(), "OpenSSL not available");
        TlsPolicy policy = TlsPolicy.parse("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384:ECDHE-RSA-AES128-GCM-SHA256:NO-SUCH-CIPHER", List.of());

        CipherSuiteSelection s = CipherSuiteSelection.select(policy, TlsProvider.OPENSSL);

        assertThat(s.suites()).startsWith("ECDHE-RSA-AES256-GCM-SHA384", "ECDHE-RSA-AES128-GCM-SHA256");
        assertThat(s.dropped()).containsExactly("NO-SUCH-CIPHER");
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void onlyAliasesOrNothingMeansProviderDefaults(TlsProvider provider) {
        assumeTrue(provider.isAvailable(), "provider not available");

        assertThat(CipherSuiteSelection.select(TlsPolicy.parse("HIGH:!aNULL", List.of()), provider).suites()).isNull();
        assertThat(CipherSuiteSelection.select(TlsPolicy.defaults(), provider).suites()).isNull();
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void marathonLbCipherListKeepsItsModernSuites(TlsProvider provider) {
        assumeTrue(provider.isAvailable(), "provider not available");
        TlsPolicy policy = TlsPolicy.parse(TlsPolicyTest.MARATHON_LB_CIPHERS, List.of("no-sslv3 no-tlsv10 no-tls-tickets"));

        CipherSuiteSelection s = CipherSuiteSelection.select(policy, provider);

        assertThat(s.suites()).hasSizeGreaterThan(10);
    }
}
