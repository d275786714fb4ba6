package dev.signpost.raft;

import java.io.IOException;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;

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
import dev.signpost.core.command.TxnOp;
import dev.signpost.core.command.UpdateCheck;
import dev.signpost.core.state.CatalogSnapshot;

/**
 * Bytes of the Raft log and of snapshots: commands as JSON tagged with a stable name per command
 * type, snapshots as JSON. The tags are part of the on-disk format: never rename one.
 *
 * <p>Decoding an entry with an unknown tag fails hard, naming the tag and the index, so that a replica
 * never skips a write it does not understand and silently diverges.
 */
final class CommandCodec {
    private final ObjectMapper mapper;
    // Made once: looking the Command type up for every write was a twentieth of a busy leader's CPU.
    private final ObjectWriter commandWriter;
    private final ObjectReader commandReader;

    CommandCodec() {
        // Buffers from Jackson's shared pool, not per thread: leaders encode on the HTTP server's virtual
        // threads, which never come back for per-thread buffers (as client's JsonMappers explains).
        mapper = JsonMapper.builder(JsonFactory.builder().recyclerPool(JsonRecyclerPools.sharedBoundedPool()).build())
                .addMixIn(Command.class, Tagged.class)
                .addMixIn(TxnOp.class, Tagged.class)
                .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.NONE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .addModule(new BytesModule())
                .build();
        mapper.registerSubtypes(
                new NamedType(Register.class, "register"),
                new NamedType(DeregisterNode.class, "deregister-node"),
                new NamedType(DeregisterService.class, "deregister-service"),
                new NamedType(DeregisterCheck.class, "deregister-check"),
                new NamedType(UpdateCheck.class, "update-check"),
                new NamedType(KvPut.class, "kv-put"),
                new NamedType(KvDelete.class, "kv-delete"),
                new NamedType(KvDeleteTree.class, "kv-delete-tree"),
                new NamedType(SessionCreate.class, "session-create"),
                new NamedType(SessionDestroy.class, "session-destroy"),
                new NamedType(SessionRenew.class, "session-renew"),
                new NamedType(KvReapTombstones.class, "kv-reap-tombstones"),
                new NamedType(KvLock.class, "kv-lock"),
                new NamedType(Txn.class, "txn"),
                new NamedType(Batch.class, "batch"),
                new NamedType(AclTokenSet.class, "acl-token-set"),
                new NamedType(AclTokenDelete.class, "acl-token-delete"),
                new NamedType(AclPolicySet.class, "acl-policy-set"),
                new NamedType(AclPolicyDelete.class, "acl-policy-delete"),
                new NamedType(AclRoleSet.class, "acl-role-set"),
                new NamedType(AclRoleDelete.class, "acl-role-delete"),
                new NamedType(AclBootstrap.class, "acl-bootstrap"),
                new NamedType(Restore.class, "restore"),
                new NamedType(RestorePart.class, "restore-part"),
                new NamedType(PreparedQuerySet.class, "prepared-query-set"),
                new NamedType(PreparedQueryDelete.class, "prepared-query-delete"),
                new NamedType(AutopilotSet.class, "autopilot-set"),
                new NamedType(ConfigEntrySet.class, "config-entry-set"),
                new NamedType(ConfigEntryDelete.class, "config-entry-delete"),
                new NamedType(CoordinateBatchUpdate.class, "coordinate-batch-update"),
                // operations inside a txn, tagged the same way
                new NamedType(TxnOp.KvOp.class, "kv"),
                new NamedType(TxnOp.NodeOp.class, "node"),
                new NamedType(TxnOp.ServiceOp.class, "service"),
                new NamedType(TxnOp.CheckOp.class, "check"));
        commandWriter = mapper.writerFor(Command.class);
        commandReader = mapper.readerFor(Command.class);
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "tag")
    private interface Tagged {
    }

    byte[] encode(Command command) {
        try {
            return commandWriter.writeValueAsBytes(command);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode " + command, e);
        }
    }

    Command decode(byte[] bytes, long index) {
        try {
            return commandReader.readValue(bytes);
        } catch (InvalidTypeIdException e) {
            throw new IllegalStateException("unknown command tag " + e.getTypeId() + " at index " + index, e);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable command at index " + index + ": " + e.getMessage(), e);
        }
    }

    /** Writes a snapshot as it is encoded, without holding the whole encoding in memory. */
    void writeSnapshot(CatalogSnapshot snapshot, java.io.OutputStream out) throws IOException {
        mapper.writeValue(out, snapshot);
    }

    CatalogSnapshot readSnapshot(java.io.InputStream in) throws IOException {
        return mapper.readValue(in, CatalogSnapshot.class);
    }

    /** A snapshot from the bytes {@link #writeSnapshot} wrote (the parts of a restore, put together). */
    CatalogSnapshot readSnapshot(byte[] bytes) {
        try {
            return mapper.readValue(bytes, CatalogSnapshot.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable snapshot: " + e.getMessage(), e);
        }
    }
}
