package dev.signpost.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import picocli.CommandLine;

import dev.signpost.agent.AgentConfig;
import dev.signpost.core.acl.Authorizer.DefaultPolicy;

/** Each config key Signpost reads changes what the agent runs with; unknown keys fail as Consul's do. */
class AgentSettingsTest {
    @TempDir
    Path work;

    private AgentSettings settings(String json, String... flags) throws IOException {
        Path file = work.resolve("config.json");
        Files.writeString(file, json);
        AgentCommand command = new AgentCommand();
        new CommandLine(command).parseArgs(flags);
        return new AgentSettings(command, ConfigFiles.read(List.of(file), "", List.of()));
    }

    private AgentConfig config(String json) throws IOException {
        return settings(json, "-data-dir", work.toString(), "-bind", "127.0.0.1").agentConfig();
    }

    static Stream<Arguments> usedKeys() {
        return Stream.of(
                key("{\"ports\":{\"http\":18500}}", AgentConfig::httpPort, 18500),
                key("{\"ports\":{\"http\":-1}}", AgentConfig::httpPort, -1),
                key("{\"ports\":{\"http\":0}}", AgentConfig::httpPort, 8500),
                key("{\"ports\":{\"dns\":-1}}", AgentConfig::dnsPort, -1),
                key("{\"ports\":{\"dns\":53}}", AgentConfig::dnsPort, 53),
                key("{\"ports\":{\"server\":18300}}", AgentConfig::serverPort, 18300),
                key("{\"ports\":{\"serf_lan\":18301}}", AgentConfig::serfLanPort, 18301),
                key("{\"performance\":{\"raft_multiplier\":1}}", AgentConfig::electionTimeout, Duration.ofMillis(200)),
                key("{}", AgentConfig::electionTimeout, Duration.ofSeconds(1)),
                key("{\"datacenter\":\"DC2\"}", AgentConfig::datacenter, "dc2"),
                key("{\"node_name\":\"n7\"}", AgentConfig::nodeName, "n7"),
                key("{\"node_meta\":{\"rack\":\"r1\"}}", AgentConfig::nodeMeta, Map.of("rack", "r1")),
                key("{\"retry_join\":[\"10.0.0.1\"],\"retry_max\":3}", AgentConfig::retryMax, 3),
                key("{\"retry_join\":[\"10.0.0.1\"]}", AgentConfig::retryJoin, List.of("10.0.0.1")),
                key("{\"start_join\":[\"10.0.0.2\"]}", AgentConfig::join, List.of("10.0.0.2")),
                key("{\"retry_interval\":\"5s\"}", AgentConfig::retryInterval, Duration.ofSeconds(5)),
                key("{\"rejoin_after_leave\":true}", AgentConfig::rejoinAfterLeave, true),
                key("{}", AgentConfig::rejoinAfterLeave, false),
                key("{\"enable_script_checks\":true}", AgentConfig::enableScriptChecks, true),
                key("{\"server\":true}", AgentConfig::server, true),
                key("{\"server\":true,\"bootstrap\":true}", AgentConfig::bootstrap, true),
                key("{\"server\":true,\"bootstrap_expect\":3}", AgentConfig::bootstrapExpect, 3),
                key("{\"domain\":\"example.\"}", AgentConfig::domain, "example."),
                key("{\"advertise_addr\":\"127.0.0.9\"}", AgentConfig::advertiseAddress, "127.0.0.9"),
                key("{\"client_addr\":\"127.0.0.1 127.0.0.2\"}", AgentConfig::clientAddresses,
                        List.of("127.0.0.1", "127.0.0.2")),
                key("{\"ui_config\":{\"enabled\":true}}", AgentConfig::ui, true),
                key("{\"ui\":true}", AgentConfig::ui, true),
                key("{\"node_fail_after\":\"30s\"}", AgentConfig::nodeFailAfter, Duration.ofSeconds(30)),
                key("{\"raft_snapshot_threshold\":100}", AgentConfig::snapshotThreshold, 100L),
                key("{\"raft_snapshot_interval\":\"5s\"}", AgentConfig::snapshotInterval, Duration.ofSeconds(5)),
                key("{\"recursors\":[\"1.1.1.1\"]}", c -> c.dns().recursors(), List.of("1.1.1.1")),
                key("{\"dns_config\":{\"only_passing\":true}}", c -> c.dns().onlyPassing(), true),
                key("{\"dns_config\":{\"enable_truncate\":true}}", c -> c.dns().enableTruncate(), true),
                key("{\"dns_config\":{\"udp_answer_limit\":5}}", c -> c.dns().udpAnswerLimit(), 5),
                key("{\"dns_config\":{\"node_ttl\":\"10s\"}}", c -> c.dns().nodeTtl(), Duration.ofSeconds(10)),
                key("{\"dns_config\":{\"service_ttl\":{\"*\":\"5s\"}}}", c -> c.dns().serviceTtl(),
                        Duration.ofSeconds(5)),
                key("{\"acl\":{\"enabled\":true}}", c -> c.acl().enabled(), true),
                key("{}", c -> c.acl().enabled(), false),
                key("{\"acl_datacenter\":\"dc1\"}", c -> c.acl().enabled(), true),
                key("{\"acl\":{\"default_policy\":\"deny\"}}", c -> c.acl().defaultPolicy(), DefaultPolicy.DENY),
                key("{\"acl_default_policy\":\"deny\"}", c -> c.acl().defaultPolicy(), DefaultPolicy.DENY),
                key("{}", c -> c.acl().defaultPolicy(), DefaultPolicy.ALLOW),
                key("{\"acl\":{\"down_policy\":\"deny\"}}", c -> c.acl().downPolicy(), "deny"),
                key("{\"acl_down_policy\":\"allow\"}", c -> c.acl().downPolicy(), "allow"),
                key("{\"acl\":{\"enable_token_persistence\":true}}", c -> c.acl().enableTokenPersistence(), true),
                key("{\"acl\":{\"tokens\":{\"initial_management\":\"m\"}}}", c -> c.acl().initialManagement(), "m"),
                key("{\"acl\":{\"tokens\":{\"master\":\"m\"}}}", c -> c.acl().initialManagement(), "m"),
                key("{\"acl_master_token\":\"m\"}", c -> c.acl().initialManagement(), "m"),
                key("{\"acl\":{\"tokens\":{\"default\":\"d\"}}}", c -> c.acl().tokens().defaultToken(), "d"),
                key("{\"acl_token\":\"d\"}", c -> c.acl().tokens().defaultToken(), "d"),
                key("{\"acl\":{\"tokens\":{\"agent\":\"a\"}}}", c -> c.acl().tokens().agentToken(), "a"),
                key("{\"acl_agent_token\":\"a\"}", c -> c.acl().tokens().agentToken(), "a"),
                key("{\"acl\":{\"tokens\":{\"agent_recovery\":\"r\"}}}", c -> c.acl().tokens().recoveryToken(),
                        "r"),
                key("{\"acl\":{\"tokens\":{\"agent_master\":\"r\"}}}", c -> c.acl().tokens().recoveryToken(), "r"),
                key("{\"acl_agent_master_token\":\"r\"}", c -> c.acl().tokens().recoveryToken(), "r"),
                key("{\"ports\":{\"sidecar_min_port\":22000}}", AgentConfig::sidecarMinPort, 22000),
                key("{\"ports\":{\"sidecar_max_port\":22100}}", AgentConfig::sidecarMaxPort, 22100),
                key("{}", c -> List.of(c.sidecarMinPort(), c.sidecarMaxPort()), List.of(21000, 21255)));
    }

