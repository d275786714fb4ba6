package dev.signpost.e2e;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What {@link ConsulClientContract} needs from a Consul client library: each call maps onto the library's own API
 * for one endpoint, and its answer is turned into the neutral records below so the contract can compare them.
 * An adapter adds no logic of its own (no retries, no defaults), so a failure is the library's or the agent's.
 */
interface ClientAdapter extends AutoCloseable {

    /** {@code PUT /v1/agent/service/register}, with one TTL check (default ID {@code service:<id>}) when asked. */
    void register(Registration registration);

    /** {@code PUT /v1/agent/service/deregister/<id>}. */
    void deregister(String serviceId);

    /** {@code PUT /v1/agent/check/pass/<checkId>}. */
    void passCheck(String checkId);

    /** {@code PUT /v1/agent/check/fail/<checkId>?note=<note>}. */
    void failCheck(String checkId, String note);

    /** {@code GET /v1/agent/services}: the agent's own services by ID (node left empty: the endpoint has none). */
    Map<String, Instance> agentServices();

    /** {@code GET /v1/catalog/services}: service names with the union of their tags. */
    Map<String, List<String>> catalogServices();

    /** {@code GET /v1/catalog/service/<name>[?tag=<tag>]}; an empty tag filters nothing. */
    Indexed<List<Instance>> catalogService(String name, String tag);

    /**
     * {@code GET /v1/health/service/<name>[?passing]}, blocking when {@code index} is positive: the agent answers
     * once its index passes {@code index}, or after {@code wait} (whole seconds: some libraries take nothing finer).
     */
    Indexed<List<HealthEntry>> healthService(String name, boolean passingOnly, long index, Duration wait);

    /** {@code PUT /v1/kv/<key>?flags=<flags>}. */
    void kvPut(String key, String value, long flags);

    /** {@code PUT /v1/kv/<key>?cas=<modifyIndex>}; true when the agent wrote it. */
    boolean kvCas(String key, String value, long modifyIndex);

    /** {@code GET /v1/kv/<key>}, blocking as {@link #healthService} when {@code index} is positive. */
    Indexed<Optional<KvEntry>> kvGet(String key, long index, Duration wait);

    /** {@code GET /v1/kv/<prefix>?recurse}. */
    List<KvEntry> kvList(String prefix);

    /** {@code GET /v1/kv/<prefix>?keys}. */
    List<String> kvKeys(String prefix);

    /** {@code DELETE /v1/kv/<key>}. */
    void kvDelete(String key);

    /** {@code DELETE /v1/kv/<prefix>?recurse}. */
    void kvDeleteTree(String prefix);

    @Override
    void close();

    /** A service registration through the agent, optionally with one TTL check. */
    record Registration(String id, String name, String address, int port, List<String> tags,
                        Map<String, String> meta, boolean ttlCheck) {
        public Registration {
            requireNonNull(id, "id");
            requireNonNull(name, "name");
            requireNonNull(address, "address");
            tags = List.copyOf(tags);
            meta = Map.copyOf(meta);
        }

        Registration withTags(List<String> newTags) {
            return new Registration(id, name, address, port, newTags, meta, ttlCheck);
        }

        /** The ID Consul gives the only check of a service registration without a check ID. */
        String checkId() {
            return "service:" + id;
        }
    }

    /** One service instance as the catalog or the health endpoint shows it. */
    record Instance(String node, String id, String name, String address, int port, List<String> tags,
                    Map<String, String> meta) {
        public Instance {
            requireNonNull(node, "node");
            requireNonNull(id, "id");
            tags = List.copyOf(tags);
            meta = Map.copyOf(meta);
        }
    }

    /** One check as the health endpoint shows it. */
    record Check(String checkId, String status, String output) {
        public Check {
            requireNonNull(checkId, "checkId");
            requireNonNull(status, "status");
            output = output == null ? "" : output;
        }
    }

    /** One entry of {@code /v1/health/service/<name>}: the instance with the node's and the service's checks. */
    record HealthEntry(Instance instance, List<Check> checks) {
        public HealthEntry {
            requireNonNull(instance, "instance");
            checks = List.copyOf(checks);
        }

        Optional<Check> check(String checkId) {
            return checks.stream().filter(c -> c.checkId().equals(checkId)).findFirst();
        }
    }

    /** A key with its value as UTF-8 text. */
    record KvEntry(String key, String value, long flags, long modifyIndex) {
        public KvEntry {
            requireNonNull(key, "key");
            value = value == null ? "" : value;
        }
    }

    /** A read's value with its {@code X-Consul-Index}. */
    record Indexed<T>(T value, long index) {
        public Indexed {
            requireNonNull(value, "value");
        }
    }
}
