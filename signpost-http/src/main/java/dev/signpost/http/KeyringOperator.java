package dev.signpost.http;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * The gossip keyring of every member, as {@code /v1/operator/keyring} sees it (Consul's Internal.KeyringOperation):
 * an operation runs on every member and is answered per pool, WAN (the servers) then LAN (every agent), with how
 * many nodes hold each key. Implemented by the agent.
 */
public interface KeyringOperator {

    /** Consul's keyring operations. */
    enum Operation { LIST, INSTALL, USE, REMOVE }

    /** Runs an operation ({@code key} is "" for a list) on every member. */
    List<PoolAnswer> run(Operation operation, String key);

    /**
     * One pool's answer, Consul's KeyringResponse.
     *
     * @param messages what a node that failed said, by node name
     * @param keys each key and how many nodes hold it
     * @param primaryKeys each primary key and how many nodes use it
     * @param numNodes the pool's members asked
     * @param error "" or why the operation failed in this pool ("1/3 nodes reported failure")
     */
    record PoolAnswer(boolean wan, String datacenter, Map<String, String> messages, Map<String, Integer> keys,
                      Map<String, Integer> primaryKeys, int numNodes, String error) {
        public PoolAnswer {
            requireNonNull(datacenter, "datacenter");
            messages = Map.copyOf(messages);
            keys = Map.copyOf(keys);
            primaryKeys = Map.copyOf(primaryKeys);
            requireNonNull(error, "error");
        }
    }
}
