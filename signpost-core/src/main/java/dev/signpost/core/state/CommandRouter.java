package dev.signpost.core.state;

import static java.util.Objects.requireNonNull;

import java.util.Set;

import dev.signpost.core.command.AclBootstrap;
import dev.signpost.core.command.AclPolicyDelete;
import dev.signpost.core.command.AclPolicySet;
import dev.signpost.core.command.AclRoleDelete;
import dev.signpost.core.command.AclRoleSet;
import dev.signpost.core.command.AclTokenDelete;
import dev.signpost.core.command.AclTokenSet;
import dev.signpost.core.command.AutopilotSet;
import dev.signpost.core.command.Batch;
import dev.signpost.core.command.Command;
import dev.signpost.core.command.ConfigEntryDelete;
import dev.signpost.core.command.ConfigEntrySet;
import dev.signpost.core.command.CoordinateBatchUpdate;
import dev.signpost.core.command.DeregisterCheck;
import dev.signpost.core.command.DeregisterNode;
import dev.signpost.core.command.DeregisterService;
import dev.signpost.core.command.KvDelete;
import dev.signpost.core.command.KvDeleteTree;
import dev.signpost.core.command.KvLock;
import dev.signpost.core.command.KvPut;
import dev.signpost.core.command.KvReapTombstones;
import dev.signpost.core.command.PreparedQueryDelete;
import dev.signpost.core.command.PreparedQuerySet;
import dev.signpost.core.command.Register;
import dev.signpost.core.command.Restore;
import dev.signpost.core.command.RestorePart;
import dev.signpost.core.command.SessionCreate;
import dev.signpost.core.command.SessionDestroy;
import dev.signpost.core.command.SessionRenew;
import dev.signpost.core.command.Txn;
import dev.signpost.core.command.UpdateCheck;

/**
 * Which table applies which command: the one exhaustive switch over the sealed {@link Command}, so a new command
 * that no table applies does not compile. {@link CatalogState} owns the tables and the topic indexes and calls this
 * for each command of a write; the writes that touch several tables (a node's deregistration ends its sessions),
 * transactions, restores and the autopilot configuration go back to it.
 */
final class CommandRouter {
    private final CatalogState state;
    private final Catalog catalog;
    private final KvTable kv;
    private final SessionsAndLocks sessions;
    private final AclTable acl;
    private final QueryTable queries;
    private final ConfigTable configEntries;
    private final CoordinateTable coordinates;

    CommandRouter(CatalogState state, Catalog catalog, KvTable kv, SessionsAndLocks sessions, AclTable acl,
                  QueryTable queries, ConfigTable configEntries, CoordinateTable coordinates) {
        this.state = requireNonNull(state, "state");
        this.catalog = requireNonNull(catalog, "catalog");
        this.kv = requireNonNull(kv, "kv");
        this.sessions = requireNonNull(sessions, "sessions");
        this.acl = requireNonNull(acl, "acl");
        this.queries = requireNonNull(queries, "queries");
        this.configEntries = requireNonNull(configEntries, "configEntries");
        this.coordinates = requireNonNull(coordinates, "coordinates");
    }

    /** Applies one command (not a batch) at a Raft index, adding the topics it changed; its result. */
    boolean apply(Command command, long index, Set<String> changed) {
        return switch (command) {
            case Register r -> {
                catalog.register(r, index, changed);
                yield true;
            }
            case DeregisterNode d -> {
                if (catalog.deregisterNode(d.node(), index, changed)) {
                    sessions.endOnNode(d.node(), index, changed);
                    coordinates.removeNode(d.node(), changed);
                }
                yield true;
            }
            case DeregisterService d -> {
                catalog.deregisterService(d.node(), d.serviceId(), index, changed);
                yield true;
            }
            case DeregisterCheck d -> {
                catalog.deregisterCheck(d.node(), d.checkId(), index, changed);
                yield true;
            }
            case UpdateCheck u -> catalog.updateCheck(u, index, changed);
            case KvPut p -> kv.put(p, index, changed);
            case KvDelete d -> kv.delete(d, index, changed);
            case KvDeleteTree d -> kv.deleteTree(d, index, changed);
            case KvReapTombstones r -> kv.reapTombstones(r.upToIndex()) > 0;
            case SessionCreate c -> sessions.create(c.session(), index, changed);
            case SessionDestroy d -> {
                sessions.tick(d.nowMillis());
                yield sessions.end(d.id(), index, changed);
            }
            case SessionRenew r -> sessions.renew(r);
            case KvLock l -> sessions.lock(l, index, changed);
            case Txn t -> {
                sessions.tick(t.nowMillis());
                yield new TxnApplier(state, t, index).apply(changed);
            }
            case AclTokenSet t -> acl.setToken(t.token(), index, changed);
            case AclTokenDelete d -> acl.deleteToken(d.accessorId(), changed);
            case AclPolicySet p -> acl.setPolicy(p.policy(), index, changed);
            case AclPolicyDelete d -> acl.deletePolicy(d.id(), changed);
            case AclRoleSet r -> acl.setRole(r.role(), index, changed);
            case AclRoleDelete d -> acl.deleteRole(d.id(), changed);
            case AclBootstrap b -> acl.bootstrap(b.token(), index, changed);
            case PreparedQuerySet q -> queries.set(q.query(), state::sessionExists, index, changed);
            case PreparedQueryDelete d -> queries.delete(d.id(), changed);
            case ConfigEntrySet c -> configEntries.set(c, index, changed);
            case ConfigEntryDelete d -> configEntries.delete(d, index, changed);
            case Batch b -> throw new IllegalArgumentException("a batch inside a batch"); // Batch refuses it
            case Restore r -> state.restoreAt(r.snapshot(), index, changed);
            case RestorePart p -> state.stageRestore(p, index, changed);
            case AutopilotSet a -> state.setAutopilot(a, index);
            case CoordinateBatchUpdate u -> coordinates.update(u.updates(), name -> catalog.node(name).isPresent(),
                    changed);
        };
    }

}
