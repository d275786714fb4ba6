package dev.signpost.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Which configuration keys Consul 1.x documents, and what Signpost does with each: <em>used</em> keys
 * change what the agent does; <em>accepted</em> keys are Consul's but have no counterpart here yet, so
 * the agent starts and warns once per key; any other key is an error, worded as Consul's config
 * builder words it ({@code invalid config key ports.htp}). Pure: no I/O.
 */
final class ConfigSchema {
    /** Keys whose whole value (an object of free-form names, or a list of such objects) Signpost reads. */
    private static final Set<String> USED_OPEN = Set.of("node_meta", "dns_config.service_ttl", "service", "services",
            "check", "checks");

    private static final Set<String> USED = Set.of(
            "advertise_addr", "bind_addr", "bootstrap", "bootstrap_expect", "client_addr", "data_dir", "datacenter",
            "disable_host_node_id", "domain", "enable_script_checks", "leave_on_terminate", "log_file", "log_json",
            "log_level", "log_rotate_bytes", "log_rotate_duration", "log_rotate_max_files", "node_fail_after",
            "node_id", "node_name", "pid_file", "raft_snapshot_interval", "raft_snapshot_threshold", "recursors",
            "rejoin_after_leave", "retry_interval", "retry_join", "retry_max", "server", "skip_leave_on_interrupt",
            "start_join", "ui",
            "dns_config.enable_truncate", "dns_config.node_ttl", "dns_config.only_passing",
            "dns_config.udp_answer_limit", "performance.raft_multiplier", "ui_config.enabled",
            "ports.dns", "ports.http", "ports.serf_lan", "ports.server",
            "ports.sidecar_min_port", "ports.sidecar_max_port",
            "acl.enabled", "acl.default_policy", "acl.down_policy", "acl.enable_token_persistence", "acl.token_ttl",
            "acl_ttl", "acl.token_min_expiration_ttl", "acl.token_max_expiration_ttl",
            "acl.tokens.initial_management", "acl.tokens.master", "acl.tokens.agent", "acl.tokens.default",
            "acl.tokens.agent_recovery", "acl.tokens.agent_master",
            "acl_datacenter", "acl_master_token", "acl_default_policy", "acl_down_policy", "acl_token",
            "acl_agent_token", "acl_agent_master_token",
            "ports.https", "ca_file", "ca_path", "cert_file", "key_file", "tls_cipher_suites", "tls_min_version",
            "verify_incoming", "verify_incoming_https", "verify_incoming_rpc", "verify_outgoing", "verify_server_hostname",
            "tls.defaults.ca_file", "tls.defaults.ca_path", "tls.defaults.cert_file", "tls.defaults.key_file",
            "tls.defaults.verify_incoming", "tls.defaults.verify_outgoing", "tls.defaults.tls_min_version",
            "tls.defaults.tls_cipher_suites",
            "tls.https.ca_file", "tls.https.ca_path", "tls.https.cert_file", "tls.https.key_file",
            "tls.https.verify_incoming", "tls.https.verify_outgoing", "tls.https.tls_min_version",
            "tls.https.tls_cipher_suites",
            "tls.internal_rpc.ca_file", "tls.internal_rpc.ca_path", "tls.internal_rpc.cert_file",
            "tls.internal_rpc.key_file", "tls.internal_rpc.verify_incoming", "tls.internal_rpc.verify_outgoing",
            "tls.internal_rpc.verify_server_hostname", "tls.internal_rpc.tls_min_version",
            "tls.internal_rpc.tls_cipher_suites",
            "encrypt", "encrypt_verify_incoming", "encrypt_verify_outgoing", "disable_keyring_file",
            "telemetry.disable_hostname", "telemetry.metrics_prefix", "telemetry.prometheus_retention_time");

