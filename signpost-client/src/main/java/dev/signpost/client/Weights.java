package dev.signpost.client;

import com.fasterxml.jackson.annotation.JsonProperty;

/** DNS SRV weights of a service by health state; Consul's default is 1/1. */
public record Weights(@JsonProperty("Passing") int passing, @JsonProperty("Warning") int warning) {

    /** Consul's default. */
    public static final Weights DEFAULT = new Weights(1, 1);
}
