package dev.signpost.core.command;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;

/**
 * One part of a snapshot restore too large for one entry of the Raft log: the encoded snapshot cut into
 * {@code parts} pieces, written one after another under one {@code restoreId}. Every server stages the parts in its
 * state (and in its Raft snapshots, so a server that catches up from one still has them) and replaces the whole state
 * when the last one is applied, all at once, as a {@link Restore} would. A part that does not follow the staged ones
 * (another restore started meanwhile) is refused and changes nothing; its apply result says so.
 */
public record RestorePart(String restoreId, int part, int parts, byte[] data) implements Command {
    public RestorePart {
        requireNonNull(restoreId, "restoreId");
        data = requireNonNull(data, "data").clone();
        if (parts < 1 || part < 0 || part >= parts) {
            throw new IllegalArgumentException("part " + part + " of " + parts);
        }
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RestorePart p && restoreId.equals(p.restoreId) && part == p.part && parts == p.parts
                && Arrays.equals(data, p.data);
    }

    @Override
    public int hashCode() {
        return restoreId.hashCode() * 31 + part;
    }

    @Override
    public String toString() {
        return "RestorePart[" + restoreId + ", " + (part + 1) + " of " + parts + ", " + data.length + " bytes]";
    }
}
