/**
 * A client of Consul's HTTP API that works against a real Consul and against {@code signpost agent}.
 *
 * <pre>{@code
 * ConsulClient client = ConsulClient.builder()
 *         .address("10.0.0.1:8500").address("10.0.0.2:8500")   // failover, in order
 *         .token(ConsulClient.tokenFromEnvironment())
 *         .retry(RetryPolicy.DEFAULT)                          // 12 retries, 250 ms doubling to 1 min
 *         .build();                                            // or ConsulClient.fromEnvironment()
 * QueryResult<List<ServiceEntry>> r = client.health().service("webapp", List.of(), true, QueryOptions.DEFAULT);
 * r.value(); r.index(); r.knownLeader(); r.lastContactMillis();
 *
 * Watch<List<ServiceEntry>> watch = Watch
 *         .builder((QueryOptions o) -> client.health().service("webapp", List.of(), true, o))
 *         .options(QueryOptions.DEFAULT.withDatacenter("dc1"))
 *         .waitTime(Duration.ofSeconds(60)).maxStale(Duration.ofSeconds(2))
 *         .build();
 * watch.start(executor, listener);  // onChange(QueryResult) for news, onError(ConsulException) once at the end
 * }</pre>
 *
 * Errors are unchecked: {@link dev.signpost.client.ConsulException} (status code and Consul's text) and its
 * subclass {@link dev.signpost.client.ConsulUnreachableException} ("cannot reach 127.0.0.1:8500: connection
 * refused"). Wire records carry Consul's JSON field names and never hold null.
 */
package dev.signpost.client;
