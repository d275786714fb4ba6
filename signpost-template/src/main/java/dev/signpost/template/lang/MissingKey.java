package dev.signpost.template.lang;

/** Go's {@code missingkey} option: what {@code .key} yields when a map has no such key. */
public enum MissingKey {
    /** Go's default: an invalid value, printed as {@code <no value>}. */
    INVALID,
    /** The map element type's zero value ({@code ""} for {@code map[string]string}); consul-template's default. */
    ZERO,
    /** Stop with {@code map has no entry for key "k"}; consul-template's {@code error_on_missing_key}. */
    ERROR
}
