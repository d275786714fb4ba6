/**
 * Go's text/template language in Java: {@link dev.signpost.template.lang.Template} parses and executes templates
 * with Go's grammar, scoping, printing ({@link dev.signpost.template.lang.GoFmt}), builtins and error messages,
 * byte for byte. No I/O.
 *
 * <p>Go values map to Java as described in {@link dev.signpost.template.lang.GoValues}: null is the untyped nil,
 * {@code Long} int, {@code Double} float64, {@code String}, {@code Boolean}, {@code List} (or
 * {@link dev.signpost.template.lang.GoSlice} with an element type), {@code Map} (or
 * {@link dev.signpost.template.lang.GoMap} with an element zero value), {@link dev.signpost.template.lang.GoStruct}
 * for structs, {@link dev.signpost.template.lang.GoNil} for typed nil pointers and
 * {@link dev.signpost.template.lang.GoChannel} for channels.
 *
 * <p>Not supported: integer sizes other than int, int64 and uint64 ({@link dev.signpost.template.lang.GoInt}),
 * float32 and complex64, range over Go iterator functions, {@code %p}, {@code %w} and hexadecimal float verbs in
 * printf, Stringer/error methods, and html/template's contextual escaping.
 */
package dev.signpost.template.lang;
