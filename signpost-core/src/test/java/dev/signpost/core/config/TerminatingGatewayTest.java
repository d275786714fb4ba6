package dev.signpost.core.config;

import static dev.signpost.core.config.IngressGatewayTest.decode;
import static dev.signpost.core.config.IngressGatewayTest.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class TerminatingGatewayTest {

    private static ConfigEntry terminating(Object... services) {
        return decode(map("Kind", "terminating-gateway", "Name", "tg", "Services", List.of(services)));
    }

    @Test
    void consulsDocumentedEntry_readsSnakeCase_andWritesBackConsulsJson() {
        ConfigEntry entry = ConfigEntries.normalized(decode(map("kind", "terminating-gateway",
                "name", "us-west-gateway", "services", List.of(
                        map("name", "billing", "ca_file", "/etc/certs/ca-chain.cert.pem",
                                "cert_file", "/etc/certs/gateway.cert.pem", "key_file", "/etc/certs/gateway.key.pem",
                                "sni", "billing.service.com"),
                        map("name", "web")),
                "meta", map("env", "prod"))));
        Map<String, Object> json = ConfigEntries.render(entry.writtenAt(1, 2));
        assertThat(json.keySet()).containsExactly("Kind", "Name", "Services", "Meta", "CreateIndex", "ModifyIndex");
        assertThat(json.get("Services")).isEqualTo(List.of(
                map("Name", "billing", "CAFile", "/etc/certs/ca-chain.cert.pem",
                        "CertFile", "/etc/certs/gateway.cert.pem", "KeyFile", "/etc/certs/gateway.key.pem",
                        "SNI", "billing.service.com"),
                map("Name", "web")));
    }

    @Test
    void noServices_writesServicesAsNull() {
        ConfigEntry entry = ConfigEntries.normalized(decode(map("Kind", "terminating-gateway", "Name", "tg")));
        assertThat(ConfigEntries.render(entry)).containsEntry("Services", null);
    }

    @Test
    void caFileAlone_isOneWayTls() {
        assertThat(ConfigEntries.normalized(terminating(map("Name", "db", "CAFile", "/ca.pem"))).name())
                .isEqualTo("tg");
    }

    @Test
    void invalidServices_areRefusedWithConsulsMessages() {
        assertThatThrownBy(() -> ConfigEntries.normalized(terminating(map("SNI", "x"))))
                .hasMessage("Service name cannot be blank.");
        assertThatThrownBy(() -> ConfigEntries.normalized(terminating(map("Name", "db"), map("Name", "db"))))
                .hasMessage("Service \"db\" was specified more than once within a namespace");
        assertThatThrownBy(() -> ConfigEntries.normalized(terminating(map("Name", "db", "CertFile", "/c.pem"))))
                .hasMessage("Service \"db\" must have a CertFile, CAFile, and KeyFile specified for TLS origination");
    }

    @Test
    void tooMuchMeta_isConsulsMultiError() {
        String key = "k".repeat(129);
        ConfigEntry entry = decode(map("Kind", "terminating-gateway", "Name", "tg", "Meta", map(key, "v")));
        assertThatThrownBy(() -> ConfigEntries.normalized(entry)).hasMessage("1 error occurred:\n\t* Meta key \""
                + key + "\" exceeds maximum length 128\n\n");
    }
}
