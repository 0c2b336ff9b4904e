package io.mlbj.marathon.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code --longhelp} lists every template with its default and every label that is not a template. */
class LonghelpTest {

    @Test
    void listsAllTemplatesAndTheBehaviourLabels() {
        String text = Longhelp.descriptions(RenderOptions.builder(List.of("*")).build());
        assertThat(text).startsWith("## Templates\n");
        // 64 labels - 39 template overrides - HTTP_BACKEND_REDIR (named like a template, so listed there) = 24
        assertThat(text.split("\n## `HAPROXY_", -1)).hasSize(53 + 24 + 1);
        assertThat(text).contains("## `HAPROXY_BACKEND_HEAD`\n  *Overridable per app*\n\nSpecified as "
                + "`HAPROXY_BACKEND_HEAD` template or with label `HAPROXY_{n}_BACKEND_HEAD`.\n");
        assertThat(text).contains("## `HAPROXY_HEAD`\n  *Global*\n");
        assertThat(text).contains("## `HAPROXY_{n}_VHOST`\n  *per service port*\n");
        assertThat(text).contains("Specified as `HAPROXY_{n}_GROUP` or `HAPROXY_GROUP`.");
        assertThat(text).contains("## `HAPROXY_DEPLOYMENT_COLOUR`\n  *per app*\n");
        assertThat(text.indexOf("`HAPROXY_BACKEND_HEAD`")).isLessThan(text.indexOf("`HAPROXY_FRONTEND_HEAD`"));
        assertThat(Longhelp.labelTable()).contains("| `HAPROXY_{n}_STICKY` | per service port |");
    }
}
