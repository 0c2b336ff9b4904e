package io.mlbj.marathon.render;

import java.util.HashMap;
import java.util.Map;

/** Fills a resolved template with keyword arguments given as name/value pairs. */
final class Fill {
    private Fill() {}

    /** {@code template.format(k1=v1, k2=v2, ...)}; values may be {@code null} (printed {@code None}). */
    static String fill(TemplateSet.Resolved template, Object... nameValuePairs) throws TemplateException {
        Map<String, Object> kwargs = new HashMap<>(nameValuePairs.length);
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            kwargs.put((String) nameValuePairs[i], nameValuePairs[i + 1]);
        }
        return PythonFormat.format(template.text(), kwargs, template.origin());
    }

    /** Python truthiness of an optional string. */
    static boolean truthy(String s) {
        return s != null && !s.isEmpty();
    }
}
