package dev.signpost.core.command;

import java.util.List;

/**
 * Independent writes that travel to the leader together and take one Raft entry: a follower sends the
 * writes of its clients this way while an earlier send is still on its way. Each is applied in order, on
 * its own, at the entry's index, as if it came alone; one failing (a CAS that does not match) changes
 * nothing for the others. Not for transactions, whose outcome is kept by index, nor for batches, nor for a restore.
 */
public record Batch(List<Command> commands) implements Command {
    public Batch {
        commands = List.copyOf(commands);
        if (commands.isEmpty()) {
            throw new IllegalArgumentException("an empty batch");
        }
        for (Command command : commands) {
            if (!batchable(command)) {
                throw new IllegalArgumentException(command.getClass().getSimpleName() + " cannot be batched");
            }
        }
    }

    /** Whether a command may travel in a batch. */
    public static boolean batchable(Command command) {
        return !(command instanceof Txn || command instanceof Batch || command instanceof Restore);
    }
}
