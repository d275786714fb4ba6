package dev.signpost.http;

import java.util.ArrayList;
import java.util.List;

import dev.signpost.core.acl.Authorizer;
import dev.signpost.core.acl.Resource;
import dev.signpost.core.command.TxnOp;

/**
 * Which operations of a transaction the caller may run (Consul's txn pre-checks): reads need read and writes
 * write on their key, node or service; a tree delete needs write on everything under its prefix. A refused
 * operation is an error of the transaction ("Permission denied" at its index), so nothing of it is applied.
 */
final class TxnAcl {
    private TxnAcl() {
    }

    /** The indexes of the operations the caller may not run. */
    static List<Integer> refused(Authorizer authz, List<TxnOp> ops) {
        List<Integer> refused = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            if (!allowed(authz, ops.get(i))) {
                refused.add(i);
            }
        }
        return refused;
    }

    private static boolean allowed(Authorizer authz, TxnOp op) {
        boolean read = op.verb().startsWith("get") || op.verb().startsWith("check");
        return switch (op) {
            case TxnOp.KvOp kv -> switch (kv.verb()) {
                case "get-tree" -> true; // filtered afterwards, as Consul filters it
                case "delete-tree" -> authz.canWritePrefix(Resource.KEY, kv.key());
                default -> read ? authz.canRead(Resource.KEY, kv.key()) : authz.canWrite(Resource.KEY, kv.key());
            };
            case TxnOp.NodeOp n -> read ? authz.canRead(Resource.NODE, n.node().name())
                    : authz.canWrite(Resource.NODE, n.node().name());
            case TxnOp.ServiceOp s -> read ? authz.canRead(Resource.SERVICE, s.service().name())
                    : authz.canWrite(Resource.SERVICE, s.service().name());
            case TxnOp.CheckOp c -> {
                Resource resource = c.check().isNodeCheck() ? Resource.NODE : Resource.SERVICE;
                String name = c.check().isNodeCheck() ? c.check().node() : c.check().serviceName();
                yield read ? authz.canRead(resource, name) : authz.canWrite(resource, name);
            }
        };
    }
}
