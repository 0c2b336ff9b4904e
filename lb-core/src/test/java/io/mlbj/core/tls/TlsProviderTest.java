package io.mlbj.core.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.ssl.OpenSsl;
import org.junit.jupiter.api.Test;

class TlsProviderTest {
    @Test
    void flagValuesChooseOrDetectTheProvider() {
        assertThat(TlsProvider.fromName("jdk")).isEqualTo(TlsProvider.JDK);
        assertThat(TlsProvider.fromName(" JDK ")).isEqualTo(TlsProvider.JDK);
        TlsProvider detected = OpenSsl.isAvailable() ? TlsProvider.OPENSSL : TlsProvider.JDK;
        assertThat(TlsProvider.fromName("auto")).isEqualTo(detected);
        assertThat(TlsProvider.fromName(null)).isEqualTo(detected);
        assertThat(TlsProvider.detect()).isEqualTo(detected);
        if (OpenSsl.isAvailable()) {
            assertThat(TlsProvider.fromName("openssl")).isEqualTo(TlsProvider.OPENSSL);
        } else {
            assertThatThrownBy(() -> TlsProvider.fromName("openssl")).isInstanceOf(TlsConfigException.class);
        }
    }

    @Test
    void unknownNamesAreAClearError() {
        assertThatThrownBy(() -> TlsProvider.fromName("gnutls")).isInstanceOf(TlsConfigException.class)
                .hasMessage("TLS provider: 'gnutls' (expected: auto, openssl or jdk)");
    }
}
