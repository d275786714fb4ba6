package dev.signpost.http;

import static dev.signpost.http.ApiTestSupport.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.signpost.core.acl.AclConfig;
import dev.signpost.core.acl.AgentTokens;
import dev.signpost.core.acl.Authorizer.DefaultPolicy;
import dev.signpost.testing.FakeClock;

class AclTokenExpiryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROOT = "9f3a1c55-0d2e-4c4a-9a61-3f1f2a7b8c01";

    private final FakeClock clock = new FakeClock();
    private final ApiTestSupport api = new ApiTestSupport(new AclConfig(true, DefaultPolicy.DENY, "extend-cache",
            false, ROOT, new AgentTokens("", "", "")), clock);

    private ApiResponse create(String fields) {
        return api.as(ROOT, "PUT", "/v1/acl/token", "{\"Description\":\"t\"" + fields + "}");
    }

    private String refusal(String fields) {
        ApiResponse answer = create(fields);
        assertThat(answer.status()).as(text(answer)).isEqualTo(400);
        return text(answer);
    }

    @Test
    void expirationTtl_becomesAnExpirationTime_andTheTokenIsUnknownOnceItPasses() throws Exception {
        ApiResponse made = create(",\"ExpirationTTL\":\"10m\"");
        assertThat(made.status()).as(text(made)).isEqualTo(200);
        JsonNode token = JSON.readTree(made.body());
        Instant created = Instant.parse(token.get("CreateTime").asText());
        assertThat(Instant.parse(token.get("ExpirationTime").asText())).isEqualTo(created.plus(Duration.ofMinutes(10)));
        String secret = token.get("SecretID").asText();
        String accessor = token.get("AccessorID").asText();
        assertThat(api.as(secret, "GET", "/v1/acl/token/self", "").status()).isEqualTo(200);

        clock.advance(Duration.ofMinutes(10));

        ApiResponse self = api.as(secret, "GET", "/v1/acl/token/self", "");
        assertThat(self.status()).isEqualTo(403);
        assertThat(text(self)).isEqualTo("ACL not found");
        assertThat(text(api.as(secret, "GET", "/v1/kv/app", ""))).isEqualTo("ACL not found");
        assertThat(text(api.as(ROOT, "GET", "/v1/acl/token/" + accessor, ""))).isEqualTo("ACL not found");
        assertThat(text(api.as(ROOT, "GET", "/v1/acl/tokens", ""))).doesNotContain(accessor);
    }

    @Test
    void expirationTime_isKept_asGiven() throws Exception {
        Instant at = FakeClock.START.plus(Duration.ofHours(2));
        ApiResponse made = create(",\"ExpirationTime\":\"" + at + "\"");
        assertThat(made.status()).as(text(made)).isEqualTo(200);
        assertThat(Instant.parse(JSON.readTree(made.body()).get("ExpirationTime").asText())).isEqualTo(at);
    }

    @Test
    void aTokenWithoutExpiry_showsNone() throws Exception {
        assertThat(JSON.readTree(create("").body()).has("ExpirationTime")).isFalse();
    }

    @Test
    void badExpirations_areRefusedWithConsulsWords_andNothingIsWritten() {
        assertThat(refusal(",\"ExpirationTTL\":\"30s\""))
                .isEqualTo("ExpirationTime cannot be less than 1m0s in the future (was 30s)");
        assertThat(refusal(",\"ExpirationTTL\":\"25h\""))
                .isEqualTo("ExpirationTime cannot be more than 24h0m0s in the future (was 25h0m0s)");
        assertThat(refusal(",\"ExpirationTTL\":\"-1m\"")).isEqualTo("Token Expiration TTL '-1m0s' should be > 0");
        assertThat(refusal(",\"ExpirationTTL\":\"1h\",\"ExpirationTime\":\"" + FakeClock.START.plusSeconds(7200)
                + "\"")).isEqualTo("Token Expiration TTL and Expiration Time cannot both be set");
        assertThat(refusal(",\"ExpirationTime\":\"" + FakeClock.START.minusSeconds(60) + "\""))
                .isEqualTo("ExpirationTime cannot be before CreateTime");
        assertThat(refusal(",\"AuthMethod\":\"k8s\"")).isEqualTo("AuthMethod field is disallowed outside of login");
        assertThat(text(api.as(ROOT, "GET", "/v1/acl/tokens", ""))).doesNotContain("\"Description\":\"t\"");
    }

    @Test
    void ttlBounds_comeFromTheConfig() {
        ApiTestSupport shortLived = new ApiTestSupport(new AclConfig(true, DefaultPolicy.DENY, "extend-cache", false,
                ROOT, new AgentTokens("", "", ""), Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofHours(1)),
                clock);
        assertThat(shortLived.as(ROOT, "PUT", "/v1/acl/token", "{\"ExpirationTTL\":\"2s\"}").status()).isEqualTo(200);
        assertThat(text(shortLived.as(ROOT, "PUT", "/v1/acl/token", "{\"ExpirationTTL\":\"2h\"}")))
                .isEqualTo("ExpirationTime cannot be more than 1h0m0s in the future (was 2h0m0s)");
    }

    @Test
    void anUpdate_cannotChangeTheExpiration_butKeepsIt() throws Exception {
        JsonNode token = JSON.readTree(create(",\"ExpirationTTL\":\"10m\"").body());
        String accessor = token.get("AccessorID").asText();

        ApiResponse changed = api.as(ROOT, "PUT", "/v1/acl/token/" + accessor, "{\"ExpirationTTL\":\"20m\"}");
        assertThat(changed.status()).isEqualTo(400);
        assertThat(text(changed)).isEqualTo("Cannot change expiration time of " + accessor);
        ApiResponse kept = api.as(ROOT, "PUT", "/v1/acl/token/" + accessor, "{\"Description\":\"renamed\"}");
        assertThat(kept.status()).as(text(kept)).isEqualTo(200);
        assertThat(JSON.readTree(kept.body()).get("ExpirationTime").asText())
                .isEqualTo(token.get("ExpirationTime").asText());
    }
}
