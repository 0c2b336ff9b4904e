package io.mlbj.core.haproxy;

import io.mlbj.core.routing.RoutingSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/** The 50 marathon-lb conformance configs in test resources, with the map files their cases define. */
final class ConformanceCases {
    static final List<String> NAMES = List.of(
            "01_config_no_apps", "02_config_env_template", "03_config_with_ssl_no_apps",
            "04_config_with_multissl_no_apps", "05_config_simple_app", "06_config_healthcheck_command",
            "07_config_simple_app_vhost", "08_config_simple_app_multiple_vhost",
            "09_config_simple_app_vhost_and_redirect", "10_config_simple_app_multiple_vhost_and_redirect",
            "11_config_simple_app_vhost_with_auth", "12_config_simple_app_multiple_vhost_and_auth",
            "13_config_simple_app_vhost_with_path_and_auth", "14_config_simple_app_multiple_vhost_with_path_and_auth",
            "15_config_simple_app_vhost_with_path", "16_config_simple_app_multiple_vhost_with_path",
            "17_config_simple_app_vhost_with_path_and_redirect",
            "18_config_simple_app_multiple_vhost_with_path_and_redirect",
            "19_config_simple_app_multiple_vhost_path_redirect_hsts", "20_config_simple_app_balance",
            "21_bridge_app_marathon15", "22_zdd_app", "23_config_simple_app_healthcheck_port",
            "24_config_simple_app_healthcheck_port_using_another_portindex",
            "25_config_simple_app_healthcheck_port_diff_portindex_and_group",
            "26_config_simple_app_healthcheck_port_portindex_out_of_range",
            "27_config_simple_app_tcp_healthcheck", "28_config_haproxy_group_fallback",
            "29_config_haproxy_group_per_service", "30_config_haproxy_group_hybrid",
            "31_config_simple_app_proxypass", "32_config_simple_app_revproxy", "33_config_simple_app_redirect",
            "34_config_simple_app_sticky", "35_config_multi_app_multiple_vhost_with_path", "36_config_haproxy_map",
            "37_config_haproxy_map_hybrid", "38_config_haproxy_map_auth_noauth",
            "39_config_haproxy_map_hybrid_with_vhost_path", "40_config_haproxy_map_hybrid_httptohttps_redirect",
            "41_config_simple_app_long_backend_proxypass", "42_config_simple_app_proxypass_health_check",
            "43_config_simple_app_revproxy_health_check", "44_strict_mode_on_and_off",
            "45_backend_disabled_and_enablede", "46_group_https_by_vhost",
            "47_config_no_apps__TestAdditionalOptions", "48_config_simple_app__TestAdditionalOptions",
            "49_config_no_apps__TestDuplicatedOptions", "50_config_simple_app__TestDuplicatedOptions");

    private ConformanceCases() {}

    static String config(String name) {
        String text = resource("/conformance/configs/" + name + ".cfg");
        if (text == null) {
            throw new AssertionError("missing resource for " + name);
        }
        return text;
    }

    /** The map files of a case, under the paths its config names. */
    static MapFileReader maps(String name) {
        Map<String, String> files = new HashMap<>();
        for (String map : List.of("domain2backend", "app2backend")) {
            String text = resource("/conformance/maps/" + name + "." + map + ".map");
            if (text != null) {
                files.put("/etc/haproxy/" + map + ".map", text);
            }
        }
        return MapFileReader.of(files);
    }

    static RoutingSnapshot snapshot(String name) throws ConfigException {
        return new ConfigInterpreter(maps(name), false).interpret(config(name), name + ".cfg");
    }

    /** The case whose name starts with {@code NN_}. */
    static String byNumber(int n) {
        String prefix = String.format("%02d_", n);
        return IntStream.range(0, NAMES.size()).mapToObj(NAMES::get).filter(s -> s.startsWith(prefix))
                .findFirst().orElseThrow();
    }

    static String resource(String path) {
        try (InputStream in = ConformanceCases.class.getResourceAsStream(path)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
