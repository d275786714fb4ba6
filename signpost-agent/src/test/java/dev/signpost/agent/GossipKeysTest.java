package dev.signpost.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.signpost.http.KeyringOperator.Operation;
import dev.signpost.http.KeyringOperator.PoolAnswer;

class GossipKeysTest {
    private static final String K1 = GossipKeyringTest.K1;
    private static final String K2 = GossipKeyringTest.K2;

    private static MemberInfo member(String name, int n, String role) {
        return new MemberInfo(name, "id-" + name, "127.0.0." + n, 8301, 8300, role, "dc1", 0, false, List.of(), "",
                false);
    }

    private final Members members = new Members(Clock.systemUTC(), Duration.ofSeconds(10), member("s1", 1, "consul"));
    /** The other members' keyrings, as the LAN port would reach them; a missing one does not answer. */
    private final Map<String, GossipKeys> others = new HashMap<>();

    private GossipKeys keysOf(String name, Optional<GossipKeyring> ring) {
        MemberInfo self = members.all().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
        Members view = new Members(Clock.systemUTC(), Duration.ofSeconds(10), self);
        return new GossipKeys(ring, view, "dc1", (address, call) -> {
            throw new IOException("not used");
        }, Duration.ofMillis(200));
    }

    private GossipKeys cluster(Optional<GossipKeyring> here) {
        return new GossipKeys(here, members, "dc1", (address, call) -> {
            GossipKeys there = others.values().stream()
                    .filter(k -> address.startsWith(k.self().address())).findFirst()
                    .orElseThrow(() -> new IOException("connect timed out"));
            return there.local(call);
        }, Duration.ofMillis(200));
    }

    private static Optional<GossipKeyring> ring(String key) throws IOException {
        return GossipKeyring.open(Optional.of(key), Optional.empty(), w -> { });
    }

    private void join(String name, int n, String role, Optional<GossipKeyring> ring) {
        members.heard(member(name, n, role));
        others.put(name, keysOf(name, ring));
    }

    @Test
    void list_countsEveryKeyPerPool_serversInWan_everyoneInLan() throws Exception {
        GossipKeys keys = cluster(ring(K1));
        join("s2", 2, "consul", ring(K1));
        join("c1", 3, "node", ring(K1));

        keys.run(Operation.INSTALL, K2);
        List<PoolAnswer> pools = keys.run(Operation.LIST, "");

        assertThat(pools).extracting(PoolAnswer::wan).containsExactly(true, false);
        assertThat(pools.get(0).numNodes()).isEqualTo(2);
        assertThat(pools.get(0).keys()).isEqualTo(Map.of(K1, 2, K2, 2));
        assertThat(pools.get(1).numNodes()).isEqualTo(3);
        assertThat(pools.get(1).keys()).isEqualTo(Map.of(K1, 3, K2, 3));
        assertThat(pools.get(1).primaryKeys()).isEqualTo(Map.of(K1, 3));
        assertThat(pools.get(1).error()).isEmpty();
    }

    @Test
    void rotation_installUseRemove_leavesOnlyTheNewKeyEverywhere() throws Exception {
        GossipKeys keys = cluster(ring(K1));
        join("s2", 2, "consul", ring(K1));

        keys.run(Operation.INSTALL, K2);
        keys.run(Operation.USE, K2);
        List<PoolAnswer> removed = keys.run(Operation.REMOVE, K1);
        List<PoolAnswer> pools = keys.run(Operation.LIST, "");

        assertThat(removed).allMatch(p -> p.error().isEmpty());
        assertThat(pools.get(1).keys()).isEqualTo(Map.of(K2, 2));
        assertThat(pools.get(1).primaryKeys()).isEqualTo(Map.of(K2, 2));
    }

    @Test
    void removingThePrimary_failsOnEveryNode_withMemberlistsWords() throws Exception {
        GossipKeys keys = cluster(ring(K1));
        join("s2", 2, "consul", ring(K1));

        PoolAnswer lan = keys.run(Operation.REMOVE, K1).get(1);

        assertThat(lan.error()).isEqualTo("2/2 nodes reported failure");
        assertThat(lan.messages()).isEqualTo(Map.of("s1", "Removing the primary key is not allowed",
                "s2", "Removing the primary key is not allowed"));
    }

    @Test
    void withoutEncryption_everyNodeSaysSo_asSerfDoes() {
        GossipKeys keys = cluster(Optional.empty());

        assertThat(keys.run(Operation.LIST, "").get(1).messages())
                .isEqualTo(Map.of("s1", "Keyring is empty (encryption not enabled)"));
        assertThat(keys.run(Operation.INSTALL, K2).get(1).messages())
                .isEqualTo(Map.of("s1", "No keyring to modify (encryption not enabled)"));
    }

    @Test
    void aMemberThatDoesNotAnswer_makesThePoolFail_withSerfsCount() throws Exception {
        GossipKeys keys = cluster(ring(K1));
        members.heard(member("s2", 2, "consul"));

        PoolAnswer lan = keys.run(Operation.INSTALL, K2).get(1);

        assertThat(lan.error()).isEqualTo("1/2 nodes reported success");
    }

    @Test
    void aKeyThatIsNotBase64_isRefusedBeforeAnyoneIsAsked() throws Exception {
        GossipKeyring here = ring(K1).orElseThrow();
        GossipKeys keys = cluster(Optional.of(here));

        List<PoolAnswer> pools = keys.run(Operation.INSTALL, "not a key");

        assertThat(pools).extracting(PoolAnswer::error).containsOnly("illegal base64 data at input byte 3");
        assertThat(here.keys()).containsExactly(K1);
    }

    @Test
    void aKeyOfTheWrongSize_isRefusedByEachNode() throws Exception {
        GossipKeys keys = cluster(ring(K1));

        assertThat(keys.run(Operation.INSTALL, "aGVsbG8=").get(1).messages())
                .isEqualTo(Map.of("s1", "key size must be 16, 24 or 32 bytes"));
    }
}
