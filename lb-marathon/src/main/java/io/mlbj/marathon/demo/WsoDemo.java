package io.mlbj.marathon.demo;

import static java.util.Objects.requireNonNull;

import io.mlbj.core.tls.PemBundle;
import io.mlbj.core.tls.SelfSignedCertificateWriter;
import io.mlbj.marathon.api.AppsSource;
import io.mlbj.marathon.daemon.DaemonCommand;
import io.mlbj.marathon.daemon.DaemonProcess;
import io.mlbj.marathon.daemon.DaemonSettings;
import io.mlbj.marathon.daemon.LoadBalancerSink;
import io.mlbj.marathon.daemon.MarathonLbDaemon;
import io.mlbj.marathon.emulator.MarathonEmulator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLException;

/**
 * The running demo: a Marathon-API emulator holding a WSO2-style app whose tasks are HTTPS servers that
 * set {@code JSESSIONID}, and the daemon (command line as a user would type it) against the emulator
 * over HTTP and its event stream.
 */
public final class WsoDemo implements AutoCloseable {
    /** The app's id in Marathon. */
    public static final String APP_ID = "/wso2am";
    /** The vhost of the app on the http and https frontends. */
    public static final String VHOST = "localhost";

    /**
     * The demo's ports; 0 = any free port (then read the bound ones from the load balancer).
     *
     * @param servicePort the app's TLS service port ({@code HAPROXY_2_*} frontend); 0 = any free port on 127.0.0.1
     */
    public record Ports(int http, int https, int stats, int appid, int servicePort) {
        /** Unprivileged defaults: 10080, 10443, 19090, 19091 and service port 19443. */
        public static final Ports DEFAULTS = new Ports(10080, 10443, 19090, 19091, 19443);
    }

    private final Ports ports;
    private final Path directory;
    private final PemBundle certificate;
    private final SessionEchoTaskLauncher launcher;
    private final MarathonEmulator emulator;
    private final LoadBalancerSink runtime;
    private final MarathonLbDaemon daemon;

    private WsoDemo(Ports ports, Path directory, PemBundle certificate, SessionEchoTaskLauncher launcher, MarathonEmulator emulator,
            LoadBalancerSink runtime, MarathonLbDaemon daemon) {
        this.ports = ports;
        this.directory = directory;
        this.certificate = certificate;
        this.launcher = launcher;
        this.emulator = emulator;
        this.runtime = runtime;
        this.daemon = daemon;
    }

    /** Generates the certificate, starts the emulator with the app and {@code instances} tasks, then the daemon. */
    public static WsoDemo start(Ports ports, int instances) {
        requireNonNull(ports, "ports");
        Path directory;
        try {
            directory = Files.createTempDirectory("lb-marathon-demo");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the demo's directory: " + e.getMessage(), e);
        }
        PemBundle certificate = SelfSignedCertificateWriter.generate(VHOST, SelfSignedCertificateWriter.KeyType.RSA_2048);
        Path pem = directory.resolve(VHOST + ".pem");
        SelfSignedCertificateWriter.write(certificate, pem);
        SessionEchoTaskLauncher launcher = new SessionEchoTaskLauncher(serverTls(certificate));
        MarathonEmulator emulator = null;
        LoadBalancerSink runtime = null;
        try {
            emulator = new MarathonEmulator(MarathonEmulator.Options.defaults().withLauncher(launcher)).start();
            emulator.createApp(appDefinition(pem, ports.servicePort(), instances));
            DaemonSettings settings = settings(emulator.url(), pem, ports);
            AppsSource source = settings.source().open(Clock.systemUTC());
            runtime = LoadBalancerSink.start(settings);
            MarathonLbDaemon daemon = DaemonProcess.start(settings, source, runtime);
            return new WsoDemo(ports, directory, certificate, launcher, emulator, runtime, daemon);
        } catch (RuntimeException e) {
            if (runtime != null) {
                runtime.close(Duration.ZERO);
            }
            if (emulator != null) {
                emulator.close();
            }
            launcher.close();
            throw e;
        }
    }

    /** The command line the demo runs the daemon with (printed for the user too). */
    static List<String> arguments(String marathonUrl, Path pem, Ports ports) {
        return List.of("--marathon", marathonUrl, "--sse", "--group", "marathon-lb",
                "--ssl-certs", pem.toString(), "--http-port", Integer.toString(ports.http()),
                "--https-port", Integer.toString(ports.https()), "--stats-port", Integer.toString(ports.stats()),
                "--appid-port", Integer.toString(ports.appid()));
    }

