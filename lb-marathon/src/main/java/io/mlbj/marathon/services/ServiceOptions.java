package io.mlbj.marathon.services;

/**
 * The flags that shape services: {@code --strict-mode}, {@code --health-check}, the IP-per-task service port
 * range, and the {@code FRAMEWORK_NAME} app to skip ({@code null} = none).
 */
public record ServiceOptions(boolean strictMode, boolean healthCheck, int minServPortIpPerTask,
        int maxServPortIpPerTask, String frameworkName) {
    public ServiceOptions {
        if (minServPortIpPerTask < 0 || maxServPortIpPerTask > 65535 || maxServPortIpPerTask < minServPortIpPerTask) {
            throw new IllegalArgumentException("service port range: " + minServPortIpPerTask + ".."
                    + maxServPortIpPerTask + " (expected: 0 <= min <= max <= 65535)");
        }
    }

    /** marathon-lb's defaults: no strict mode, no health filter, range 10050..10100. */
    public static ServiceOptions defaults() {
        return new ServiceOptions(false, false, 10050, 10100, null);
    }
}
