package io.mlbj.marathon.render;

import java.util.List;
import java.util.Map;

/**
 * Python's {@code str.format(**kwargs)} for marathon-lb templates: {@code {name}} fields (with {@code [key]}
 * lookups, {@code !s}/{@code !r} and simple {@code [[fill]align][width][s|d]} specs), {@code {{}} and {@code }}}
 * escapes; values print as Python's {@code str()} does ({@code None}, {@code True}, dict and list reprs).
 */
public final class PythonFormat {
    private PythonFormat() {}

    /** Fills {@code template}; a field not in {@code kwargs} raises {@link TemplateException} naming {@code origin}. */
    public static String format(String template, Map<String, ?> kwargs, String origin) throws TemplateException {
        Object[] pairs = new Object[kwargs.size() * 2];
        int i = 0;
        for (Map.Entry<String, ?> e : kwargs.entrySet()) {
            pairs[i++] = e.getKey();
            pairs[i++] = e.getValue();
        }
        return format(template, pairs, origin);
    }

    /** Fills {@code template} with keyword arguments given as alternating names and values. */
    public static String format(String template, Object[] kwargs, String origin) throws TemplateException {
        StringBuilder out = new StringBuilder(template.length() + 64);
        formatInto(out, template, kwargs, origin);
        return out.toString();
    }

    /** Appends the filled {@code template} to {@code out} (on error, {@code out} may hold a partial result). */
    public static void formatInto(StringBuilder out, String template, Object[] kwargs, String origin)
            throws TemplateException {
        int n = template.length();
        int i = 0;
        while (i < n) {
            char c = template.charAt(i);
            if (c == '{') {
                if (i + 1 < n && template.charAt(i + 1) == '{') {
                    out.append('{');
                    i += 2;
                    continue;
                }
                int end = template.indexOf('}', i + 1);
                if (end < 0) {
                    throw new TemplateException(origin, "Single '{' encountered in format string");
                }
                int plain = plainField(template, i + 1, end, kwargs);
                if (plain >= 0) {
                    // the common case: a plain {name}, no substring needed
                    appendStr(out, kwargs[plain]);
                    i = end + 1;
                    continue;
                }
                String field = template.substring(i + 1, end);
                if (field.indexOf('{') >= 0) {
                    throw new TemplateException(origin, "nested fields are not supported: {" + field + "}");
                }
                out.append(field(field, kwargs, origin));
                i = end + 1;
            } else if (c == '}') {
                if (i + 1 < n && template.charAt(i + 1) == '}') {
                    out.append('}');
                    i += 2;
                    continue;
                }
                throw new TemplateException(origin, "Single '}' encountered in format string");
            } else {
                int next = nextBrace(template, i);
                out.append(template, i, next);
                i = next;
            }
        }
    }

