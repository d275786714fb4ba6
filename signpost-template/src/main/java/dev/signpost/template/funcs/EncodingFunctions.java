package dev.signpost.template.funcs;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import dev.signpost.template.golib.GoJson;
import dev.signpost.template.golib.GoJsonSyntax;
import dev.signpost.template.golib.GoText;
import dev.signpost.template.golib.GoToml;
import dev.signpost.template.golib.GoYaml;
import dev.signpost.template.lang.FunctionException;
import dev.signpost.template.lang.GoSlice;
import dev.signpost.template.lang.TemplateFunction;
import dev.signpost.template.lang.TemplateFunction.ArgType;

/**
 * parseJSON, parseYAML, toJSON, toJSONPretty, toUnescapedJSON, toUnescapedJSONPretty, toYAML and toTOML. Parsed JSON
 * numbers are float64 as in Go; YAML integers stay ints. Output is trimmed of surrounding white space as
 * consul-template does. Thread-safe (the mappers are).
 */
final class EncodingFunctions {

    /** Loaded on first use, so parsing templates does not pay for Jackson's start-up. */
    private static final class Mappers {
        static final ObjectMapper JSON = new ObjectMapper();
        static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    }

    private EncodingFunctions() {
    }

    static void register(Map<String, TemplateFunction> m) {
        m.put("parseJSON", TemplateFunction.of((inv, a) -> parse((String) a.getFirst(), Mappers.JSON, true),
                ArgType.STRING));
        m.put("parseYAML", TemplateFunction.of((inv, a) -> parse((String) a.getFirst(), Mappers.YAML, false),
                ArgType.STRING));
        m.put("toJSON", TemplateFunction.of((inv, a) -> GoJson.marshal(a.getFirst(), true, ""), ArgType.ANY));
        m.put("toJSONPretty", TemplateFunction.of((inv, a) -> GoJson.marshal(a.getFirst(), true, "  "),
                ArgType.ANY));
        m.put("toUnescapedJSON", TemplateFunction.of((inv, a) -> GoJson.marshal(a.getFirst(), false, ""),
                ArgType.ANY));
        m.put("toUnescapedJSONPretty", TemplateFunction.of((inv, a) -> GoJson.marshal(a.getFirst(), false, "  "),
                ArgType.ANY));
        m.put("toYAML", TemplateFunction.of((inv, a) -> GoText.trimSpace(GoYaml.marshal(a.getFirst())),
                ArgType.ANY));
        m.put("toTOML", TemplateFunction.of((inv, a) -> GoText.trimSpace(GoToml.marshal(a.getFirst())),
                ArgType.ANY));
    }

    private static Object parse(String s, ObjectMapper mapper, boolean json) {
        if (s.isEmpty()) {
            return new LinkedHashMap<String, Object>();
        }
        if (json) {
            GoJsonSyntax.check(s);
        }
        try {
            JsonNode n = mapper.readTree(s);
            if (n == null || n.isMissingNode()) {
                if (json) {
                    throw new FunctionException("unexpected end of JSON input");
                }
                return null;
            }
            return toGo(n, json);
        } catch (JsonParseException e) {
            String detail = e.getOriginalMessage();
            if (json && detail != null && detail.contains("end-of-input")) {
                throw new FunctionException("unexpected end of JSON input");
            }
            throw new FunctionException(json ? "invalid character looking for beginning of value"
                    : "yaml: " + (detail == null ? "invalid document" : detail));
        } catch (IOException e) {
            throw new FunctionException(e.getMessage());
        }
    }

    private static Object toGo(JsonNode n, boolean json) {
        if (n.isObject()) {
            Map<String, Object> m = new LinkedHashMap<>();
            n.properties().forEach(e -> m.put(e.getKey(), toGo(e.getValue(), json)));
            return m;
        }
        if (n.isArray()) {
            List<Object> l = new ArrayList<>();
            n.forEach(e -> l.add(toGo(e, json)));
            return GoSlice.ofInterfaces(l);
        }
        if (n.isNull()) {
            return null;
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isNumber()) {
            if (!json && n.isIntegralNumber() && n.canConvertToLong()) {
                return n.longValue();
            }
            return n.doubleValue();
        }
        return n.asText();
    }
}
