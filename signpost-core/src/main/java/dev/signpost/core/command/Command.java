package dev.signpost.core.command;

/**
 * A write to the registry. Every write is one of these records, replicated through the Raft log and
 * applied by {@code CatalogState.apply} with an exhaustive switch, so an unknown kind cannot be applied
 * silently. Commands are validated before replication; applying never fails on input.
 */
public sealed interface Command permits Register, DeregisterNode, DeregisterService, DeregisterCheck, UpdateCheck,
        KvPut, KvDelete, KvDeleteTree, SessionCreate, SessionDestroy, SessionRenew, KvLock, Txn, KvReapTombstones,
        AclTokenSet, AclTokenDelete, AclPolicySet, AclPolicyDelete, AclRoleSet, AclRoleDelete, AclBootstrap, Batch,
        PreparedQuerySet, PreparedQueryDelete, ConfigEntrySet, ConfigEntryDelete,
        Restore, RestorePart, AutopilotSet, CoordinateBatchUpdate {
}
