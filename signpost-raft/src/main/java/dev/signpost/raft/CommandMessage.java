package dev.signpost.raft;

import org.apache.ratis.protocol.Message;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;

import dev.signpost.core.command.Command;

/**
 * A command on its way into the Raft log: its encoding, which is what the log stores, and the command itself,
 * which a leader that submits it to its own server hands to its state machine so it need not decode what it
 * has just encoded.
 */
record CommandMessage(Command command, ByteString content) implements Message {

    static CommandMessage of(Command command, CommandCodec codec) {
        return new CommandMessage(command, ByteString.copyFrom(codec.encode(command)));
    }

    @Override
    public ByteString getContent() {
        return content;
    }

    @Override
    public String toString() {
        return command.getClass().getSimpleName() + " (" + content.size() + " bytes)";
    }
}
