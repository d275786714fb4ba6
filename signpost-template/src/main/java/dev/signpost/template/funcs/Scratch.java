package dev.signpost.template.funcs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import dev.signpost.template.lang.FunctionException;
import dev.signpost.template.lang.GoSlice;
import dev.signpost.template.lang.GoStrings;
import dev.signpost.template.lang.GoStruct;
import dev.signpost.template.lang.GoValues;
import dev.signpost.template.lang.TemplateFunction;
import dev.signpost.template.lang.TemplateFunction.ArgType;

/**
 * consul-template's {@code scratch}: a key/value pad that lives for one render, with the methods {@code .Key},
 * {@code .Get}, {@code .Set}, {@code .SetX}, {@code .MapSet}, {@code .MapSetX} and {@code .MapValues}. Confined to the
 * rendering thread.
 */
final class Scratch implements GoStruct {

    private final Map<String, Object> values = new HashMap<>();

    private final Map<String, TemplateFunction> methods = Map.of(
            "Key", TemplateFunction.of((inv, a) -> values.containsKey((String) a.getFirst()), ArgType.STRING),
            "Get", TemplateFunction.of((inv, a) -> values.get((String) a.getFirst()), ArgType.STRING),
            "Set", TemplateFunction.of((inv, a) -> {
                values.put((String) a.get(0), a.get(1));
                return "";
            }, ArgType.STRING, ArgType.ANY),
            "SetX", TemplateFunction.of((inv, a) -> {
                values.putIfAbsent((String) a.get(0), a.get(1));
                return "";
            }, ArgType.STRING, ArgType.ANY),
            "MapSet", TemplateFunction.of((inv, a) -> mapSet(a, true), ArgType.STRING, ArgType.STRING, ArgType.ANY),
            "MapSetX", TemplateFunction.of((inv, a) -> mapSet(a, false), ArgType.STRING, ArgType.STRING, ArgType.ANY),
            "MapValues", TemplateFunction.of((inv, a) -> mapValues((String) a.getFirst()), ArgType.STRING));

    @SuppressWarnings("unchecked")
    private Object mapSet(List<Object> a, boolean overwrite) {
        String k = (String) a.get(0);
        Object existing = values.computeIfAbsent(k, x -> new TreeMap<String, Object>(GoValues.KEY_ORDER));
        if (!(existing instanceof TreeMap<?, ?>)) {
            throw new FunctionException(GoStrings.quote(k) + " is not a map");
        }
        Map<String, Object> typed = (Map<String, Object>) existing;
        if (overwrite || !typed.containsKey((String) a.get(1))) {
            typed.put((String) a.get(1), a.get(2));
        }
        return "";
    }

    private Object mapValues(String k) {
        if (values.get(k) instanceof TreeMap<?, ?> m) {
            return GoSlice.ofInterfaces(new ArrayList<>(m.values()));
        }
        return GoSlice.ofInterfaces(List.of());
    }

    @Override
    public String goTypeName() {
        return "*template.Scratch";
    }

    @Override
    public List<String> fieldNames() {
        return List.of();
    }

    @Override
    public Object field(String name) {
        return NO_FIELD;
    }

    @Override
    public Optional<TemplateFunction> method(String name) {
        return Optional.ofNullable(methods.get(name));
    }
}
