package dev.signpost.template.dependency;

import dev.signpost.template.lang.GoRecord;

/** A service's DNS weights, Consul's {@code api.AgentWeights} ({@code .Passing .Warning}); a value, not a pointer. */
public record Weights(long passing, long warning) implements GoRecord<Weights> {

    private static final Fields<Weights> GO = Fields.<Weights>struct("api.AgentWeights")
            .field("Passing", Weights::passing)
            .field("Warning", Weights::warning)
            .build();

    /** Consul's default weights. */
    public static final Weights DEFAULT = new Weights(1, 1);

    @Override
    public Fields<Weights> goFields() {
        return GO;
    }
}
