package io.mlbj.core;

import io.mlbj.core.haproxy.Directive;
import io.mlbj.core.haproxy.HaproxyConfig;
import io.mlbj.core.haproxy.Section;
import io.mlbj.core.routing.BindAddress;
import io.mlbj.core.routing.ConfigWarning;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the line of a config a failure found after interpretation belongs to: a certificate, a server's
 * TLS settings, a backend the engine rejects, an address that cannot be bound. The messages of those
 * failures start with {@code frontend NAME: }, {@code backend NAME: } or {@code backend NAME server S: }.
 */
final class ConfigLocations {
    private static final Pattern SUBJECT = Pattern.compile("^(frontend|backend) (\\S+?)(?: server (\\S+?))?: ");

    private final HaproxyConfig config;
    private final String source;

    ConfigLocations(HaproxyConfig config, String source) {
        this.config = config;
        this.source = source;
    }

    /** The problem {@code message} at the line its subject names: a server line, a bind line, a section header. */
    ConfigWarning of(String message) {
        Matcher m = SUBJECT.matcher(message);
        if (!m.find()) {
            return new ConfigWarning(source, 0, message);
        }
        String detail = message.substring(m.end());
        Section section = section(m.group(1), m.group(2));
        if (section == null) {
            return new ConfigWarning(source, 0, message);
        }
        Directive line = m.group(3) != null ? serverLine(section, m.group(3)) : tlsBindLine(section, detail);
        if (line == null) {
            return new ConfigWarning(section.file(), section.line(), message);
        }
        return new ConfigWarning(line.file(), line.line(), message);
    }

    /** {@code message} about {@code bind} at the first {@code bind} line naming that address. */
    ConfigWarning ofBind(BindAddress bind, String message) {
        for (Section s : config.sections()) {
            if (s.keyword().equals("frontend") || s.keyword().equals("listen")) {
                for (Directive d : s.directives()) {
                    if (d.keyword().equals("bind") && bindsTo(d, bind)) {
                        return new ConfigWarning(d.file(), d.line(), "frontend " + s.name() + ": " + message);
                    }
                }
            }
        }
        return new ConfigWarning(source, 0, message);
    }

    private Section section(String kind, String name) {
        for (Section s : config.sections()) {
            boolean kindMatches = s.keyword().equals("listen") || s.keyword().equals(kind);
            if (kindMatches && s.name().equals(name)) {
                return s;
            }
        }
        return null;
    }

    private static Directive serverLine(Section section, String server) {
        for (Directive d : section.directives()) {
            if (d.keyword().equals("server") && server.equals(d.arg(0))) {
                return d;
            }
        }
        return null;
    }

    /** The bind line whose {@code crt} the message names, else the first bind with {@code ssl}. */
    private static Directive tlsBindLine(Section section, String detail) {
        Directive firstTls = null;
        for (Directive d : section.directives()) {
            if (!d.keyword().equals("bind")) {
                continue;
            }
            for (int i = 1; i < d.args().size(); i++) {
                String word = d.args().get(i);
                if (word.equals("crt") && i + 1 < d.args().size() && detail.contains(d.args().get(i + 1))) {
                    return d;
                }
                if (word.equals("ssl") && firstTls == null) {
                    firstTls = d;
                }
            }
        }
        return firstTls;
    }

    private static boolean bindsTo(Directive d, BindAddress bind) {
        String address = d.arg(0);
        if (address == null) {
            return false;
        }
        for (String one : address.split(",")) {
            int colon = one.lastIndexOf(':');
            if (colon < 0 || !one.substring(colon + 1).equals(Integer.toString(bind.port()))) {
                continue;
            }
            String host = one.substring(0, colon);
            if (host.equals(bind.host()) || (bind.isWildcard() && new BindAddress(host, 0).isWildcard())) {
                return true;
            }
        }
        return false;
    }
}
