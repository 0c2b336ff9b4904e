package io.mlbj.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.Version;
import org.junit.jupiter.api.Test;

class BuildSmokeTest {
    @Test
    void nettyIsAtLeastTheSmugglingFixRelease() {
        String v = Version.identify().get("netty-common").artifactVersion();
        assertThat(v).startsWith("4.2.");
        int patch = Integer.parseInt(v.split("\\.")[2]);
        assertThat(patch).isGreaterThanOrEqualTo(13);
    }
}
