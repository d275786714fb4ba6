package dev.signpost.registrator;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import dev.signpost.client.ConsulClient;
import dev.signpost.client.ConsulException;
import dev.signpost.client.ServiceRegistration;

/**
 * {@code consul://} and {@code consul-unix://}: services go to the agent's own API ({@code /v1/agent/service/...}),
 * so they belong to the agent the URI names, as upstream. SERVICE_* attrs become Meta (keys Consul would reject are
 * left out of Meta, they still drive checks). Thread-safe (the client is).
 */
final class ConsulBackend extends ConsulClientBackend {

    private static final Pattern META_KEY = Pattern.compile("[a-zA-Z0-9_-]{1,128}");

    ConsulBackend(ConsulClient client) {
        super(client);
    }

    @Override
    public String ping() {
        // Go's log.Println puts a space between operands: upstream prints two spaces here, as the seed shows.
        return "consul: current leader  " + client.status().leader();
    }

    @Override
    public void register(Service s) {
        client.agent().register(registration(s));
    }

    static ServiceRegistration registration(Service s) {
        Map<String, String> meta = new TreeMap<>();
        s.attrs().forEach((k, v) -> {
            if (META_KEY.matcher(k).matches() && !k.startsWith("consul-") && meta.size() < 64 && v.length() <= 512) {
                meta.put(k, v);
            }
        });
        return ServiceRegistration.of(s.id(), s.name(), s.ip(), s.port()).withTags(s.tags()).withMeta(meta)
                .withChecks(ConsulChecks.build(s));
    }

    @Override
    public void deregister(Service s) {
        deregister(s.id());
    }

    @Override
    public void deregister(Registered r) {
        deregister(r.id());
    }

    private void deregister(String id) {
        try {
            client.agent().deregister(id);
        } catch (ConsulException e) {
            if (e.statusCode() != 404) {
                throw e;
            }
            // Already gone (agent restarted without state, or removed by hand): what we wanted.
        }
    }

    @Override
    public void refresh(Service s) {
        // Upstream's Consul adapter does nothing here; TTL'd registrations are for etcd/skydns.
    }

    @Override
    public void updateHealth(Service s) {
        client.agent().updateTtl(ConsulChecks.dockerHealthId(s), ConsulChecks.status(s.health()),
                "Docker health: " + s.health());
    }

    @Override
    public List<Registered> services() {
        return client.agent().services().value().values().stream()
                .map(a -> new Registered(a.id(), a.service())).toList();
    }
}
