/**
 * Feeding templates with registry data: {@link dev.signpost.template.watch.Watcher} keeps one blocking-query loop
 * (the client's {@code Watch}) per distinct {@link dev.signpost.template.dependency.Dependency}, retries failures as
 * consul-template's views do, and stores answers in the {@link dev.signpost.template.watch.DataStore} that templates
 * read as {@link dev.signpost.template.dependency.TemplateData}. {@link dev.signpost.template.watch.Queries} maps each
 * dependency to its registry read and the client's wire records to template values.
 */
package dev.signpost.template.watch;
