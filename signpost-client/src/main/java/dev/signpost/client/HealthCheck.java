package dev.signpost.client;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A health check as the health and agent endpoints return it; status is passing, warning or critical. */
public record HealthCheck(
        @JsonProperty("Node") String node,
        @JsonProperty("CheckID") String checkId,
        @JsonProperty("Name") String name,
        @JsonProperty("Status") String status,
        @JsonProperty("Notes") String notes,
        @JsonProperty("Output") String output,
        @JsonProperty("ServiceID") String serviceId,
        @JsonProperty("ServiceName") String serviceName,
        @JsonProperty("ServiceTags") List<String> serviceTags,
        @JsonProperty("Type") String type,
        @JsonProperty("CreateIndex") long createIndex,
        @JsonProperty("ModifyIndex") long modifyIndex) {

    public static final String PASSING = "passing";
    public static final String WARNING = "warning";
    public static final String CRITICAL = "critical";
    public static final String MAINTENANCE = "maintenance";

    public HealthCheck {
        node = Wire.str(node);
        checkId = Wire.str(checkId);
        name = Wire.str(name);
        status = Wire.str(status);
        notes = Wire.str(notes);
        output = Wire.str(output);
        serviceId = Wire.str(serviceId);
        serviceName = Wire.str(serviceName);
        serviceTags = Wire.list(serviceTags);
        type = Wire.str(type);
    }
}
