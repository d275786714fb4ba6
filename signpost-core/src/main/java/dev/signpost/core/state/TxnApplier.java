package dev.signpost.core.state;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.signpost.core.command.DeregisterCheck;
import dev.signpost.core.command.DeregisterNode;
import dev.signpost.core.command.DeregisterService;
import dev.signpost.core.command.KvDelete;
import dev.signpost.core.command.KvDeleteTree;
import dev.signpost.core.command.KvPut;
import dev.signpost.core.command.Register;
import dev.signpost.core.command.Txn;
import dev.signpost.core.command.TxnOp;
import dev.signpost.core.model.Check;
import dev.signpost.core.model.KvEntry;
import dev.signpost.core.model.Node;
import dev.signpost.core.model.Service;

/**
 * Applies a {@link Txn} to a {@link CatalogState} all or nothing (Consul's state/txn.go): operations run
 * in order, each seeing the ones before; the first failure puts the state back as it was before the first
 * write and records the failure. Deterministic like every apply. Used once per transaction.
 */
final class TxnApplier {
    private final CatalogState state;
    private final Txn txn;
    private final long index;
    private final Set<String> touched = new LinkedHashSet<>();
    private final List<TxnOutcome.Result> results = new ArrayList<>();
    /** Everything but the catalog's nodes as it was before the first write; null until then. */
    private CatalogSnapshot before;
    /** Each node the transaction wrote, as it was before its first write to it (empty: not registered). */
    private final Map<String, Optional<CatalogSnapshot.NodeRecord>> nodesBefore = new LinkedHashMap<>();
    private int current;

    TxnApplier(CatalogState state, Txn txn, long index) {
        this.state = state;
        this.txn = txn;
        this.index = index;
    }

    /** Applies every operation; false (and nothing changed) when one failed. */
    boolean apply(Set<String> changed) {
        for (current = 0; current < txn.ops().size(); current++) {
            Optional<String> error = switch (txn.ops().get(current)) {
                case TxnOp.KvOp op -> kv(op);
                case TxnOp.NodeOp op -> node(op);
                case TxnOp.ServiceOp op -> service(op);
                case TxnOp.CheckOp op -> check(op);
            };
            if (error.isPresent()) {
                if (before != null) {
                    state.rollBack(nodesBefore, before);
                }
                state.recordTxn(index, new TxnOutcome(List.of(), List.of(new TxnOutcome.Error(current, error.get()))));
                return false;
            }
        }
        changed.addAll(touched);
        state.recordTxn(index, new TxnOutcome(results, List.of()));
        return true;
    }

    /** Called before each write: the first one remembers the state to go back to, but for the catalog's nodes. */
    private void writing() {
        if (before == null) {
            before = state.snapshotBesideCatalog();
        }
    }

    /** Called before each write to a node, its services or its checks: remembers the node as it was first. */
    private void writingNode(String node) {
        writing();
        nodesBefore.computeIfAbsent(node, state::nodeRecord);
    }

    private Optional<String> result(Object value) {
        results.add(new TxnOutcome.Result(current, value));
        return Optional.empty();
    }

    private static Optional<String> fail(String format, Object... args) {
        return Optional.of(String.format(format, args));
    }

    private Optional<KvEntry> entry(String key) {
        return state.key(key).value();
    }

    private Optional<String> kv(TxnOp.KvOp op) {
        KvTable kv = state.kvTable();
        String key = op.key();
        Optional<KvEntry> existing = entry(key);
        switch (op.verb()) {
            case "set" -> {
                writing();
                kv.put(KvPut.set(key, op.value().toArray(), op.flags()), index, touched);
                return result(entry(key).orElseThrow());
            }
            case "cas" -> {
                writing();
                if (!kv.put(new KvPut(key, op.value().toArray(), op.flags(), op.index()), index, touched)) {
                    return fail("failed to set key %s, index is stale", quote(key));
                }
                return result(entry(key).orElseThrow());
            }
            case "lock" -> {
                if (!state.sessionExists(op.session())) {
                    return fail("failed to lock key %s: invalid session %s", quote(key), quote(op.session()));
                }
                writing();
                if (!kv.acquire(key, op.value(), op.flags(), op.session(), txn.nowMillis(), index, touched)) {
                    return fail("failed to lock key %s, lock is already held", quote(key));
                }
                return result(entry(key).orElseThrow());
            }
            case "unlock" -> {
                writing();
                if (!kv.release(key, op.value(), op.flags(), op.session(), index, touched)) {
                    return fail("failed to unlock key %s, lock isn't held, or is held by another session", quote(key));
                }
                return result(entry(key).orElseThrow());
            }
            case "get" -> {
                return existing.isEmpty() ? fail("key %s doesn't exist", quote(key)) : result(existing.get());
            }
            case "get-tree" -> {
                state.keys(key).value().forEach(this::result);
                return Optional.empty();
            }
            case "check-index" -> {
                if (existing.isEmpty()) {
                    return fail("key %s doesn't exist", quote(key));
                }
                if (existing.get().modifyIndex() != op.index()) {
                    return fail("failed index check for key %s, current modify index %d != %d", quote(key),
                            existing.get().modifyIndex(), op.index());
                }
                return result(existing.get());
            }
            case "check-session" -> {
                if (existing.isEmpty()) {
                    return fail("key %s doesn't exist", quote(key));
                }
                if (!existing.get().session().equals(op.session())) {
                    return fail("failed session check for key %s, current session %s != %s", quote(key),
                            quote(existing.get().session()), quote(op.session()));
                }
                return result(existing.get());
            }
            case "check-not-exists" -> {
                return existing.isPresent() ? fail("key %s exists", quote(key)) : Optional.empty();
            }
            case "delete" -> {
                writing();
                kv.delete(new KvDelete(key, KvDelete.NO_CAS), index, touched);
                return Optional.empty();
            }
            case "delete-tree" -> {
                writing();
                kv.deleteTree(new KvDeleteTree(key), index, touched);
                return Optional.empty();
            }
            case "delete-cas" -> {
                writing();
                if (!kv.delete(new KvDelete(key, op.index()), index, touched)) {
                    return fail("failed to delete key %s, index is stale", quote(key));
                }
                return Optional.empty();
            }
            default -> throw new IllegalStateException("unknown KV verb " + op.verb());
        }
    }

