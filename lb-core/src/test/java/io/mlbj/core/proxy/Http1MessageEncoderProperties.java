package io.mlbj.core.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlbj.core.proxy.EncoderScenarios.Body;
import io.mlbj.core.proxy.EncoderScenarios.Head;
import io.mlbj.core.proxy.EncoderScenarios.Marker;
import io.mlbj.core.proxy.EncoderScenarios.Raw;
import io.mlbj.core.proxy.EncoderScenarios.Region;
import io.mlbj.core.proxy.EncoderScenarios.Step;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.FileRegion;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.ReferenceCounted;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * {@link HttpRequestHeadEncoder} and {@link HttpResponseHeadEncoder} against Netty's encoders (both with the
 * proxy's overrides, see {@link EncoderTwins}): any sequence of messages gives the same bytes, the same
 * failures (type and message) for the same writes, the same methods recorded, and leaves every message it
 * was given with the same reference count.
 */
class Http1MessageEncoderProperties {

    @Property(tries = 1500)
    void oursWritesWhatNettyWrites(@ForAll("seeds") long seed, @ForAll boolean requests) throws Exception {
        List<Step> steps = EncoderScenarios.sequence(new Random(seed), requests);
        Run netty = run(EncoderTwins.requests(false), EncoderTwins.responses(false), requests, steps);
        Run ours = run(EncoderTwins.requests(true), EncoderTwins.responses(true), requests, steps);
        assertThat(ours.failures).as("failures").isEqualTo(netty.failures);
        assertThat(ours.bytes).as("bytes of %s", steps).isEqualTo(netty.bytes);
        assertThat(ours.refCounts).as("reference counts").isEqualTo(netty.refCounts);
        assertThat(ours.recorded).as("recorded methods").isEqualTo(netty.recorded);
        assertThat(netty.refCounts).as("everything written was consumed").allMatch(c -> c == 0);
        Statistics.label("failed writes").collect(netty.failures.stream().filter(f -> !f.isEmpty()).count() > 0);
        Statistics.label("bytes").collect(netty.bytes.length < 200 ? "<200" : netty.bytes.length < 5000 ? "<5000" : ">=5000");
    }

    // Writes with the void promise (as the proxy writes) and flushes only now and then, so that heads are held
    // for their bodies: the bytes, failures and reference counts are still Netty's.
    @Property(tries = 1000)
    void voidWritesWithRareFlushesWriteWhatNettyWrites(@ForAll("seeds") long seed, @ForAll boolean requests)
            throws Exception {
        List<Step> steps = EncoderScenarios.sequence(new Random(seed), requests);
        Run netty = run(EncoderTwins.requests(false), EncoderTwins.responses(false), requests, steps, new Random(seed));
        Run ours = run(EncoderTwins.requests(true), EncoderTwins.responses(true), requests, steps, new Random(seed));
        assertThat(ours.failures).as("failures").isEqualTo(netty.failures);
        assertThat(ours.bytes).as("bytes of %s", steps).isEqualTo(netty.bytes);
        assertThat(ours.refCounts).as("reference counts").isEqualTo(netty.refCounts);
        assertThat(netty.refCounts).as("everything written was consumed").allMatch(c -> c == 0);
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    private record Run(byte[] bytes, List<String> failures, List<Integer> refCounts, String recorded) {
    }

    private static Run run(EncoderTwins.Twin forRequests, EncoderTwins.Twin forResponses, boolean requests, List<Step> steps)
            throws IOException {
        return run(forRequests, forResponses, requests, steps, null);
    }

    // With voidFlushes, every write has the void promise (failures are what the pipeline then reports) and a
    // flush follows a write at random; else each write has its own promise and is flushed.
    private static Run run(EncoderTwins.Twin forRequests, EncoderTwins.Twin forResponses, boolean requests, List<Step> steps,
            Random voidFlushes) throws IOException {
        EncoderTwins.Twin encoder = requests ? forRequests : forResponses;
        EmbeddedChannel ch = new EmbeddedChannel(encoder);
        List<ReferenceCounted> given = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        for (Step step : steps) {
            if (step == Marker.UPGRADE) {
                encoder.upgrade();
                continue;
            }
            Object msg = build(step);
            if (msg instanceof HttpResponse r && !requests && answersARequest(r.status())) {
                encoder.requestArrived(((Head) step).answers());
            }
            if (msg instanceof ReferenceCounted rc && rc.refCnt() > 0 && !(step instanceof Marker)) {
                given.add(rc);
            }
            if (voidFlushes == null) {
                ChannelFuture f = ch.writeOneOutbound(msg);
                ch.flushOutbound();
                failures.add(f.cause() == null ? "" : f.cause().getClass().getName() + ": " + describe(f.cause().getCause()));
            } else {
                try {
                    // The pipeline's failure surfaces from whichever call checks for it next.
                    ch.writeOneOutbound(msg, ch.voidPromise());
                    if (voidFlushes.nextInt(3) == 0) {
                        ch.flushOutbound();
                    }
                    ch.checkException();
                    failures.add("");
                } catch (Exception e) {
                    failures.add(e.getClass().getName() + ": " + describe(e.getCause()));
                }
            }
            drain(ch, written);
        }
        ch.flushOutbound();
        drain(ch, written);
        assertThat(ch.finishAndReleaseAll()).isFalse();
        List<Integer> counts = new ArrayList<>();
        for (ReferenceCounted rc : given) {
            counts.add(rc.refCnt());
        }
        return new Run(written.toByteArray(), failures, counts, String.valueOf(encoder.recorded()));
    }

    private static boolean answersARequest(HttpResponseStatus status) {
        int code = status.code();
        return !(code >= 100 && code < 200 && code != 101);
    }

    private static String describe(Throwable t) {
        return t == null ? "-" : t.getClass().getName() + ": " + t.getMessage();
    }

    private static Object build(Step step) {
        if (step instanceof Head h) {
            return h.build();
        }
        if (step instanceof Body b) {
            return b.build();
        }
        if (step instanceof Marker m) {
            return m.build();
        }
        if (step instanceof Raw raw) {
            return raw.build();
        }
        return ((Region) step).build();
    }

    // Everything the encoder wrote: buffers as bytes, file regions as their file's bytes, anything else (a
    // message passed through undecoded) as its type's name; each is released after reading.
    private static void drain(EmbeddedChannel ch, ByteArrayOutputStream written) throws IOException {
        Object o;
        while ((o = ch.readOutbound()) != null) {
            try {
                if (o instanceof ByteBuf b) {
                    b.getBytes(b.readerIndex(), written, b.readableBytes());
                } else if (o instanceof FileRegion region) {
                    transfer(region, written);
                } else {
                    written.write(("<" + o.getClass().getSimpleName() + ">").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                }
            } finally {
                ReferenceCountUtil.release(o);
            }
        }
    }

    private static void transfer(FileRegion region, ByteArrayOutputStream to) throws IOException {
        WritableByteChannel sink = new WritableByteChannel() {
            @Override
            public int write(ByteBuffer src) {
                int n = src.remaining();
                byte[] b = new byte[n];
                src.get(b);
                to.write(b, 0, n);
                return n;
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {
            }
        };
        long done = 0;
        while (done < region.count()) {
            done += region.transferTo(sink, done);
        }
    }
}
