/**
 * consul-template's dialect: {@link dev.signpost.template.funcs.ConsulTemplate} parses a template with
 * consul-template's functions and runs passes against a {@link dev.signpost.template.funcs.TemplateData} source,
 * returning a {@link dev.signpost.template.funcs.RenderResult} with the output and the
 * {@link dev.signpost.template.funcs.Dependency dependencies} used and missing.
 *
 * <p>A runner's loop, as consul-template's:
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
 * <p>Registry functions: service, connect, services, node, nodes, key, keyExists, keyOrDefault (and 0.14's key_or_default),
 * ls, safeLs, tree, safeTree, datacenters, file. Helpers: env, mustEnv, envOrDefault, byKey, byTag, byPort, byMeta,
 * contains, in, containsAll/Any/None/NotAll, explode, explodeMap, mergeMap, mergeMapWithOverride, indent, join,
 * split, splitToMap, loop, parseBool/Int/Uint/Float, parseJSON, parseYAML, regexMatch, regexReplaceAll, replaceAll,
 * timestamp, toJSON, toJSONPretty, toUnescapedJSON, toUnescapedJSONPretty, toYAML, toTOML, toLower, toUpper,
 * toTitle, trim, trimPrefix, trimSuffix, trimSpace, base64Encode/Decode, base64URLEncode/Decode, sha256Hex, md5sum,
 * hmacSHA256Hex, add, subtract, multiply, divide, modulo, minimum, maximum, executeTemplate and scratch.
 *
 * <p>Not provided: Vault (secret, secrets), Connect certificates and PKI (caRoots, caLeaf, pkiCert), Nomad functions,
 * partitions, peerings, exportedServices, importedServices, plugin, writeToFile, sockaddr, spew_* and sprig_*.
 * The file function's sandbox_path check belongs to the runner that reads files.
 */
package dev.signpost.template.funcs;
