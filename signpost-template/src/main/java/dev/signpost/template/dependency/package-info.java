/**
 * The dependency model, as consul-template's {@code dependency} package: one
 * {@link dev.signpost.template.dependency.Dependency} record per registry query a template can make (parsed with
 * consul-template's grammar and named as it names them), the records those queries return as templates see them
 * ({@link dev.signpost.template.dependency.HealthService}, {@link dev.signpost.template.dependency.CatalogSnippet},
 * {@link dev.signpost.template.dependency.CatalogNode}, {@link dev.signpost.template.dependency.NodeInfo},
 * {@link dev.signpost.template.dependency.KeyPair}, ...), and {@link dev.signpost.template.dependency.TemplateData},
 * where answers are read from ({@link dev.signpost.template.dependency.StaticTemplateData} for fixed answers).
 * Values only: no I/O.
 */
package dev.signpost.template.dependency;
