package io.mlbj.core.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.Test;

/** The leak check used by the hostile-input tests does see a lost buffer. */
class LeakCheckTest {
    @Test
    void aBufferNeverReleasedIsReported() throws Exception {
        try (LeakCheck check = LeakCheck.start()) {
            loseABuffer();
            assertThat(check.leaks()).isNotEmpty();
        }
    }

    private static void loseABuffer() {
        ByteBuf lost = PooledByteBufAllocator.DEFAULT.directBuffer(64);
        lost.writeInt(42);
    }
}
