package dev.signpost.client;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A check in a service registration (Go's {@code AgentServiceCheck}); durations are Go duration strings
 * ("10s"). Script arguments travel as {@code "ScriptArgs"} as the Go client sends them. Empty fields are left out.
 * Build with {@link #builder()}.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record CheckDefinition(
        @JsonProperty("CheckID") String checkId,
        @JsonProperty("Name") String name,
        @JsonProperty("Notes") String notes,
        @JsonProperty("Status") String status,
        @JsonProperty("HTTP") String http,
        @JsonProperty("Method") String method,
        @JsonProperty("Header") Map<String, List<String>> header,
        @JsonProperty("TCP") String tcp,
        @JsonProperty("GRPC") String grpc,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) @JsonProperty("GRPCUseTLS") boolean grpcUseTls,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) @JsonProperty("TLSSkipVerify") boolean tlsSkipVerify,
        @JsonProperty("ScriptArgs") List<String> scriptArgs,
        @JsonProperty("TTL") String ttl,
        @JsonProperty("Interval") String interval,
        @JsonProperty("Timeout") String timeout,
        @JsonProperty("DeregisterCriticalServiceAfter") String deregisterCriticalServiceAfter) {

    public CheckDefinition {
        checkId = Wire.str(checkId);
        name = Wire.str(name);
        notes = Wire.str(notes);
        status = Wire.str(status);
        http = Wire.str(http);
        method = Wire.str(method);
        header = Wire.map(header);
        tcp = Wire.str(tcp);
        grpc = Wire.str(grpc);
        scriptArgs = Wire.list(scriptArgs);
        ttl = Wire.str(ttl);
        interval = Wire.str(interval);
        timeout = Wire.str(timeout);
        deregisterCriticalServiceAfter = Wire.str(deregisterCriticalServiceAfter);
        if (!status.isEmpty() && !List.of("passing", "warning", "critical").contains(status)) {
            throw new IllegalArgumentException("check status must be passing, warning or critical, not \""
                    + status + "\"");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Mutable builder; not thread-safe. */
    public static final class Builder {
        private String checkId = "";
        private String name = "";
        private String notes = "";
        private String status = "";
        private String http = "";
        private String method = "";
        private Map<String, List<String>> header = Map.of();
        private String tcp = "";
        private String grpc = "";
        private boolean grpcUseTls;
        private boolean tlsSkipVerify;
        private List<String> scriptArgs = List.of();
        private String ttl = "";
        private String interval = "";
        private String timeout = "";
        private String deregisterAfter = "";

        private Builder() {
        }

        public Builder checkId(String v) { checkId = v; return this; }
        public Builder name(String v) { name = v; return this; }
        public Builder notes(String v) { notes = v; return this; }
        public Builder status(String v) { status = v; return this; }
        public Builder http(String v) { http = v; return this; }
        public Builder method(String v) { method = v; return this; }
        public Builder header(Map<String, List<String>> v) { header = v; return this; }
        public Builder tcp(String v) { tcp = v; return this; }
        public Builder grpc(String v) { grpc = v; return this; }
        public Builder grpcUseTls(boolean v) { grpcUseTls = v; return this; }
        public Builder tlsSkipVerify(boolean v) { tlsSkipVerify = v; return this; }
        public Builder scriptArgs(List<String> v) { scriptArgs = v; return this; }
        public Builder ttl(String v) { ttl = v; return this; }
        public Builder interval(String v) { interval = v; return this; }
        public Builder timeout(String v) { timeout = v; return this; }
        public Builder deregisterCriticalServiceAfter(String v) { deregisterAfter = v; return this; }

        public CheckDefinition build() {
            return new CheckDefinition(checkId, name, notes, status, http, method, header, tcp, grpc, grpcUseTls,
                    tlsSkipVerify, scriptArgs, ttl, interval, timeout, deregisterAfter);
        }
    }
}
