/**
 * The {@code signpost template} runtime. {@link dev.signpost.template.runner.TemplateCli#run} is the one entry
 * point: it parses flags and config files, runs until done, and returns consul-template's exit code (0 ok, 11 error,
 * 12 interrupted, 13 bad flags, 14 runtime error, 15 bad config), printing one line saying why for any non-zero one.
 *
 * <p>Inside: {@code RunLoop} wires client, watcher, renderer and {@code Runner} and waits for events or the next
 * quiescence deadline; {@code Runner} does consul-template's multi-pass rendering, writes a template only when all
 * its data is there and its {@code Quiescence} timer allows, then runs the changed templates' commands once each, in
 * order, under {@code sh -c} with {@code command_timeout}; {@code ExecChild} supervises {@code -exec};
 * {@code Signals} catches SIGHUP (reload) and SIGINT/SIGTERM (stop, exit 12) through {@code sun.misc.Signal}.
 */
package dev.signpost.template.runner;