    private static DaemonSettings settings(String marathonUrl, Path pem, Ports ports) {
        AtomicReference<DaemonSettings> parsed = new AtomicReference<>();
        StringWriter err = new StringWriter();
        int code = DaemonCommand.execute(new DaemonCommand(Map.of(), Path.of(""), s -> {
            parsed.set(s);
            return 0;
        }), new PrintWriter(new StringWriter()), new PrintWriter(err),
                arguments(marathonUrl, pem, ports).toArray(String[]::new));
        if (code != 0) {
            throw new IllegalArgumentException(err.toString().strip());
        }
        return parsed.get();
    }

    /**
     * The WSO2 API Manager example of marathon-lb's users: three ports, the third exposed by the
     * {@code marathon-lb} group as sticky HTTPS with the servlet container's own session cookie.
     */
    static String appDefinition(Path pem, int servicePort, int instances) {
        List<String> labels = new ArrayList<>(List.of(
                label("HAPROXY_2_GROUP", "marathon-lb"),
                label("HAPROXY_2_MODE", "http"),
                label("HAPROXY_2_STICKY", "true"),
                label("HAPROXY_2_VHOST", VHOST),
                label("HAPROXY_2_SSL_CERT", pem.toString()),
                label("HAPROXY_2_BACKEND_STICKY_OPTIONS", "  cookie JSESSIONID prefix nocache\\n"),
                label("HAPROXY_2_BACKEND_SERVER_OPTIONS", "  server {serverName} {host_ipv4}:{port} id {serverId}"
                        + "{cookieOptions}{healthCheckOptions}{otherOptions} ssl verify none\\n")));
        if (servicePort == 0) {
            // any free port, on an address of its own: port-0 binds that share an address share a listener
            labels.add(label("HAPROXY_2_PORT", "0"));
            labels.add(label("HAPROXY_2_BIND_ADDR", "127.0.0.1"));
        }
        return "{\"id\":\"" + APP_ID + "\",\"cmd\":\"bin/wso2server.sh\",\"instances\":" + instances + ","
                + "\"portDefinitions\":[{\"port\":18280,\"name\":\"http\"},{\"port\":18243,\"name\":\"nio-https\"},"
                + "{\"port\":" + (servicePort == 0 ? 19443 : servicePort) + ",\"name\":\"https\"}],"
                + "\"labels\":{" + String.join(",", labels) + "}}";
    }

    private static String label(String name, String value) {
        return "\"" + name + "\":\"" + value.replace("\"", "\\\"") + "\"";
    }

    private static SslContext serverTls(PemBundle certificate) {
        try {
            return SslContextBuilder.forServer(certificate.key(), certificate.chain().toArray(X509Certificate[]::new))
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build the backends' TLS context: " + e.getMessage(), e);
        }
    }

    /** The generated self-signed certificate (the LB's and the backends'). */
    public PemBundle certificate() {
        return certificate;
    }

    /** The emulator (drive it like Marathon: scale, kill tasks). */
    public MarathonEmulator emulator() {
        return emulator;
    }

    /** The daemon (sync status, re-sync). */
    public MarathonLbDaemon daemon() {
        return daemon;
    }

    /** The port really bound by the frontend named {@code frontend}, or -1 when it has none. */
    public int boundPort(String frontend) {
        InetSocketAddress a = runtime.loadBalancer().boundAddress(frontend);
        return a == null ? -1 : a.getPort();
    }

    /** The name of the app's own TLS frontend (and backend): {@code wso2am_<service port>}. */
    public String serviceFrontend() {
        return "wso2am_" + ports.servicePort();
    }

    /** The command line the daemon runs with. */
    public List<String> daemonArguments() {
        return arguments(emulator.url(), certificateFile(), ports);
    }

    /** The generated certificate's PEM file (certificate and key). */
    public Path certificateFile() {
        return directory.resolve(VHOST + ".pem");
    }

    /** The directory holding the generated certificate. */
    public Path directory() {
        return directory;
    }

    /** Stops the daemon (draining briefly), the emulator and the tasks. */
    @Override
    public void close() {
        daemon.close(Duration.ofSeconds(2));
        emulator.close();
        launcher.close();
    }
}
