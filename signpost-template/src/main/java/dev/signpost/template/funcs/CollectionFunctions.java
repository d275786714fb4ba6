package dev.signpost.template.funcs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import dev.signpost.template.dependency.CatalogSnippet;
import dev.signpost.template.dependency.HealthService;
import dev.signpost.template.dependency.KeyPair;
import dev.signpost.template.golib.GoText;
import dev.signpost.template.lang.FunctionException;
import dev.signpost.template.lang.GoChannel;
import dev.signpost.template.lang.GoFmt;
import dev.signpost.template.lang.GoInt;
import dev.signpost.template.lang.GoMap;
import dev.signpost.template.lang.GoNil;
import dev.signpost.template.lang.GoSlice;
import dev.signpost.template.lang.GoStrings;
import dev.signpost.template.lang.GoValues;
import dev.signpost.template.lang.TemplateFunction;
import dev.signpost.template.lang.TemplateFunction.ArgType;

/**
 * consul-template's helpers over lists and maps: byKey, byTag, byPort, byMeta, contains, in, containsAll/Any/None/
 * NotAll, explode, explodeMap, mergeMap, mergeMapWithOverride, loop, executeTemplate and scratch. Stateless.
 */
final class CollectionFunctions {

    private static final Pattern META_UNSAFE = Pattern.compile("[^a-zA-Z0-9_-]");

    private CollectionFunctions() {
    }

    static void register(Map<String, TemplateFunction> m) {
        m.put("byKey", TemplateFunction.of((inv, a) -> byKey(pairs(a.getFirst(), "byKey")), ArgType.ANY));
        m.put("byTag", TemplateFunction.of((inv, a) -> byTag(a.getFirst()), ArgType.ANY));
        m.put("byPort", TemplateFunction.of((inv, a) -> byPort(a.getFirst()), ArgType.ANY));
        m.put("byMeta", TemplateFunction.of((inv, a) -> byMeta((String) a.get(0), a.get(1)), ArgType.STRING,
                ArgType.ANY));
        m.put("contains", TemplateFunction.of((inv, a) -> in(a.get(1), a.get(0)), ArgType.ANY, ArgType.ANY));
        m.put("in", TemplateFunction.of((inv, a) -> in(a.get(0), a.get(1)), ArgType.ANY, ArgType.ANY));
        m.put("containsAll", containsSome(true, true));
        m.put("containsAny", containsSome(false, false));
        m.put("containsNone", containsSome(true, false));
        m.put("containsNotAll", containsSome(false, true));
        m.put("explode", TemplateFunction.of((inv, a) -> explode(pairs(a.getFirst(), "explode")), ArgType.ANY));
        m.put("explodeMap", TemplateFunction.of((inv, a) -> explodeMap(a.getFirst()), ArgType.ANY));
        m.put("mergeMap", TemplateFunction.of((inv, a) -> merge(a.get(0), a.get(1), false), ArgType.ANY,
                ArgType.ANY));
        m.put("mergeMapWithOverride", TemplateFunction.of((inv, a) -> merge(a.get(0), a.get(1), true), ArgType.ANY,
                ArgType.ANY));
        m.put("loop", TemplateFunction.variadic((inv, a) -> loop(a), ArgType.ANY));
        m.put("executeTemplate", TemplateFunction.variadic((inv, a) -> {
            if (a.size() > 2) {
                throw new FunctionException("executeTemplate: wrong number of arguments, expected 1 or 2, but got "
                        + a.size());
            }
            return inv.executeTemplate((String) a.getFirst(), a.size() == 2 ? a.get(1) : null);
        }, ArgType.STRING, ArgType.ANY));
        m.put("scratch", TemplateFunction.of((inv, a) -> RenderContext.of(inv).scratch));
    }

    @SuppressWarnings("unchecked")
    private static List<KeyPair> pairs(Object v, String fn) {
        if (v instanceof List<?> l && l.stream().allMatch(KeyPair.class::isInstance)) {
            return (List<KeyPair>) l;
        }
        throw new FunctionException("wrong type for value; expected []*dependency.KeyPair; got "
                + GoValues.typeName(v));
    }

