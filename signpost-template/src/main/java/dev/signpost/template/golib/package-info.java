/**
 * Clones of Go library behaviour that consul-template's functions expose byte for byte: encoding/json's Marshal and
 * its syntax errors ({@link dev.signpost.template.golib.GoJson}, {@link dev.signpost.template.golib.GoJsonSyntax}),
 * yaml.v2 and BurntSushi/toml layouts ({@link dev.signpost.template.golib.GoYaml},
 * {@link dev.signpost.template.golib.GoToml}), regexp's Expand ({@link dev.signpost.template.golib.GoRegex}),
 * time.Format ({@link dev.signpost.template.golib.GoTime}) and the strings package
 * ({@link dev.signpost.template.golib.GoText}). Stateless; no I/O. The template language's own mirrors (fmt, quoting)
 * stay in {@link dev.signpost.template.lang}.
 */
package dev.signpost.template.golib;
