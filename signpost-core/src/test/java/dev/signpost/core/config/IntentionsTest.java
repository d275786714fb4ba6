package dev.signpost.core.config;

import static dev.signpost.core.config.ServiceIntentionsTest.entry;
import static dev.signpost.core.config.ServiceIntentionsTest.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class IntentionsTest {
    private static final List<ConfigEntry> ENTRIES = List.of(
            ConfigEntries.normalized(entry("db", map("Name", "web", "Action", "allow"),
                    map("Name", "*", "Action", "deny"))),
            ConfigEntries.normalized(entry("api", map("Name", "web", "Permissions", List.of(
                    map("Action", "allow", "HTTP", map("PathPrefix", "/v1")))))),
            ConfigEntries.normalized(entry("*", map("Name", "admin", "Action", "allow"))));

    private static List<String> pairs(List<Intention> intentions) {
        return intentions.stream().map(i -> i.sourceName() + "->" + i.destinationName() + ":" + i.precedence())
                .toList();
    }

    @Test
    void all_areSortedByPrecedenceThenNames() {
        assertThat(pairs(Intentions.all(ENTRIES))).containsExactly("web->api:9", "web->db:9", "*->db:8",
                "admin->*:6");
    }

    @Test
    void match_byDestination_includesWildcardDestinations() {
        assertThat(pairs(Intentions.match(ENTRIES, Intentions.By.DESTINATION, "db")))
                .containsExactly("web->db:9", "*->db:8", "admin->*:6");
        assertThat(pairs(Intentions.match(ENTRIES, Intentions.By.DESTINATION, "cache"))).containsExactly("admin->*:6");
    }

    @Test
    void match_bySource_includesWildcardSources() {
        assertThat(pairs(Intentions.match(ENTRIES, Intentions.By.SOURCE, "web")))
                .containsExactly("web->api:9", "web->db:9", "*->db:8");
    }

    @Test
    void check_takesTheFirstMatch_l7IsDenied_andNoMatchIsTheDefault() {
        assertThat(Intentions.allowed(ENTRIES, "web", "db", false)).isTrue();
        assertThat(Intentions.allowed(ENTRIES, "other", "db", true)).isFalse();
        assertThat(Intentions.allowed(ENTRIES, "admin", "cache", false)).isTrue();
        assertThat(Intentions.allowed(ENTRIES, "web", "api", true)).isFalse();
        assertThat(Intentions.allowed(ENTRIES, "web", "cache", true)).isTrue();
        assertThat(Intentions.allowed(ENTRIES, "web", "cache", false)).isFalse();
    }

    @Test
    void exact_findsOnlyTheNamedSource() {
        Optional<ConfigEntry> db = Optional.of(ENTRIES.getFirst());
        assertThat(Intentions.exact(db, "web").map(Intention::action)).contains("allow");
        assertThat(Intentions.exact(db, "other")).isEmpty();
        assertThat(Intentions.exact(Optional.empty(), "web")).isEmpty();
        Optional<ConfigEntry> peered = Optional.of(ConfigEntries.normalized(entry("db", map("Name", "web",
                "Peer", "east", "Action", "deny"))));
        assertThat(Intentions.exact(peered, "web")).isEmpty();
        assertThat(Intentions.exact(peered, "east", "web").map(Intention::sourcePeer)).contains("east");
    }

    @Test
    void upsert_replacesBySourceName_andDeletingTheLastSourceDeletesTheEntry() {
        ConfigEntry created = Intentions.upsert(Optional.empty(), "cache", map("Name", "web", "Action", "allow"));
        ConfigEntry replaced = Intentions.upsert(Optional.of(created), "cache", map("Name", "web", "Action", "deny"));
        ConfigEntry added = Intentions.upsert(Optional.of(replaced), "cache", map("Name", "*", "Action", "allow"));

        assertThat(Intentions.of(added).stream().map(i -> i.sourceName() + ":" + i.action()))
                .containsExactly("web:deny", "*:allow");
        ConfigEntry one = Intentions.withoutSource(added, "web").orElseThrow();
        assertThat(pairs(Intentions.of(one))).containsExactly("*->cache:8");
        assertThat(Intentions.withoutSource(one, "*")).isEmpty();
    }

    @Test
    void upsert_validatesTheWholeEntry() {
        assertThatThrownBy(() -> Intentions.upsert(Optional.empty(), "cache", map("Name", "web")))
                .hasMessage("Sources[0].Action must be set to 'allow' or 'deny'");
    }

    @Test
    void legacyIntentions_carryTheirIdMetaAndTimes_andAreReplacedById() {
        Map<String, Object> source = map("Name", "web", "Action", "allow", "LegacyMeta", Map.of("team", "a"),
                "LegacyID", "11111111-2222-3333-4444-555555555555", "LegacyCreateTime", "2026-12-07T15:00:00Z",
                "LegacyUpdateTime", "2026-12-07T15:00:00Z");
        ConfigEntry entry = Intentions.legacyCreate(Optional.empty(), "db", source).writtenAt(7, 7);

        Intention created = Intentions.byId(List.of(entry), "11111111-2222-3333-4444-555555555555").orElseThrow();
        assertThat(created.render()).containsEntry("ID", "11111111-2222-3333-4444-555555555555")
                .containsEntry("Meta", Map.of("team", "a")).containsEntry("CreatedAt", "2026-12-07T15:00:00Z")
                .containsEntry("CreateIndex", 7L);

        Map<String, Object> update = new java.util.LinkedHashMap<>(source);
        update.put("Action", "deny");
        update.put("LegacyCreateTime", "later");
        update.put("LegacyUpdateTime", "2026-12-07T16:00:00Z");
        ConfigEntry updated = Intentions.legacyReplace(entry, created.id(), Optional.of(update)).orElseThrow();
        Intention after = Intentions.of(updated).getFirst();
        assertThat(after.action()).isEqualTo("deny");
        assertThat(after.createdAt()).contains("2026-12-07T15:00:00Z");
        assertThat(after.updatedAt()).contains("2026-12-07T16:00:00Z");
        assertThat(Intentions.legacyReplace(updated, created.id(), Optional.empty())).isEmpty();
    }

    @Test
    void legacyWrites_areRefusedOnEntriesWrittenAsConfigEntries() {
        assertThatThrownBy(() -> Intentions.legacyCreate(Optional.of(ENTRIES.getFirst()), "db", map("Name", "x")))
                .hasMessage("cannot use legacy intention API to edit intentions with a destination of \"db\" after "
                        + "editing them via a service-intentions config entry");
    }

    @Test
    void legacyProblems_areIntentionValidatesMultiError() {
        assertThat(Intentions.legacyProblems("web", "db", map("Action", "allow", "Type", "consul"))).isEmpty();
        assertThat(Intentions.legacyProblems("", "d*", map("Type", "consul"))).contains("3 errors occurred:\n"
                + "\t* SourceName must be set\n\t* DestinationName: wildcard character '*' cannot be used with "
                + "partial values\n\t* Action must be set to 'allow' or 'deny'\n\n");
    }

    @Test
    void goTime_isRfc3339NanoWithoutTrailingZeros() {
        assertThat(Intentions.goTime(Instant.parse("2026-12-07T15:00:00Z"))).isEqualTo("2026-12-07T15:00:00Z");
        assertThat(Intentions.goTime(Instant.parse("2026-12-07T15:00:00.120Z")))
                .isEqualTo("2026-12-07T15:00:00.12Z");
    }
}
