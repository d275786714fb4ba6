package dev.signpost.registrator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.signpost.client.CheckDefinition;

/**
 * The Consul checks of a service, from its SERVICE_CHECK_* attrs as upstream's {@code consul.go buildCheck} (the
 * first of check_http, check_https, check_cmd, check_script, check_ttl, check_tcp, check_grpc wins; interval
 * {@code check_interval} or 10s for http/script/tcp/grpc; {@code check_timeout}, {@code check_http_method},
 * {@code check_initial_status}, {@code check_deregister_after}), plus a TTL check mirroring Docker's HEALTHCHECK
 * when the container has one. Pure and stateless.
 */
final class ConsulChecks {

    /** Check ID of the Docker-health check of a service. */
    static String dockerHealthId(Service s) {
        return "service:" + s.id() + ":docker-health";
    }

    /** Long enough never to expire between our updates; the status only changes when Docker says so. */
    static final String DOCKER_HEALTH_TTL = "87600h";

    private ConsulChecks() {
    }

    static List<CheckDefinition> build(Service s) {
        List<CheckDefinition> checks = new ArrayList<>();
        fromAttrs(s).ifPresent(checks::add);
        if (!s.health().isEmpty()) {
            checks.add(CheckDefinition.builder().checkId(dockerHealthId(s)).name("Docker health of " + s.name())
                    .ttl(DOCKER_HEALTH_TTL).status(status(s.health())).build());
        }
        return checks;
    }

    /** Docker health to Consul status: healthy is passing, starting and unhealthy are critical. */
    static String status(String dockerHealth) {
        return dockerHealth.equals("healthy") ? "passing" : "critical";
    }

    static Optional<CheckDefinition> fromAttrs(Service s) {
        Map<String, String> a = s.attrs();
        CheckDefinition.Builder b = CheckDefinition.builder().status(a.getOrDefault("check_initial_status", ""));
        String target = s.ip() + ":" + s.port();
        boolean interval = true;
        if (has(a, "check_http")) {
            b.http("http://" + target + a.get("check_http")).timeout(a.getOrDefault("check_timeout", ""))
                    .method(a.getOrDefault("check_http_method", ""));
        } else if (has(a, "check_https")) {
            b.http("https://" + target + a.get("check_https")).timeout(a.getOrDefault("check_timeout", ""))
                    .method(a.getOrDefault("check_https_method", ""));
        } else if (has(a, "check_cmd")) {
            b.scriptArgs(List.of("check-cmd", s.shortContainerId(), s.exposedPort(), a.get("check_cmd")));
        } else if (has(a, "check_script")) {
            b.scriptArgs(List.of(a.get("check_script").replace("$SERVICE_IP", s.ip())
                    .replace("$SERVICE_PORT", Integer.toString(s.port()))));
        } else if (has(a, "check_ttl")) {
            b.ttl(a.get("check_ttl"));
            interval = false;
        } else if (has(a, "check_tcp")) {
            b.tcp(target).timeout(a.getOrDefault("check_timeout", ""));
        } else if (has(a, "check_grpc")) {
            boolean tls = has(a, "check_grpc_use_tls");
            b.grpc(target).timeout(a.getOrDefault("check_timeout", "")).grpcUseTls(tls)
                    .tlsSkipVerify(tls && has(a, "check_tls_skip_verify"));
        } else {
            return Optional.empty();
        }
        if (interval) {
            b.interval(a.getOrDefault("check_interval", "").isEmpty() ? "10s" : a.get("check_interval"));
        }
        b.deregisterCriticalServiceAfter(a.getOrDefault("check_deregister_after", ""));
        return Optional.of(b.build());
    }

    private static boolean has(Map<String, String> attrs, String key) {
        return !attrs.getOrDefault(key, "").isEmpty();
    }
}
