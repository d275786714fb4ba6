/**
 * Consul's DNS interface over the local catalog.
 *
 * <p>Three public pieces, wired by the agent:
 * <pre>{@code
 * DnsConfig config = DnsConfig.builder()
 *         .domain(domain).datacenter(datacenter).advertise(advertiseAddress)
 *         .bind(clientAddress).port(dnsPort)                       // -client, -dns-port (8600)
 *         .nodeTtl(nodeTtl).serviceTtl(serviceTtl)                 // 0 s unless configured
 *         .udpAnswerLimit(3).onlyPassing(false).enableTruncate(false)
 *         .recursor("8.8.8.8")                                     // one call per -recursor
 *         .build();
 * DnsResolver resolver = new DnsResolver(config, catalogStore::read, ThreadLocalRandom.current(),
 *         Recursor.of(config));
 * DnsServer dns = DnsServer.builder().config(config).resolver(resolver).build().start();
 * // ... on shutdown:
 * dns.close();
 * }</pre>
 *
 * <p>{@link dev.signpost.dns.DnsServer} is transport only (UDP and TCP, virtual threads);
 * {@link dev.signpost.dns.DnsResolver} decides every answer and RCODE without sockets; the package-private rest
 * parses names ({@code QueryName}), reads the catalog ({@code CatalogLookups}), makes records ({@code Records})
 * and fits responses to their transport ({@code ResponseSizer}).
 */
package dev.signpost.dns;
