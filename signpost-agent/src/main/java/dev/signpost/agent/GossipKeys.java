package dev.signpost.agent;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.signpost.http.KeyringOperator;

/**
 * Keyring operations across the cluster, as Serf's key manager runs them: the operation goes to every alive member
 * over the LAN port (sealed with this agent's key, as any LAN message), each member changes and saves its own
 * keyring and answers with its keys, and the answers are counted per pool. Signpost has one keyring per agent for
 * its one gossip port, so the WAN pool is the servers' answers and the LAN pool everyone's, changed in lock-step as
 * Consul's are. A member that does not answer counts as one that did not succeed.
 */
final class GossipKeys implements KeyringOperator {
    private static final Logger LOG = LoggerFactory.getLogger(GossipKeys.class);
    static final String LIST_DISABLED = "Keyring is empty (encryption not enabled)";
    static final String CHANGE_DISABLED = "No keyring to modify (encryption not enabled)";

    /** How this agent reaches another's keyring. */
    interface Remote {
        Lan.KeyringAnswer call(String lanAddress, Lan.KeyringCall call) throws IOException;
    }

    private final Optional<GossipKeyring> keyring;
    private final Members members;
    private final String datacenter;
    private final Remote remote;
    private final Duration timeout;
    private final ExecutorService io = Executors.newVirtualThreadPerTaskExecutor();

    GossipKeys(Optional<GossipKeyring> keyring, Members members, String datacenter, Remote remote, Duration timeout) {
        this.keyring = requireNonNull(keyring, "keyring");
        this.members = requireNonNull(members, "members");
        this.datacenter = requireNonNull(datacenter, "datacenter");
        this.remote = requireNonNull(remote, "remote");
        this.timeout = requireNonNull(timeout, "timeout");
    }

    /** This agent as a member (for tests and logs). */
    MemberInfo self() {
        return members.self();
    }

    /** This node's part of an operation (what the LAN port runs for another agent, and for this one). */
    Lan.KeyringAnswer local(Lan.KeyringCall call) {
        String node = members.self().name();
        if (keyring.isEmpty()) {
            return new Lan.KeyringAnswer(node, List.of(), call.op().equals("list") ? LIST_DISABLED : CHANGE_DISABLED);
        }
        GossipKeyring ring = keyring.get();
        try {
            switch (call.op()) {
                case "list" -> {
                }
                case "install" -> {
                    ring.install(call.key());
                    LOG.info("serf: Received install-key query");
                }
                case "use" -> {
                    ring.use(call.key());
                    LOG.info("serf: Received use-key query");
                }
                case "remove" -> {
                    ring.remove(call.key());
                    LOG.info("serf: Received remove-key query");
                }
                default -> throw new IllegalArgumentException("unknown keyring operation \"" + call.op() + "\"");
            }
            return new Lan.KeyringAnswer(node, ring.keys(), "");
        } catch (IllegalArgumentException e) {
            LOG.error("serf: Failed to {} key: {}", call.op(), e.getMessage());
            return new Lan.KeyringAnswer(node, ring.keys(), e.getMessage());
        } catch (IOException e) {
            LOG.error("serf: Failed to write keyring file: {}", e.getMessage());
            return new Lan.KeyringAnswer(node, ring.keys(), "Failed to write keyring file: " + e.getMessage());
        }
    }

    @Override
    public List<PoolAnswer> run(Operation operation, String key) {
        String op = operation.name().toLowerCase(java.util.Locale.ROOT);
        if (operation != Operation.LIST) {
            try {
                GossipKeyring.decode(key);
            } catch (IllegalArgumentException e) {
                // Serf's key manager decodes the key before it asks anyone.
                return List.of(failed(true, e.getMessage()), failed(false, e.getMessage()));
            }
        }
        MemberInfo self = members.self();
        List<MemberInfo> targets = members.all().stream()
                .filter(m -> m.name().equals(self.name()) || members.status(m.name()) == Members.ALIVE).toList();
        Lan.KeyringCall call = new Lan.KeyringCall(op, key);
        Map<String, Future<Lan.KeyringAnswer>> calls = new LinkedHashMap<>();
        for (MemberInfo member : targets) {
            calls.put(member.name(), member.name().equals(self.name()) ? io.submit(() -> local(call))
                    : io.submit(() -> remote.call(member.lanAddress(), call)));
        }
        Map<String, Lan.KeyringAnswer> answers = new HashMap<>();
        calls.forEach((name, future) -> {
            try {
                answers.put(name, future.get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                LOG.warn("serf: no answer from {} to the {}-key query: {}", name, op, e.getMessage());
            }
        });
        List<MemberInfo> servers = targets.stream().filter(MemberInfo::isServer).toList();
        return List.of(pool(true, servers, answers), pool(false, targets, answers));
    }

    private PoolAnswer failed(boolean wan, String error) {
        return new PoolAnswer(wan, datacenter, Map.of(), Map.of(), Map.of(), 0, error);
    }

    /** Serf's KeyResponse for one pool: counts, each failing node's message, and the pool's error. */
    private PoolAnswer pool(boolean wan, List<MemberInfo> nodes, Map<String, Lan.KeyringAnswer> answers) {
        Map<String, Integer> keys = new LinkedHashMap<>();
        Map<String, Integer> primaries = new LinkedHashMap<>();
        Map<String, String> messages = new LinkedHashMap<>();
        int responses = 0;
        int errors = 0;
        for (MemberInfo node : nodes) {
            Lan.KeyringAnswer answer = answers.get(node.name());
            if (answer == null) {
                continue;
            }
            responses++;
            if (!answer.error().isEmpty()) {
                errors++;
                messages.put(node.name(), answer.error());
                continue;
            }
            answer.keys().forEach(k -> keys.merge(k, 1, Integer::sum));
            if (!answer.keys().isEmpty()) {
                primaries.merge(answer.keys().get(0), 1, Integer::sum);
            }
        }
        String error = "";
        if (errors > 0) {
            error = errors + "/" + nodes.size() + " nodes reported failure";
        } else if (responses != nodes.size()) {
            error = responses + "/" + nodes.size() + " nodes reported success";
        }
        return new PoolAnswer(wan, datacenter, messages, keys, primaries, nodes.size(), error);
    }

    void close() {
        io.shutdownNow();
    }
}
