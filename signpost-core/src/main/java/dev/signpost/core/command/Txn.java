package dev.signpost.core.command;

import java.util.List;

/**
 * {@code PUT /v1/txn}: operations applied all or none, in order. The apply result is false when one
 * failed; {@code CatalogState.txnOutcome} then names it. {@code nowMillis} is the writer's clock for lock
 * delays.
 */
public record Txn(List<TxnOp> ops, long nowMillis) implements Command {
    /** Consul's limit on operations in one transaction. */
    public static final int MAX_OPS = 128;

    public Txn {
        ops = List.copyOf(ops);
        if (ops.size() > MAX_OPS) {
            throw new IllegalArgumentException("Transaction contains too many operations (" + ops.size() + " > "
                    + MAX_OPS + ")");
        }
    }
}
