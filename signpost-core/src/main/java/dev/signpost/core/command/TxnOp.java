package dev.signpost.core.command;

import static java.util.Objects.requireNonNull;

import java.util.Set;

import dev.signpost.core.model.Bytes;
import dev.signpost.core.model.Check;
import dev.signpost.core.model.Node;
import dev.signpost.core.model.Service;

/** One operation of a {@link Txn}, on a key, a node, a service or a check, with Consul's verb. */
public sealed interface TxnOp {
    /** The verbs of node, service and check operations. */
    Set<String> CATALOG_VERBS = Set.of("set", "cas", "get", "delete", "delete-cas");
    /** The KV verbs. */
    Set<String> KV_VERBS = Set.of("set", "cas", "lock", "unlock", "get", "get-tree", "check-index", "check-session",
            "check-not-exists", "delete", "delete-tree", "delete-cas");

    String verb();

    private static String checkVerb(String verb, Set<String> allowed, String what) {
        requireNonNull(verb, "verb");
        if (!allowed.contains(verb)) {
            throw new IllegalArgumentException("unknown " + what + " verb \"" + verb + "\"");
        }
        return verb;
    }

    /** A KV operation; {@code index} is the CAS or check index, {@code session} the lock holder. */
    record KvOp(String verb, String key, Bytes value, long flags, long index, String session) implements TxnOp {
        public KvOp {
            checkVerb(verb, KV_VERBS, "KV");
            requireNonNull(key, "key");
            requireNonNull(value, "value");
            requireNonNull(session, "session");
        }

        @Override
        public String toString() {
            return "KvOp[" + verb + " " + key + ", " + value + ", index=" + index + "]";
        }
    }

    /** A node operation; {@code node.modifyIndex()} is the CAS index. */
    record NodeOp(String verb, Node node) implements TxnOp {
        public NodeOp {
            checkVerb(verb, CATALOG_VERBS, "Node");
            requireNonNull(node, "node");
        }
    }

    /** A service operation on a node; {@code service.modifyIndex()} is the CAS index. */
    record ServiceOp(String verb, String node, Service service) implements TxnOp {
        public ServiceOp {
            checkVerb(verb, CATALOG_VERBS, "Service");
            requireNonNull(node, "node");
            requireNonNull(service, "service");
        }
    }

    /** A check operation; {@code check.modifyIndex()} is the CAS index. */
    record CheckOp(String verb, Check check) implements TxnOp {
        public CheckOp {
            checkVerb(verb, CATALOG_VERBS, "Check");
            requireNonNull(check, "check");
        }
    }
}
