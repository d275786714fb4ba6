package dev.signpost.agent;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * How this agent protects its LAN messages (Consul's {@code encrypt}, {@code encrypt_verify_incoming},
 * {@code encrypt_verify_outgoing}): without a keyring every message is plain JSON; with one, requests are sealed
 * with the primary key and a reply with the key that opened its request. A plain message is accepted only when
 * {@code verifyIncoming} is off (the step of a rolling change that lets keyless agents in), and sent only when
 * {@code verifyOutgoing} is off. Refusals say what happened and what to do. Thread-safe.
 */
final class GossipSecurity {
    /** The content type of a sealed message; a plain one is {@code application/json}. */
    static final String SEALED = "application/vnd.signpost.gossip+aes-gcm";
    static final String PLAIN = "application/json";

    private final Optional<GossipKeyring> keyring;
    private final boolean verifyIncoming;
    private final boolean verifyOutgoing;
    private final GossipCipher cipher;

    GossipSecurity(Optional<GossipKeyring> keyring, boolean verifyIncoming, boolean verifyOutgoing,
                   GossipCipher cipher) {
        this.keyring = requireNonNull(keyring, "keyring");
        this.verifyIncoming = verifyIncoming;
        this.verifyOutgoing = verifyOutgoing;
        this.cipher = requireNonNull(cipher, "cipher");
    }

    Optional<GossipKeyring> keyring() {
        return keyring;
    }

    /** A message as it goes on the wire. */
    record Wire(String contentType, byte[] body) {
    }

    /** A message as it arrived: its JSON and the key that opened it (empty when it came plain). */
    record Received(byte[] plain, Optional<byte[]> key) {
    }

    /** Why a message was refused, as the sender is told (a header of the refusal) and as both sides log it. */
    enum Refusal {
        /** A plain message reached an agent that requires encryption. */
        NOT_ENCRYPTED("the message was not encrypted and gossip encryption is required there",
                "was not encrypted and this agent requires gossip encryption: start that agent with the cluster's key "
                        + "(-encrypt), or set encrypt_verify_incoming = false here while keys are rolled out",
                "refused our message: it requires gossip encryption and this agent has no key; start this agent "
                        + "with the cluster's key (-encrypt)"),
        /** An encrypted message reached an agent without a key. */
        NO_KEY("the message was encrypted and there is no gossip key there",
                "was encrypted and this agent has no gossip key: start this agent with the cluster's key (-encrypt)",
                "refused our message: it has no gossip key and this agent encrypts; start that agent with the "
                        + "cluster's key (-encrypt)"),
        /** No installed key opened the message. */
        WRONG_KEY("No installed keys could decrypt the message",
                "could not be decrypted with any installed key: that agent holds another gossip key; give both the "
                        + "cluster's key (-encrypt, or consul keyring -install)",
                "refused our message: no key installed there decrypts it, so this agent holds another gossip key; "
                        + "start it with the cluster's key (-encrypt), or install that key with consul keyring -install");

        private final String reason;
        private final String receiverAdvice;
        private final String senderAdvice;

        Refusal(String reason, String receiverAdvice, String senderAdvice) {
            this.reason = reason;
            this.receiverAdvice = receiverAdvice;
            this.senderAdvice = senderAdvice;
        }

        /** What the refusing side answers. */
        String reason() {
            return reason;
        }

        /** What the refusing side logs after "a message from HOST " (or a sender after "the reply of HOST "). */
        String receiverAdvice() {
            return receiverAdvice;
        }

        /** What the sending side logs after "HOST " when its message was refused. */
        String senderAdvice() {
            return senderAdvice;
        }
    }

    /** A message this agent does not accept. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final Refusal refusal;

        Refused(Refusal refusal) {
            super(refusal.reason());
            this.refusal = refusal;
        }

        Refusal refusal() {
            return refusal;
        }
    }

    /** A request to another agent, for {@code path}. */
    Wire request(String path, byte[] plain) {
        if (keyring.isPresent() && verifyOutgoing) {
            return new Wire(SEALED, cipher.seal(keyring.get().primaryBytes(), "request " + path, plain));
        }
        return new Wire(PLAIN, plain);
    }

    /** A request another agent sent to {@code path}. */
    Received openRequest(String path, String contentType, byte[] body) throws Refused {
        return open("request " + path, contentType, body);
    }

    /** The reply to a request that arrived as {@code request}: sealed with the key that opened it. */
    Wire reply(String path, Received request, byte[] plain) {
        Optional<byte[]> key = request.key()
                .or(() -> keyring.filter(k -> verifyOutgoing).map(GossipKeyring::primaryBytes));
        return key.map(k -> new Wire(SEALED, cipher.seal(k, "reply " + path, plain)))
                .orElseGet(() -> new Wire(PLAIN, plain));
    }

    /** Another agent's reply to our request to {@code path}. */
    byte[] openReply(String path, String contentType, byte[] body) throws Refused {
        return open("reply " + path, contentType, body).plain();
    }

    private Received open(String purpose, String contentType, byte[] body) throws Refused {
        if (!SEALED.equals(contentType)) {
            if (keyring.isPresent() && verifyIncoming) {
                throw new Refused(Refusal.NOT_ENCRYPTED);
            }
            return new Received(body, Optional.empty());
        }
        if (keyring.isEmpty()) {
            throw new Refused(Refusal.NO_KEY);
        }
        try {
            GossipCipher.Opened opened = cipher.open(keyring.get().keyBytes(), purpose, body);
            return new Received(opened.plain(), Optional.of(opened.key()));
        } catch (GossipCipher.NoKeyException e) {
            throw new Refused(Refusal.WRONG_KEY);
        }
    }
}
