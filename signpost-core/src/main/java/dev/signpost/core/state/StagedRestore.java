package dev.signpost.core.state;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.signpost.core.command.RestorePart;

/**
 * The parts of a large restore applied so far ({@link RestorePart}): replicated state like any other, and kept in
 * snapshots, so that every server, also one that caught up from a snapshot taken between two parts, holds the same
 * parts when the last one comes.
 *
 * @param restoreId the restore the parts belong to
 * @param parts how many parts it has
 * @param received the parts applied so far, in order
 */
public record StagedRestore(String restoreId, int parts, List<byte[]> received) {
    public StagedRestore {
        requireNonNull(restoreId, "restoreId");
        received = List.copyOf(received);
    }

    /** What staging a part leads to: the parts staged now, or the whole encoded snapshot when it was the last. */
    record Outcome(Optional<StagedRestore> staged, Optional<byte[]> whole, boolean accepted) {
    }

    /**
     * Stages a part after {@code current} (absent when nothing is staged). A first part starts over (an earlier
     * restore that never finished is dropped); any other part must be the next of the staged restore, else it is
     * refused and the staging stays as it was.
     */
    static Outcome stage(Optional<StagedRestore> current, RestorePart part) {
        List<byte[]> received;
        if (part.part() == 0) {
            received = new ArrayList<>();
        } else if (current.isPresent() && current.get().restoreId.equals(part.restoreId())
                && current.get().parts == part.parts() && current.get().received.size() == part.part()) {
            received = new ArrayList<>(current.get().received);
        } else {
            return new Outcome(current, Optional.empty(), false);
        }
        received.add(part.data());
        if (received.size() < part.parts()) {
            return new Outcome(Optional.of(new StagedRestore(part.restoreId(), part.parts(), received)),
                    Optional.empty(), true);
        }
        ByteArrayOutputStream whole = new ByteArrayOutputStream(received.stream().mapToInt(b -> b.length).sum());
        received.forEach(whole::writeBytes);
        return new Outcome(Optional.empty(), Optional.of(whole.toByteArray()), true);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof StagedRestore other) || !restoreId.equals(other.restoreId) || parts != other.parts
                || received.size() != other.received.size()) {
            return false;
        }
        for (int i = 0; i < received.size(); i++) {
            if (!java.util.Arrays.equals(received.get(i), other.received.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return restoreId.hashCode() * 31 + received.size();
    }

    @Override
    public String toString() {
        return "StagedRestore[" + restoreId + ", " + received.size() + " of " + parts + " parts]";
    }
}
