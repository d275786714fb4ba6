package dev.signpost.template.dependency;

import java.util.List;

import dev.signpost.template.lang.GoStruct;

/** A service's DNS weights, Consul's {@code api.AgentWeights} ({@code .Passing .Warning}); a value, not a pointer. */
public record Weights(long passing, long warning) implements GoStruct {

    private static final List<String> FIELDS = List.of("Passing", "Warning");

    /** Consul's default weights. */
    public static final Weights DEFAULT = new Weights(1, 1);

    @Override
    public String goTypeName() {
        return "api.AgentWeights";
    }

    @Override
    public List<String> fieldNames() {
        return FIELDS;
    }

    @Override
    public Object field(String name) {
        return switch (name) {
            case "Passing" -> passing;
            case "Warning" -> warning;
            default -> NO_FIELD;
        };
    }
}