    /** Consul's keys with no counterpart in Signpost yet: accepted with one warning each. */
    private static final Set<String> ACCEPTED = Set.of(
            // whole blocks
            "audit", "auto_config", "auto_encrypt", "autopilot", "cache", "cloud", "config_entries", "connect",
            "experiments", "gossip_lan", "gossip_wan", "http_config", "limits", "locality", "peering", "raft_logstore",
            "raft_boltdb", "raft_wal", "reporting", "rpc", "segments", "tagged_addresses", "tls.grpc",
            "unix_sockets", "watches", "xds", "addresses", "license_path",
            // single keys
            "acl_enable_key_list_policy", "acl_replication_token",
            "acl.enable_key_list_policy", "acl.enable_token_replication", "acl.msp_disable_bootstrap",
            "acl.policy_ttl", "acl.role_ttl", "acl.tokens.replication",
            "acl.tokens.config_file_service_registration", "acl.tokens.dns",
            "advertise_addr_ipv4", "advertise_addr_ipv6", "advertise_addr_wan", "advertise_addr_wan_ipv4",
            "advertise_addr_wan_ipv6", "advertise_reconnect_timeout", "alt_domain", "auto_reload_config",
            "check_output_max_size", "check_update_interval", "default_query_time",
            "disable_anonymous_signature", "disable_coordinates", "disable_http_unprintable_char_filter",
            "disable_remote_exec", "disable_update_check", "discard_check_output",
            "discovery_max_stale", "enable_acl_replication", "enable_agent_tls_for_checks",
            "enable_central_service_config", "enable_debug", "enable_local_script_checks", "enable_syslog",
            "max_query_time", "non_voting_server",
            "primary_datacenter", "primary_gateways", "primary_gateways_interval", "protocol", "raft_protocol",
            "raft_trailing_logs", "read_replica", "reconnect_timeout", "reconnect_timeout_wan",
            "retry_interval_wan", "retry_join_wan", "retry_max_wan", "segment", "serf_lan", "serf_lan_allowed_cidrs",
            "serf_wan", "serf_wan_allowed_cidrs", "server_name", "server_rejoin_age_max", "session_ttl_min",
            "start_join_wan", "syslog_facility",
            "tls_prefer_server_cipher_suites", "translate_wan_addrs", "ui_content_path", "ui_dir",
            "use_streaming_backend",
            "tls.defaults.tls_prefer_server_cipher_suites", "tls.https.tls_prefer_server_cipher_suites",
            "tls.internal_rpc.tls_prefer_server_cipher_suites",
            "dns_config.a_record_limit", "dns_config.allow_stale", "dns_config.cache_max_age",
            "dns_config.disable_compression", "dns_config.enable_additional_node_meta_txt", "dns_config.max_stale",
            "dns_config.prefer_namespace", "dns_config.recursor_strategy", "dns_config.recursor_timeout",
            "dns_config.soa", "dns_config.use_cache",
            "performance.leave_drain_time", "performance.rpc_hold_timeout", "performance.grpc_keepalive_interval",
            "performance.grpc_keepalive_timeout",
            "ports.expose_max_port", "ports.expose_min_port", "ports.grpc", "ports.grpc_tls",
            "ports.proxy_max_port", "ports.proxy_min_port", "ports.serf_wan",
            "ui_config.content_path", "ui_config.dashboard_url_templates", "ui_config.dir",
            "ui_config.metrics_provider", "ui_config.metrics_provider_files", "ui_config.metrics_provider_options_json",
            "ui_config.metrics_proxy",
            "telemetry.circonus_api_app", "telemetry.circonus_api_token", "telemetry.circonus_api_url",
            "telemetry.circonus_broker_id", "telemetry.circonus_broker_select_tag",
            "telemetry.circonus_check_display_name", "telemetry.circonus_check_force_metric_activation",
            "telemetry.circonus_check_id", "telemetry.circonus_check_instance_id", "telemetry.circonus_check_search_tag",
            "telemetry.circonus_check_tags", "telemetry.circonus_submission_interval",
            "telemetry.circonus_submission_url", "telemetry.disable_compat_1.9",
            "telemetry.disable_per_tenancy_usage_metrics", "telemetry.dogstatsd_addr", "telemetry.dogstatsd_tags",
            "telemetry.enable_host_metrics", "telemetry.filter_default", "telemetry.prefix_filter",
            "telemetry.retry_failed_connection", "telemetry.statsd_address", "telemetry.statsite_address");

    /** Blocks whose children are checked one by one against the sets above. */
    private static final Set<String> CHECKED_BLOCKS = Set.of("dns_config", "performance", "ports", "ui_config", "acl",
            "acl.tokens", "tls", "tls.defaults", "tls.https", "tls.internal_rpc", "telemetry");

    private ConfigSchema() {
    }

    /** What checking one source found: Consul's "invalid config key" errors, and keys accepted without effect. */
    record Findings(List<String> errors, List<String> accepted) {
        Findings {
            errors = List.copyOf(errors);
            accepted = List.copyOf(accepted);
        }
    }

    /** Checks one parsed source (a file or an {@code -hcl} snippet) before it is merged. */
    static Findings check(JsonNode root) {
        List<String> errors = new ArrayList<>();
        List<String> accepted = new ArrayList<>();
        walk("", root, errors, accepted);
        return new Findings(errors, accepted);
    }

    private static void walk(String prefix, JsonNode node, List<String> errors, List<String> accepted) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String key = prefix + field.getKey();
            JsonNode value = field.getValue();
            if (USED.contains(key) || USED_OPEN.contains(key)) {
                continue;
            } else if (ACCEPTED.contains(key)) {
                accepted.add(key);
            } else if (CHECKED_BLOCKS.contains(key) && value.isObject()) {
                walk(key + ".", value, errors, accepted);
            } else {
                errors.add("invalid config key " + key);
            }
        }
    }
}
