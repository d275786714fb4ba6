package dev.signpost.cli;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** Consul's pretty formatters for ACL tokens and policies ({@code command/acl/{token,policy}/formatter.go}). */
final class AclFormatter {
    private static final DateTimeFormatter GO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private AclFormatter() {
    }

    /** Consul's token formatter (pretty). */
    static String token(JsonNode t, boolean meta, boolean listEntry) {
        StringBuilder b = new StringBuilder();
        b.append("AccessorID:       ").append(t.path("AccessorID").asText()).append('\n');
        b.append("SecretID:         ").append(t.path("SecretID").asText()).append('\n');
        b.append("Description:      ").append(t.path("Description").asText()).append('\n');
        b.append("Local:            ").append(t.path("Local").asBoolean()).append('\n');
        b.append("Create Time:      ").append(goTime(t.path("CreateTime").asText())).append('\n');
        if (!t.path("ExpirationTime").asText("").isEmpty()) {
            b.append("Expiration Time:  ").append(goTime(t.path("ExpirationTime").asText())).append('\n');
        }
        if (listEntry) {
            b.append("Legacy:           ").append(t.path("Legacy").asBoolean()).append('\n');
        }
        if (meta) {
            b.append("Hash:             ").append(hex(t.path("Hash").asText(""))).append('\n');
            b.append("Create Index:     ").append(t.path("CreateIndex").asLong()).append('\n');
            b.append("Modify Index:     ").append(t.path("ModifyIndex").asLong()).append('\n');
        }
        links(b, "Policies:", t.path("Policies"));
        links(b, "Roles:", t.path("Roles"));
        if (!t.path("ServiceIdentities").isEmpty()) {
            b.append("Service Identities:\n");
            for (JsonNode s : t.path("ServiceIdentities")) {
                List<String> dcs = new ArrayList<>();
                s.path("Datacenters").forEach(dc -> dcs.add(dc.asText()));
                b.append("   ").append(s.path("ServiceName").asText()).append(" (Datacenters: ")
                        .append(dcs.isEmpty() ? "all" : String.join(", ", dcs)).append(")\n");
            }
        }
        if (!listEntry && !t.path("NodeIdentities").isEmpty()) {
            b.append("Node Identities:\n");
            for (JsonNode n : t.path("NodeIdentities")) {
                b.append("   ").append(n.path("NodeName").asText()).append(" (Datacenter: ")
                        .append(n.path("Datacenter").asText()).append(")\n");
            }
        }
        return b.toString();
    }

    /** Consul's policy formatter (pretty): the rules last, as written. */
    static String policy(JsonNode p, boolean meta) {
        StringBuilder b = new StringBuilder();
        b.append("ID:           ").append(p.path("ID").asText()).append('\n');
        b.append("Name:         ").append(p.path("Name").asText()).append('\n');
        policyFields(b, "", p, meta);
        return b.append("Rules:\n").append(p.path("Rules").asText()).toString();
    }

    /** Consul's policy list formatter (pretty): each policy's name, then its fields indented, without rules. */
    static String policies(JsonNode policies, boolean meta) {
        StringBuilder b = new StringBuilder();
        for (JsonNode p : policies) {
            b.append(p.path("Name").asText()).append(":\n");
            b.append("   ID:           ").append(p.path("ID").asText()).append('\n');
            policyFields(b, "   ", p, meta);
        }
        return b.toString();
    }

    /** The fields after the ID that a policy and a policy list entry share. */
    private static void policyFields(StringBuilder b, String indent, JsonNode p, boolean meta) {
        b.append(indent).append("Description:  ").append(p.path("Description").asText()).append('\n');
        b.append(indent).append("Datacenters:  ").append(datacenters(p)).append('\n');
        if (meta) {
            b.append(indent).append("Hash:         ").append(hex(p.path("Hash").asText(""))).append('\n');
            b.append(indent).append("Create Index: ").append(p.path("CreateIndex").asLong()).append('\n');
            b.append(indent).append("Modify Index: ").append(p.path("ModifyIndex").asLong()).append('\n');
        }
    }

    private static String datacenters(JsonNode p) {
        List<String> dcs = new ArrayList<>();
        p.path("Datacenters").forEach(dc -> dcs.add(dc.asText()));
        return String.join(", ", dcs);
    }

    private static void links(StringBuilder b, String title, JsonNode links) {
        if (!links.isEmpty()) {
            b.append(title).append('\n');
            links.forEach(l -> b.append("   ").append(l.path("ID").asText()).append(" - ")
                    .append(l.path("Name").asText()).append('\n'));
        }
    }

    /** A JSON time as Go's {@code %v} prints a time.Time: {@code 2026-12-07 04:55:51.12 +0000 UTC}. */
    static String goTime(String rfc3339) {
        if (rfc3339.isEmpty()) {
            return "0001-01-01 00:00:00 +0000 UTC";
        }
        OffsetDateTime t = OffsetDateTime.parse(rfc3339);
        String fraction = t.getNano() == 0 ? "" : ("." + String.format("%09d", t.getNano())).replaceAll("0+$", "");
        String offset = t.getOffset().equals(ZoneOffset.UTC) && rfc3339.endsWith("Z") ? "+0000 UTC"
                : t.getOffset().getId().replace(":", "").replace("Z", "+0000") + " "
                        + t.getOffset().getId().replace(":", "").replace("Z", "+0000");
        return GO_TIME.format(t) + fraction + " " + offset;
    }

    /** A base64 hash as Go's {@code %x} prints its bytes; text that is not base64 as it is. */
    static String hex(String base64) {
        try {
            return HexFormat.of().formatHex(Base64.getDecoder().decode(base64));
        } catch (IllegalArgumentException e) {
            return base64;
        }
    }
}
