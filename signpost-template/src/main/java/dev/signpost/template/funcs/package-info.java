/**
 * consul-template's function table: {@link dev.signpost.template.funcs.ConsulFunctions#forDenylist} gives the
 * functions consul-template adds to Go's builtins, and each execution passes a
 * {@link dev.signpost.template.funcs.RenderContext} as the template's context, through which the registry functions
 * read a {@link dev.signpost.template.dependency.TemplateData} and record the dependencies they used and missed.
 * Templates are parsed and run by {@link dev.signpost.template.render.ConsulTemplate}.
 *
 * <p>Registry functions: service, connect, services, node, nodes, key, keyExists, keyOrDefault (and 0.14's
 * key_or_default), ls, safeLs, tree, safeTree, datacenters, file. Helpers: env, mustEnv, envOrDefault, byKey, byTag, byPort, byMeta,
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
