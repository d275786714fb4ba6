package dev.signpost.client;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.type.TypeReference;

/**
 * {@code /v1/kv}: the key/value store. Keys are sent with {@code /} kept and a leading {@code /} dropped.
 * Thread-safe.
 */
public final class KvApi {

    private final ConsulClient client;

    KvApi(ConsulClient client) {
        this.client = client;
    }

    /** One key; empty when it does not exist (404, whose index headers are still returned). */
    public QueryResult<Optional<KvPair>> get(String key, QueryOptions options) {
        QueryResult<List<KvPair>> r = client.read(path(key), new QueryString(), options,
                new TypeReference<List<KvPair>>() { }, List.of());
        return r.withValue(r.value().stream().findFirst());
    }

    /** Every key under a prefix ({@code ?recurse}); empty when there is none. */
    public QueryResult<List<KvPair>> list(String prefix, QueryOptions options) {
        return client.read(path(prefix), new QueryString().add("recurse", ""), options,
                new TypeReference<List<KvPair>>() { }, List.of());
    }

    /** Key names under a prefix ({@code ?keys}), cut after {@code separator} when it is not empty. */
    public QueryResult<List<String>> keys(String prefix, String separator, QueryOptions options) {
        QueryString q = new QueryString().add("keys", "");
        if (!separator.isEmpty()) {
            q.add("separator", separator);
        }
        return client.read(path(prefix), q, options, new TypeReference<List<String>>() { }, List.of());
    }

    /** Sets a key to UTF-8 text. */
    public void put(String key, String value) {
        put(key, value.getBytes(StandardCharsets.UTF_8), 0);
    }

    /** Sets a key with flags. */
    public void put(String key, byte[] value, long flags) {
        write("PUT", key, flagsQuery(flags), value);
    }

    /** Check-and-set: writes only if the key's ModifyIndex is {@code index} (0: only if absent); true if written. */
    public boolean cas(String key, byte[] value, long flags, long index) {
        return write("PUT", key, flagsQuery(flags).add("cas", Long.toString(index)), value);
    }

    /** Deletes one key (absent keys are fine). */
    public void delete(String key) {
        write("DELETE", key, new QueryString(), new byte[0]);
    }

    /** Deletes every key under a prefix. */
    public void deleteTree(String prefix) {
        write("DELETE", prefix, new QueryString().add("recurse", ""), new byte[0]);
    }

    /** Deletes a key only if its ModifyIndex is {@code index}; true if deleted. */
    public boolean deleteCas(String key, long index) {
        return write("DELETE", key, new QueryString().add("cas", Long.toString(index)), new byte[0]);
    }

    private boolean write(String method, String key, QueryString q, byte[] body) {
        Boolean ok = client.write(method, path(key), q, WriteOptions.DEFAULT, body, new TypeReference<Boolean>() { });
        return ok == null || ok;
    }

    private static QueryString flagsQuery(long flags) {
        QueryString q = new QueryString();
        if (flags != 0) {
            q.add("flags", Long.toUnsignedString(flags));
        }
        return q;
    }

    private static String path(String key) {
        String k = key.startsWith("/") ? key.substring(1) : key;
        return "/v1/kv/" + QueryString.encode(k, true);
    }
}