    private static Arguments key(String json, Function<AgentConfig, Object> field, Object expected) {
        return Arguments.of(json, field, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("usedKeys")
    void aUsedKey_changesTheAgentConfig(String json, Function<AgentConfig, Object> field, Object expected)
            throws IOException {
        assertThat(field.apply(config(json))).isEqualTo(expected);
    }

    @Test
    void runKeys_changeHowTheAgentRuns() throws IOException {
        AgentSettings s = settings("{\"pid_file\":\"/tmp/x.pid\",\"log_level\":\"debug\",\"log_json\":true,"
                + "\"log_file\":\"/tmp/l/\",\"log_rotate_bytes\":1000,\"log_rotate_duration\":\"1h\","
                + "\"log_rotate_max_files\":3,\"leave_on_terminate\":true,\"skip_leave_on_interrupt\":false}",
                "-data-dir", work.toString(), "-bind", "127.0.0.1");
        assertThat(s.pidFile()).contains(Path.of("/tmp/x.pid"));
        assertThat(s.logLevel()).isEqualTo("debug");
        assertThat(s.logJson()).isTrue();
        assertThat(s.logFile()).isEqualTo(new LogFile.Settings(java.util.Optional.of("/tmp/l/"), 1000,
                Duration.ofHours(1), 3));
        assertThat(s.leaveOnTerminate()).isTrue();
        assertThat(s.skipLeaveOnInterrupt()).isFalse();
    }

    @Test
    void leaveDefaults_followConsul_aServerStays_aClientLeaves() throws IOException {
        AgentSettings server = settings("{\"server\":true}", "-data-dir", work.toString(), "-bind", "127.0.0.1");
        assertThat(server.leaveOnTerminate()).isFalse();
        assertThat(server.skipLeaveOnInterrupt()).isTrue();
        AgentSettings client = settings("{}", "-data-dir", work.toString(), "-bind", "127.0.0.1");
        assertThat(client.leaveOnTerminate()).isTrue();
        assertThat(client.skipLeaveOnInterrupt()).isFalse();
    }

    /** Regression: the 0.0.0.0 default was looked for even when -advertise was given (and failed on multi-homed hosts). */
    @Test
    void aGivenAdvertiseAddress_isUsed_withoutLookingAtTheHostsInterfaces() throws IOException {
        AgentConfig config = settings("{}", "-data-dir", work.toString(), "-bind", "0.0.0.0", "-advertise",
                "127.0.0.9").agentConfig();
        assertThat(config.advertiseAddress()).isEqualTo("127.0.0.9");
        assertThat(config.bindAddress()).isEqualTo("0.0.0.0");
    }

    @Test
    void aFlag_beatsTheConfigFile() throws IOException {
        AgentConfig config = settings("{\"ports\":{\"http\":18500},\"node_name\":\"file\"}", "-data-dir",
                work.toString(), "-bind", "127.0.0.1", "-http-port", "18600", "-node", "flag",
                "-node-meta", "zone:a").agentConfig();
        assertThat(config.httpPort()).isEqualTo(18600);
        assertThat(config.nodeName()).isEqualTo("flag");
        assertThat(config.nodeMeta()).containsEntry("zone", "a");
    }

    @Test
    void unknownKeys_failWithConsulsWords_namingTheFile() {
        assertThatThrownBy(() -> config("{\"bogus\":1,\"ports\":{\"htp\":1}}"))
                .isInstanceOf(Main.UsageException.class)
                .hasMessage("failed to parse " + work.resolve("config.json") + ": 2 errors occurred:\n"
                        + "\t* invalid config key bogus\n\t* invalid config key ports.htp\n");
    }

    @Test
    void aMistypedValue_namesTheKey() {
        assertThatThrownBy(() -> config("{\"server\":\"yes\"}")).hasMessage("config key server must be true or false");
        assertThatThrownBy(() -> config("{\"ports\":{\"http\":\"80\"}}"))
                .hasMessage("config key ports.http must be a whole number");
    }

    @Test
    void outOfRangeValues_areRefusedAsConsulRefusesThem() {
        assertThatThrownBy(() -> config("{\"ports\":{\"http\":70000}}")).hasMessage("ports.http: invalid port: 70000");
        assertThatThrownBy(() -> config("{\"performance\":{\"raft_multiplier\":11}}"))
                .hasMessage("performance.raft_multiplier cannot be 11. Must be between 1 and 10");
        assertThatThrownBy(() -> config("{\"ports\":{\"server\":-1}}"))
                .hasMessageContaining("ports.server cannot be turned off");
    }

    @Test
    void consulKeysWithoutEffect_areAccepted_withOneWarningEach() throws IOException {
        AgentSettings s = settings("{\"telemetry\":{\"statsd_address\":\"127.0.0.1:8125\"},"
                + "\"disable_update_check\":true,\"ports\":{\"grpc\":8502}}", "-data-dir", work.toString(),
                "-bind", "127.0.0.1");
        s.agentConfig();
        assertThat(s.warnings()).hasSize(3).allMatch(w -> w.contains("has no effect in Signpost"));
        assertThat(String.join("\n", s.warnings())).contains("telemetry.statsd_address")
                .contains("disable_update_check").contains("ports.grpc");
    }

    @Test
    void telemetryKeys_thatSignpostHonours_areUsed() throws IOException {
        AgentSettings s = settings("{\"telemetry\":{\"disable_hostname\":true,\"metrics_prefix\":\"edge\","
                + "\"prometheus_retention_time\":\"2m\"}}", "-data-dir", work.toString(), "-bind", "127.0.0.1");

        assertThat(s.warnings()).isEmpty();
        assertThat(s.telemetry().prefix()).isEqualTo("edge");
        assertThat(s.telemetry().hostname()).isEmpty();
        assertThat(s.telemetry().prometheusRetention()).isEqualTo(java.time.Duration.ofMinutes(2));
        AgentSettings defaults = settings("{}", "-data-dir", work.toString(), "-bind", "127.0.0.1");
        assertThat(defaults.telemetry().prefix()).isEqualTo("consul");
        assertThat(defaults.telemetry().hostname()).isPresent();
        assertThat(defaults.telemetry().prometheusEnabled()).isFalse();
        assertThatThrownBy(() -> config("{\"telemetry\":{\"prometheus_retentoin_time\":\"1m\"}}"))
                .hasMessageContaining("invalid config key telemetry.prometheus_retentoin_time");
    }

    @Test
    void aclBlockKeysWithoutEffect_areAccepted_andUnknownOnesRefused() throws IOException {
        AgentSettings s = settings("{\"acl\":{\"enabled\":true,\"policy_ttl\":\"30s\",\"tokens\":"
                + "{\"replication\":\"x\"}}}", "-data-dir", work.toString(), "-bind", "127.0.0.1");
        s.agentConfig();
        assertThat(String.join("\n", s.warnings())).contains("acl.policy_ttl").contains("acl.tokens.replication");
        assertThatThrownBy(() -> config("{\"acl\":{\"enabeld\":true}}"))
                .hasMessageContaining("invalid config key acl.enabeld");
    }

    @Test
    void aclTimes_areRead_withConsulsDefaults() throws IOException {
        AgentConfig set = config("{\"acl\":{\"enabled\":true,\"token_ttl\":\"5s\",\"down_policy\":\"deny\","
                + "\"token_min_expiration_ttl\":\"1s\",\"token_max_expiration_ttl\":\"2h\"}}");
        assertThat(set.acl().tokenTtl()).isEqualTo(java.time.Duration.ofSeconds(5));
        assertThat(set.acl().minExpirationTtl()).isEqualTo(java.time.Duration.ofSeconds(1));
        assertThat(set.acl().maxExpirationTtl()).isEqualTo(java.time.Duration.ofHours(2));
        assertThat(set.acl().down()).isEqualTo(dev.signpost.core.acl.DownPolicy.DENY);
        AgentConfig defaults = config("{\"acl\":{\"enabled\":true}}");
        assertThat(defaults.acl().tokenTtl()).isEqualTo(java.time.Duration.ofSeconds(30));
        assertThat(defaults.acl().maxExpirationTtl()).isEqualTo(java.time.Duration.ofHours(24));
    }

    @Test
    void encrypt_isReadWithItsChecks_andABadKeyIsRefusedInConsulsWords() throws IOException {
        AgentConfig config = config("{\"encrypt\":\"pUqJrVyVRj5jsiYEkM/tFQYfWyJIv4s3XkvDwy7Cu5s=\","
                + "\"encrypt_verify_incoming\":false}");
        assertThat(config.gossip().encrypt()).contains("pUqJrVyVRj5jsiYEkM/tFQYfWyJIv4s3XkvDwy7Cu5s=");
        assertThat(config.gossip().verifyIncoming()).isFalse();
        assertThat(config.gossip().verifyOutgoing()).isTrue();
        assertThat(config("{}").gossip().encrypt()).isEmpty();
        assertThatThrownBy(() -> config("{\"encrypt\":\"this is not a valid key\"}"))
                .hasMessageContaining("encrypt has invalid key: illegal base64 data at input byte 4");
    }

    @Test
    void aBadDefaultPolicy_isRefused() {
        assertThatThrownBy(() -> config("{\"acl\":{\"default_policy\":\"maybe\"}}"))
                .hasMessageContaining("acl.default_policy must be \"allow\" or \"deny\", not \"maybe\"");
    }
}
