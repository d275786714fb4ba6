/**
 * Rendering a template and putting the text on disk.
 *
 * <p>{@link dev.signpost.template.render.ConsulTemplate} parses a template with consul-template's functions and runs
 * passes against a {@link dev.signpost.template.dependency.TemplateData} source, returning a
 * {@link dev.signpost.template.render.RenderResult} with the output and the
 * {@link dev.signpost.template.dependency.Dependency dependencies} used and missing. A runner's loop, as
 * consul-template's:
 * <pre>{@code
 * ConsulTemplate t = ConsulTemplate.parse(text, RenderOptions.defaults().withDelimiters(l, r));
 * DataStore store = new DataStore();         // dev.signpost.template.watch; or any TemplateData
 * RenderResult r = t.execute(store);
 * watch(r.used());                            // start a blocking query per new dependency, stop unused ones
 * if (r.complete()) write(r.output());        // never write while r.missing() is not empty
 * // watchers call store.put(dependency, answer); on every change execute again:
 * // a pass may discover new dependencies (range services, then service .Name)
 * }</pre>
 *
 * <p>{@link dev.signpost.template.render.FileRenderer} writes only changed bytes, atomically (temp file in the
 * destination's directory, fsync, rename), keeps the old mode or uses {@code perms} or 0644, keeps {@code OUT.bak},
 * creates parent directories, runs the check command on the staged file, and in dry mode prints {@code > OUT} and the
 * text instead. {@link dev.signpost.template.render.UnifiedDiff} describes a change for the log.
 */
package dev.signpost.template.render;
