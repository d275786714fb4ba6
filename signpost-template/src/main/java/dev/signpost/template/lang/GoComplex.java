package dev.signpost.template.lang;

/** A complex128 constant such as {@code 1+2i}; it prints as {@code (1+2i)}. */
public record GoComplex(double real, double imag) {
}
