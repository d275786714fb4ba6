package dev.signpost.registrator;

import java.util.List;

import dev.signpost.client.ConsulClient;
import dev.signpost.client.QueryOptions;

/**
 * {@code consulkv://HOST:PORT/PREFIX}: each service is the key {@code PREFIX/NAME/ID} holding {@code ip:port}, as
 * upstream's consulkv adapter (no tags, no checks, no TTL). Listing reads the keys back so that lost state is
 * noticed. Thread-safe.
 */
final class ConsulKvBackend extends ConsulClientBackend {
    private final String prefix;

    ConsulKvBackend(ConsulClient client, String prefix) {
        super(client);
        this.prefix = prefix;
    }

    String key(Service s) {
        return key(s.name(), s.id());
    }

    private String key(String name, String id) {
        return (prefix.isEmpty() ? "" : prefix + "/") + name + "/" + id;
    }

    @Override
    public String ping() {
        return "consulkv: current leader  " + client.status().leader();
    }

    @Override
    public void register(Service s) {
        client.kv().put(key(s), s.ip() + ":" + s.port());
    }

    @Override
    public void deregister(Service s) {
        client.kv().delete(key(s));
    }

    @Override
    public void deregister(Registered r) {
        client.kv().delete(key(r.name(), r.id()));
    }

    @Override
    public void refresh(Service s) {
        // As upstream: KV entries have no TTL.
    }

    @Override
    public void updateHealth(Service s) {
        // KV entries carry no checks.
    }

    @Override
    public List<Registered> services() {
        String p = prefix.isEmpty() ? "" : prefix + "/";
        return client.kv().keys(p, "", QueryOptions.DEFAULT).value().stream()
                .map(k -> k.substring(p.length()))
                .filter(k -> k.indexOf('/') > 0)
                .map(k -> new Registered(k.substring(k.indexOf('/') + 1), k.substring(0, k.indexOf('/'))))
                .toList();
    }
}
