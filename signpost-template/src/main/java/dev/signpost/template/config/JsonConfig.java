package dev.signpost.template.config;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import dev.signpost.template.config.ConfigValue.Entry;
import dev.signpost.template.config.ConfigValue.ListValue;
import dev.signpost.template.config.ConfigValue.ObjectValue;
import dev.signpost.template.config.ConfigValue.Position;
import dev.signpost.template.config.ConfigValue.Scalar;

/**
 * Reads a JSON configuration file into the same tree as {@link Hcl}, keeping each value's line and column. As in
 * HCL's JSON form, a list of objects under a block name ({@code "template": [{...}, {...}]}) means repeated blocks.
 * Stateless.
 */
public final class JsonConfig {

    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonConfig() {
    }

    public static ObjectValue parse(String file, String text) {
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_OBJECT) {
                throw new ConfigException(at(file, p.currentTokenLocation()) + ": a JSON config must be an object");
            }
            ObjectValue o = object(file, p);
            if (p.nextToken() != null) {
                throw new ConfigException(at(file, p.currentTokenLocation()) + ": unexpected content after the object");
            }
            return o;
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            throw new ConfigException((l == null ? file : at(file, l).toString()) + ": " + e.getOriginalMessage()
                    .lines().findFirst().orElse("invalid JSON"));
        } catch (IOException e) {
            throw new ConfigException(file + ": " + e.getMessage());
        }
    }

    private static Position at(String file, JsonLocation l) {
        return new Position(file, l.getLineNr(), l.getColumnNr());
    }

    private static ObjectValue object(String file, JsonParser p) throws IOException {
        Position start = at(file, p.currentTokenLocation());
        List<Entry> entries = new ArrayList<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            Position keyAt = at(file, p.currentTokenLocation());
            p.nextToken();
            ConfigValue v = value(file, p);
            if (v instanceof ListValue l && !l.items().isEmpty()
                    && l.items().stream().allMatch(i -> i instanceof ObjectValue)) {
                l.items().forEach(i -> entries.add(new Entry(key, i, keyAt)));
            } else {
                entries.add(new Entry(key, v, keyAt));
            }
        }
        return new ObjectValue(entries, start);
    }

    private static ConfigValue value(String file, JsonParser p) throws IOException {
        Position at = at(file, p.currentTokenLocation());
        return switch (p.currentToken()) {
            case START_OBJECT -> object(file, p);
            case START_ARRAY -> {
                List<ConfigValue> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(value(file, p));
                }
                yield new ListValue(items, at);
            }
            case VALUE_STRING -> new Scalar(p.getText(), at);
            case VALUE_NUMBER_INT -> new Scalar(p.getLongValue(), at);
            case VALUE_NUMBER_FLOAT -> new Scalar(p.getDoubleValue(), at);
            case VALUE_TRUE -> new Scalar(true, at);
            case VALUE_FALSE -> new Scalar(false, at);
            default -> throw new ConfigException(at + ": unsupported JSON value " + p.currentToken());
        };
    }
}