    private static int nextBrace(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '{' || c == '}') {
                return i;
            }
        }
        return s.length();
    }

    private static int plainField(String template, int from, int to, Object[] kwargs) {
        int len = to - from;
        for (int k = 0; k < kwargs.length; k += 2) {
            String name = (String) kwargs[k];
            if (name.length() == len && template.regionMatches(from, name, 0, len)) {
                return k + 1;
            }
        }
        return -1;
    }

    private static void appendStr(StringBuilder out, Object value) {
        if (value instanceof String s) {
            out.append(s);
        } else if (value instanceof Integer n) {
            out.append(n.intValue());
        } else {
            out.append(str(value));
        }
    }

    private static int indexOf(Object[] kwargs, String name) {
        for (int i = 0; i < kwargs.length; i += 2) {
            if (name.equals(kwargs[i])) {
                return i + 1;
            }
        }
        return -1;
    }

    private static String field(String field, Object[] kwargs, String origin) throws TemplateException {
        int plain = indexOf(kwargs, field);
        if (plain >= 0) {
            // the common case: a plain {name}
            return str(kwargs[plain]);
        }
        String spec = "";
        char conversion = 's';
        int colon = field.indexOf(':');
        if (colon >= 0) {
            spec = field.substring(colon + 1);
            field = field.substring(0, colon);
        }
        int bang = field.indexOf('!');
        if (bang >= 0) {
            String conv = field.substring(bang + 1);
            if (conv.length() != 1 || "sra".indexOf(conv.charAt(0)) < 0) {
                throw new TemplateException(origin, "Unknown conversion specifier " + conv);
            }
            conversion = conv.charAt(0);
            field = field.substring(0, bang);
        }
        int cut = firstOf(field, ".[");
        String name = field.substring(0, cut);
        if (name.isEmpty() || allDigits(name)) {
            throw new TemplateException(origin, "positional field {" + field + "} (only named placeholders are passed)");
        }
        int at = indexOf(kwargs, name);
        if (at < 0) {
            throw new TemplateException(origin, "unknown placeholder {" + name + "}");
        }
        Object value = kwargs[at];
        String rest = field.substring(cut);
        while (!rest.isEmpty()) {
            if (rest.charAt(0) == '[') {
                int close = rest.indexOf(']');
                if (close < 0) {
                    throw new TemplateException(origin, "Missing ']' in format string");
                }
                String key = rest.substring(1, close);
                value = index(value, key, origin);
                rest = rest.substring(close + 1);
            } else if (rest.charAt(0) == '.') {
                int next = firstOf(rest.substring(1), ".[") + 1;
                throw new TemplateException(origin, "attribute ." + rest.substring(1, next) + " of {" + name + "} is not available");
            } else {
                throw new TemplateException(origin, "Only '.' or '[' may follow ']' in format field specifier");
            }
        }
        String text = conversion == 's' ? str(value) : repr(value);
        return applySpec(text, value, spec, origin);
    }

    private static Object index(Object value, String key, String origin) throws TemplateException {
        if (value instanceof Map<?, ?> map) {
            if (!map.containsKey(key)) {
                throw new TemplateException(origin, "KeyError: '" + key + "'");
            }
            return map.get(key);
        }
        if (value instanceof List<?> list && !key.isEmpty() && allDigits(key)) {
            int idx = Integer.parseInt(key);
            if (idx >= list.size()) {
                throw new TemplateException(origin, "IndexError: list index out of range");
            }
            return list.get(idx);
        }
        throw new TemplateException(origin, "'" + typeName(value) + "' object is not subscriptable");
    }

    private static String applySpec(String text, Object value, String spec, String origin) throws TemplateException {
        if (spec.isEmpty()) {
            return text;
        }
        char fill = ' ';
        char align = 0;
        int p = 0;
        if (spec.length() >= 2 && "<>^".indexOf(spec.charAt(1)) >= 0) {
            fill = spec.charAt(0);
            align = spec.charAt(1);
            p = 2;
        } else if ("<>^".indexOf(spec.charAt(0)) >= 0) {
            align = spec.charAt(0);
            p = 1;
        }
        int w = p;
        while (w < spec.length() && Character.isDigit(spec.charAt(w))) {
            w++;
        }
        int width = w > p ? Integer.parseInt(spec.substring(p, w)) : 0;
        String type = spec.substring(w);
        boolean number = value instanceof Integer || value instanceof Long;
        if (!(type.isEmpty() || (type.equals("s") && value instanceof String) || (type.equals("d") && number))) {
            throw new TemplateException(origin, "unsupported format spec ':" + spec + "' for " + typeName(value));
        }
        if (align == 0) {
            align = number ? '>' : '<';
        }
        int pad = width - text.codePointCount(0, text.length());
        if (pad <= 0) {
            return text;
        }
        String f = String.valueOf(fill);
        return switch (align) {
            case '<' -> text + f.repeat(pad);
            case '>' -> f.repeat(pad) + text;
            default -> f.repeat(pad / 2) + text + f.repeat(pad - pad / 2);
        };
    }

    private static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static int firstOf(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return s.length();
    }

    /** Python's {@code str(value)}. */
    public static String str(Object value) {
        if (value instanceof String s) {
            return s;
        }
        return repr(value);
    }

    /** Python's {@code repr(value)} for None, bool, int, str, dict and list. */
    public static String repr(Object value) {
        if (value == null) {
            return "None";
        }
        if (value instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (value instanceof String s) {
            String q = s.contains("'") && !s.contains("\"") ? "\"" : "'";
            StringBuilder out = new StringBuilder(q);
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> {
                        if (String.valueOf(c).equals(q)) {
                            out.append('\\');
                        }
                        out.append(c);
                    }
                }
            }
            return out.append(q).toString();
        }
        if (value instanceof Map<?, ?> map) {
            StringBuilder out = new StringBuilder("{");
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) {
                    out.append(", ");
                }
                first = false;
                out.append(repr(e.getKey())).append(": ").append(repr(e.getValue()));
            }
            return out.append('}').toString();
        }
        if (value instanceof List<?> list) {
            StringBuilder out = new StringBuilder("[");
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                out.append(repr(list.get(i)));
            }
            return out.append(']').toString();
        }
        return String.valueOf(value);
    }

    private static String typeName(Object value) {
        if (value == null) {
            return "NoneType";
        }
        if (value instanceof String) {
            return "str";
        }
        if (value instanceof Integer || value instanceof Long) {
            return "int";
        }
        if (value instanceof Boolean) {
            return "bool";
        }
        if (value instanceof Map) {
            return "dict";
        }
        return value instanceof List ? "list" : value.getClass().getSimpleName();
    }
}
