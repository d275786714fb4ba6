package dev.signpost.core.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.signpost.core.query.PreparedQuery.Dns;
import dev.signpost.core.query.PreparedQuery.Failover;
import dev.signpost.core.query.PreparedQuery.ServiceQuery;
import dev.signpost.core.query.PreparedQuery.Target;
import dev.signpost.core.query.PreparedQuery.Template;

class QueryRulesTest {

    /** A stand-in for Go's parser: seconds only, Go's words otherwise. */
    private static Duration goDuration(String text) {
        if (!text.matches("-?\\d+s")) {
            throw new IllegalArgumentException("time: invalid duration \"" + text + "\"");
        }
        return Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)));
    }

    private static Optional<String> problem(String name, String session, String token, ServiceQuery service,
                                            String ttl) {
        return QueryRules.problem(new PreparedQuery("id", name, session, token, Template.NONE, service,
                new Dns(ttl, 0), 0, 0), QueryRulesTest::goDuration);
    }

    private static ServiceQuery service(String name, Failover failover, Map<String, String> nodeMeta) {
        return new ServiceQuery(name, failover, false, List.of(), "", List.of(), nodeMeta, Map.of(), false, "");
    }

    @Test
    void aValidQuery_hasNoProblem() {
        assertThat(problem("web", "", "", ServiceQuery.of("web"), "10s")).isEmpty();
    }

    @Test
    void eachCheck_answersConsulsText() {
        ServiceQuery ok = ServiceQuery.of("web");
        assertThat(problem("", "", "", ok, "")).contains("Invalid prepared query: Must be bound to a session");
        assertThat(problem("web", "", "<hidden>", ok, "")).contains("Invalid prepared query: Bad Token '<hidden>', "
                + "it looks like a query definition with a redacted token was submitted");
        assertThat(problem("web", "", "", ServiceQuery.of(""), ""))
                .contains("Invalid prepared query: Must provide a Service name to query");
        assertThat(problem("web", "", "", service("web", new Failover(-1, List.of(), List.of()), Map.of()), ""))
                .contains("Invalid prepared query: Bad NearestN '-1', must be >= 0");
        assertThat(problem("web", "", "", service("web", new Failover(0, List.of("dc2"),
                List.of(new Target("p", ""))), Map.of()), ""))
                .contains("Invalid prepared query: Targets cannot be populated with NearestN or Datacenters");
        assertThat(problem("web", "", "", service("web", Failover.NONE, Map.of("bad key", "v")), ""))
                .contains("Invalid prepared query: Couldn't load metadata pair ('bad key', 'v'): "
                        + "Key contains invalid characters");
        assertThat(problem("web", "", "", ok, "soon"))
                .contains("Invalid prepared query: Bad DNS TTL 'soon': time: invalid duration \"soon\"");
        assertThat(problem("web", "", "", ok, "-5s"))
                .contains("Invalid prepared query: DNS TTL '-5000000000', must be >=0");
    }

    @Test
    void aSessionOrATemplate_standsInForAName() {
        assertThat(problem("", "s1", "", ServiceQuery.of("web"), "")).isEmpty();
    }

    @Test
    void nodeMeta_isLimitedTo64Pairs() {
        Map<String, String> many = new HashMap<>();
        for (int i = 0; i < 65; i++) {
            many.put("k" + i, "v");
        }
        assertThat(problem("web", "", "", service("web", Failover.NONE, many), ""))
                .contains("Invalid prepared query: Node metadata cannot contain more than 64 key/value pairs");
    }
}
