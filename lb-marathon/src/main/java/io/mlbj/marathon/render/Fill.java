package io.mlbj.marathon.render;

/** Fills a resolved template with keyword arguments given as name/value pairs. */
final class Fill {
    private Fill() {}

    /** {@code template.format(k1=v1, k2=v2, ...)}; values may be {@code null} (printed {@code None}). */
    static String fill(TemplateSet.Resolved template, Object... nameValuePairs) throws TemplateException {
        return PythonFormat.format(template.text(), nameValuePairs, template.origin());
    }

    /** Appends {@code template.format(...)} to {@code out}. */
    static void fillInto(StringBuilder out, TemplateSet.Resolved template, Object... nameValuePairs)
            throws TemplateException {
        PythonFormat.formatInto(out, template.text(), nameValuePairs, template.origin());
    }

    /** Python truthiness of an optional string. */
    static boolean truthy(String s) {
        return s != null && !s.isEmpty();
    }
}
