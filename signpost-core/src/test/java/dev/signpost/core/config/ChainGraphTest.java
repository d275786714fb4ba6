package dev.signpost.core.config;

import static dev.signpost.core.config.DiscoveryChainEntriesTest.map;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ChainGraphTest {
    private final List<ConfigEntry> stored = new ArrayList<>();

    private static ConfigEntry entry(Map<String, Object> raw) {
        return ConfigEntries.normalized(ConfigEntries.decode(raw, t -> Duration.ofSeconds(1)));
    }

    private ChainGraphTest store(Map<String, Object> raw) {
        stored.add(entry(raw));
        return this;
    }

    private void propose(Map<String, Object> raw) {
        ConfigEntry entry = entry(raw);
        ChainGraph.validateProposed(entry.kind(), entry.name(), Optional.of(entry), current(), stored);
    }

    private void delete(String kind, String name) {
        ChainGraph.validateProposed(kind, name, Optional.empty(), current(), stored);
    }

    private ChainEntries current() {
        return (kind, name) -> stored.stream().filter(e -> e.kind().equals(kind) && e.name().equals(name))
                .findFirst();
    }

    private static Map<String, Object> splitter(String name, String to) {
        return map("Kind", "service-splitter", "Name", name, "Splits", List.of(map("Weight", 50),
                map("Weight", 50, "Service", to)));
    }

    @Test
    void aSplitter_needsAnHttpLikeProtocol() {
        assertThatThrownBy(() -> propose(splitter("web", "web-v2"))).hasMessage("discovery chain \"web\" uses a "
                + "protocol \"tcp\" that does not permit advanced routing or splitting behavior");
        store(map("Kind", "service-defaults", "Name", "web", "Protocol", "grpc"));
        store(map("Kind", "service-defaults", "Name", "web-v2", "Protocol", "grpc"));
        assertThatCode(() -> propose(splitter("web", "web-v2"))).doesNotThrowAnyException();
    }

    @Test
    void changingTheProtocolOfAServiceASplitterSendsTo_isRefused() {
        store(map("Kind", "proxy-defaults", "Name", "global", "Config", map("protocol", "http")));
        store(splitter("web", "web-v2"));

        assertThatThrownBy(() -> propose(map("Kind", "service-defaults", "Name", "web-v2", "Protocol", "tcp")))
                .hasMessage("discovery chain \"web\" uses inconsistent protocols; service \"web-v2\" has \"tcp\" "
                        + "which is not \"http\"");
        assertThatThrownBy(() -> delete("proxy-defaults", "global")).hasMessageContaining("uses a protocol \"tcp\"");
        assertThatCode(() -> delete("service-splitter", "web")).doesNotThrowAnyException();
    }

    @Test
    void l7Intentions_needAnHttpLikeChain() {
        Map<String, Object> l7 = map("Kind", "service-intentions", "Name", "db", "Sources", List.of(map("Name", "web",
                "Permissions", List.of(map("Action", "allow", "HTTP", map("PathPrefix", "/"))))));
        assertThatThrownBy(() -> propose(l7)).hasMessage("service \"db\" has protocol \"tcp\", which is incompatible "
                + "with L7 intentions permissions");
        store(map("Kind", "service-defaults", "Name", "db", "Protocol", "http"));
        assertThatCode(() -> propose(l7)).doesNotThrowAnyException();
        store(l7);
        assertThatThrownBy(() -> propose(map("Kind", "service-defaults", "Name", "db", "Protocol", "tcp")))
                .hasMessage("service \"db\" has protocol \"tcp\", which is incompatible with L7 intentions permissions");
        assertThatCode(() -> propose(map("Kind", "service-intentions", "Name", "db", "Sources",
                List.of(map("Name", "web", "Action", "allow"))))).doesNotThrowAnyException();
    }
}