    private static Object byKey(List<KeyPair> pairs) {
        Map<String, Map<String, KeyPair>> m = new LinkedHashMap<>();
        for (KeyPair pair : pairs) {
            List<String> parts = GoText.split(pair.key(), "/");
            String top = parts.getFirst();
            String key = String.join("/", parts.subList(1, parts.size()));
            if (key.isEmpty()) {
                continue;
            }
            m.computeIfAbsent(top, x -> new LinkedHashMap<>()).put(key, pair.withKey(key));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, GoMap.of(v, new GoNil("*dependency.KeyPair"),
                "map[string]*dependency.KeyPair")));
        return GoMap.of(out, GoMap.of(Map.of(), new GoNil("*dependency.KeyPair"), "map[string]*dependency.KeyPair"),
                "map[string]map[string]*dependency.KeyPair");
    }

    private static List<?> services(Object in, String fn) {
        if (in == null) {
            return List.of();
        }
        if (in instanceof List<?> l && l.stream().allMatch(x -> x instanceof HealthService
                || x instanceof CatalogSnippet)) {
            return l;
        }
        throw new FunctionException(fn + ": wrong argument type " + GoValues.typeName(in));
    }

    private static Object byTag(Object in) {
        Map<String, List<Object>> m = new TreeMap<>(GoValues.KEY_ORDER);
        for (Object s : services(in, "byTag")) {
            List<String> tags = s instanceof HealthService h ? h.tags() : ((CatalogSnippet) s).tags();
            for (String t : tags) {
                m.computeIfAbsent(t, x -> new ArrayList<>()).add(s);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, GoSlice.ofInterfaces(v)));
        return GoMap.of(out, GoSlice.ofInterfaces(List.of()), "map[string][]interface {}");
    }

    private static Object byPort(Object in) {
        Map<Long, List<Object>> m = new TreeMap<>();
        for (Object s : services(in, "byPort")) {
            if (!(s instanceof HealthService h)) {
                throw new FunctionException("byPort: wrong argument type " + GoValues.typeName(in));
            }
            m.computeIfAbsent(h.port(), x -> new ArrayList<>()).add(h);
        }
        Map<Long, Object> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, GoSlice.ofInterfaces(v)));
        return out;
    }

    private static Object byMeta(String meta, Object in) {
        if (in != null && !(in instanceof List<?> l && l.stream().allMatch(HealthService.class::isInstance))) {
            throw new FunctionException("wrong type for value; expected []*dependency.HealthService; got "
                    + GoValues.typeName(in));
        }
        List<String> metas = GoText.split(meta, ",");
        Map<String, List<HealthService>> groups = new TreeMap<>(GoValues.KEY_ORDER);
        for (Object o : in == null ? List.of() : (List<?>) in) {
            HealthService s = (HealthService) o;
            List<String> parts = new ArrayList<>();
            for (String m : metas) {
                String value = metaOrDefault(s.serviceMeta(), m);
                if (m.endsWith("|int")) {
                    long i;
                    try {
                        i = Long.parseLong(value);
                    } catch (NumberFormatException e) {
                        throw new FunctionException("cannot parse " + value + " as number : strconv.Atoi: parsing "
                                + GoStrings.quote(value) + ": invalid syntax");
                    }
                    value = GoFmt.sprintf("%05d", List.of(i));
                }
                parts.add(META_UNSAFE.matcher(value).replaceAll("_"));
            }
            groups.computeIfAbsent(String.join("_", parts), x -> new ArrayList<>()).add(s);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        groups.forEach((k, v) -> out.put(k, GoSlice.of("*dependency.HealthService", v)));
        return GoMap.of(out, GoSlice.of("*dependency.HealthService", List.of()),
                "map[string][]*dependency.HealthService");
    }

    private static String metaOrDefault(Map<String, String> m, String key) {
        String realKey = key.endsWith("|int") ? key.substring(0, key.length() - 4) : key;
        String v = m.get(realKey);
        if (v != null && !v.isEmpty()) {
            return v;
        }
        return key.endsWith("|int") ? "0" : "_no_" + realKey + "_";
    }

    /** consul-template's in: list membership by value for numbers and by exact string, or a substring test. */
    static boolean in(Object l, Object v) {
        if (l instanceof List<?> list) {
            for (Object raw : list) {
                Object e = GoValues.normalize(raw);
                Long ex = GoInt.intValue(e);
                Long vy = GoInt.intValue(v);
                if (ex != null && vy != null && ex.equals(vy)) {
                    return true;
                }
                if (e instanceof Double x && v instanceof Double y && x.doubleValue() == y) {
                    return true;
                }
                if (e instanceof String x) {
                    if (v == null) {
                        throw new FunctionException("reflect: call of reflect.Value.Type on zero Value");
                    }
                    if (v instanceof String y && x.equals(y)) {
                        return true;
                    }
                }
            }
            return false;
        }
        if (l instanceof String s) {
            if (v == null) {
                throw new FunctionException("reflect: call of reflect.Value.Type on zero Value");
            }
            return v instanceof String y && s.contains(y);
        }
        return false;
    }

    private static TemplateFunction containsSome(boolean retTrue, boolean invert) {
        return TemplateFunction.of((inv, a) -> {
            for (Object v : (List<?>) a.get(0)) {
                if (in(a.get(1), GoValues.normalize(v)) != invert) {
                    return !retTrue;
                }
            }
            return retTrue;
        }, ArgType.ANY_SLICE, ArgType.ANY);
    }

    private static Object explode(List<KeyPair> pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (KeyPair pair : pairs) {
            explodeInto(m, pair.key(), pair.value(), pair.key(), "explode");
        }
        return m;
    }

    @SuppressWarnings("unchecked")
    private static void explodeInto(Map<String, Object> m, String k, Object v, String p, String fn) {
        int slash = k.indexOf('/');
        if (slash >= 0) {
            String top = k.substring(0, slash);
            String rest = k.substring(slash + 1);
            Object nest = m.computeIfAbsent(top, x -> new LinkedHashMap<String, Object>());
            if (!(nest instanceof LinkedHashMap<?, ?>)) {
                throw new FunctionException(fn + ": not a map: " + GoStrings.quote(p) + ": " + GoStrings.quote(top)
                        + " already has value " + GoFmt.sprintf("%q", java.util.Arrays.asList(nest)));
            }
            explodeInto((Map<String, Object>) nest, rest, v, k, fn);
            return;
        }
        if (!k.isEmpty()) {
            m.put(k, v);
        }
    }

    private static Object explodeMap(Object in) {
        if (!(in instanceof Map<?, ?> src)) {
            throw new FunctionException("wrong type for value; expected map[string]interface {}; got "
                    + GoValues.typeName(in));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (String k : GoValues.sortedKeys(src)) {
            explodeInto(out, k, src.get(k), k, "explodeMap");
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object merge(Object dst, Object src, boolean override) {
        if (!(dst instanceof Map<?, ?> d) || !(src instanceof Map<?, ?> s)) {
            throw new FunctionException("wrong type for value; expected map[string]interface {}; got "
                    + GoValues.typeName(dst instanceof Map<?, ?> ? src : dst));
        }
        Map<String, Object> out = new LinkedHashMap<>((Map<String, Object>) d);
        for (Map.Entry<?, ?> e : s.entrySet()) {
            String k = String.valueOf(e.getKey());
            Object existing = out.get(k);
            if (existing instanceof Map<?, ?> && e.getValue() instanceof Map<?, ?>) {
                out.put(k, merge(existing, e.getValue(), override));
            } else if (!out.containsKey(k) || existing == null || (override && e.getValue() != null)) {
                out.put(k, e.getValue());
            }
        }
        return out;
    }

    private static Object loop(List<Object> args) {
        Object from;
        Object to;
        switch (args.size()) {
            case 1 -> {
                from = 0L;
                to = args.getFirst();
            }
            case 2 -> {
                from = args.get(0);
                to = args.get(1);
            }
            default -> throw new FunctionException("loop: wrong number of arguments, expected 1 or 2, but got "
                    + args.size());
        }
        long start = toInt64(from);
        long stop = toInt64(to);
        // Lazy, like Go's goroutine feeding the channel: loop 1000000 allocates nothing up front.
        int size = stop <= start ? 0 : (int) Math.min(stop - start, Integer.MAX_VALUE);
        List<Object> values = new java.util.AbstractList<>() {
            @Override
            public Object get(int index) {
                return GoInt.int64(start + index);
            }

            @Override
            public int size() {
                return size;
            }
        };
        return new GoChannel("<-chan int64", values);
    }

    private static long toInt64(Object v) {
        return switch (v) {
            case Long l -> l;
            case GoInt g -> g.value();
            case String s -> StringFunctions.parseInt(s, "parseInt");
            default -> throw new FunctionException("loop: bad argument type: " + GoValues.typeName(v));
        };
    }
}