    private Optional<String> node(TxnOp.NodeOp op) {
        String name = op.node().name();
        Optional<Node> existing = state.nodeNamed(name);
        switch (op.verb()) {
            case "get" -> {
                return existing.isEmpty() ? fail("node %s doesn't exist", quote(name)) : result(existing.get());
            }
            case "set", "cas" -> {
                if (op.verb().equals("cas") && !casMatches(existing.map(Node::modifyIndex), op.node().modifyIndex())) {
                    return fail("failed to set node %s, index is stale", quote(name));
                }
                writingNode(name);
                state.applyInTxn(Register.node(op.node()), index, touched);
                return result(state.nodeNamed(name).orElseThrow());
            }
            default -> {
                if (op.verb().equals("delete-cas") && !casMatches(existing.map(Node::modifyIndex), op.node().modifyIndex())) {
                    return fail("failed to delete node %s, index is stale", quote(name));
                }
                writingNode(name);
                state.applyInTxn(new DeregisterNode(name), index, touched);
                return Optional.empty();
            }
        }
    }

    private Optional<String> service(TxnOp.ServiceOp op) {
        String id = op.service().id();
        Optional<Node> node = state.nodeNamed(op.node());
        Optional<Service> existing = state.serviceOn(op.node(), id);
        switch (op.verb()) {
            case "get" -> {
                return existing.isEmpty() ? fail("service %s on node %s doesn't exist", quote(id), quote(op.node()))
                        : result(existing.get());
            }
            case "set", "cas" -> {
                if (node.isEmpty()) {
                    return fail("node %s doesn't exist", quote(op.node()));
                }
                if (op.verb().equals("cas") && !casMatches(existing.map(Service::modifyIndex), op.service().modifyIndex())) {
                    return fail("failed to set service %s on node %s, index is stale", quote(id), quote(op.node()));
                }
                writingNode(op.node());
                state.applyInTxn(new Register(node.get(), List.of(op.service()), List.of(), true), index, touched);
                return result(state.serviceOn(op.node(), id).orElseThrow());
            }
            default -> {
                if (op.verb().equals("delete-cas")
                        && !casMatches(existing.map(Service::modifyIndex), op.service().modifyIndex())) {
                    return fail("failed to delete service %s on node %s, index is stale", quote(id), quote(op.node()));
                }
                writingNode(op.node());
                state.applyInTxn(new DeregisterService(op.node(), id), index, touched);
                return Optional.empty();
            }
        }
    }

    private Optional<String> check(TxnOp.CheckOp op) {
        Check check = op.check();
        Optional<Node> node = state.nodeNamed(check.node());
        Optional<Check> existing = state.checkOn(check.node(), check.checkId());
        switch (op.verb()) {
            case "get" -> {
                return existing.isEmpty()
                        ? fail("check %s on node %s doesn't exist", quote(check.checkId()), quote(check.node()))
                        : result(existing.get());
            }
            case "set", "cas" -> {
                if (node.isEmpty()) {
                    return fail("node %s doesn't exist", quote(check.node()));
                }
                if (op.verb().equals("cas") && !casMatches(existing.map(Check::modifyIndex), check.modifyIndex())) {
                    return fail("failed to set check %s on node %s, index is stale", quote(check.checkId()),
                            quote(check.node()));
                }
                writingNode(check.node());
                state.applyInTxn(new Register(node.get(), List.of(), List.of(check), true), index, touched);
                return result(state.checkOn(check.node(), check.checkId()).orElseThrow());
            }
            default -> {
                if (op.verb().equals("delete-cas") && !casMatches(existing.map(Check::modifyIndex), check.modifyIndex())) {
                    return fail("failed to delete check %s on node %s, index is stale", quote(check.checkId()),
                            quote(check.node()));
                }
                writingNode(check.node());
                state.applyInTxn(new DeregisterCheck(check.node(), check.checkId()), index, touched);
                return Optional.empty();
            }
        }
    }

    /** Consul's CAS rule: index 0 means "must not exist", otherwise the stored ModifyIndex must match. */
    private static boolean casMatches(Optional<Long> stored, long wanted) {
        return wanted == 0 ? stored.isEmpty() : stored.isPresent() && stored.get() == wanted;
    }

    private static String quote(String s) {
        return "\"" + s + "\"";
    }
}
