/**
 * {@code signpost template}'s configuration, read as consul-template reads its own:
 * {@link dev.signpost.template.config.TemplateFlags} parses Go-style flags ({@code -consul}, {@code -consul-addr}
 * repeatable for failover, {@code -template "IN:OUT[:COMMAND]"} with consul-template's split rule, {@code -once},
 * {@code -dry}, {@code -wait MIN[:MAX]}, {@code -config FILE|DIR}, ...) and merges {@code -config} files (HCL 1 via
 * {@link dev.signpost.template.config.Hcl}, or JSON) left to right under the flags, with CONSUL_HTTP_ADDR and
 * CONSUL_HTTP_TOKEN as fallbacks, into an immutable {@link dev.signpost.template.config.RunnerConfig}.
 *
 * <p>Signpost's addition: a validation command per template, {@code check_command = "haproxy -c -f {{staged}}"} in
 * a template block or {@code -check "OUT=COMMAND"} on the command line (split at the first '='; OUT must be a
 * template's destination). It runs on the staged file before it replaces OUT; {@code {{staged}}} is replaced by the
 * staged file's path (also in {@code SIGNPOST_STAGED}).
 *
 * <p>Errors: {@link dev.signpost.template.config.FlagException} (exit 13, Go's wording) and
 * {@link dev.signpost.template.config.ConfigException} (exit 15, {@code FILE:LINE:COLUMN: message}).
 */
package dev.signpost.template.config;
