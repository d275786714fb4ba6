package dev.signpost.core.config;

import static dev.signpost.core.config.IngressGatewayTest.decode;
import static dev.signpost.core.config.IngressGatewayTest.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ExportedServicesTest {

    private static ConfigEntry exported(Object... services) {
        return ConfigEntries.normalized(decode(map("Kind", "exported-services", "Name", "default",
                "Services", List.of(services))));
    }

    @Test
    void consulsDocumentedEntry_readsSnakeCase_andWritesBackConsulsJson() {
        ConfigEntry entry = ConfigEntries.normalized(decode(map("kind", "exported-services", "name", "default",
                "services", List.of(
                        map("name", "web", "namespace", "default", "consumers", List.of(map("peer_name", "east"))),
                        map("name", "db", "consumers", List.of(map("peer", "west"), map("partition", "default")))),
                "meta", map("env", "prod"))));
        Map<String, Object> json = ConfigEntries.render(entry.writtenAt(5, 6));
        assertThat(json.keySet()).containsExactly("Kind", "Name", "Services", "Meta", "CreateIndex", "ModifyIndex");
        // OSS normalises a service's namespace to "" (omitted).
        assertThat(json.get("Services")).isEqualTo(List.of(
                map("Name", "web", "Consumers", List.of(map("Peer", "east"))),
                map("Name", "db", "Consumers", List.of(map("Peer", "west"), map("Partition", "default")))));
    }

    @Test
    void noServices_omitsServices() {
        ConfigEntry entry = ConfigEntries.normalized(decode(map("Kind", "exported-services", "Name", "default")));
        assertThat(ConfigEntries.render(entry)).isEqualTo(map("Kind", "exported-services", "Name", "default",
                "CreateIndex", 0L, "ModifyIndex", 0L));
    }

    @Test
    void jsonRoundTrip_givesTheSameEntry() {
        ConfigEntry entry = exported(map("Name", "web", "Consumers", List.of(map("Peer", "east"))));
        Map<String, Object> again = new LinkedHashMap<>(ConfigEntries.render(entry));
        assertThat(ConfigEntries.normalized(decode(again)).body()).isEqualTo(entry.body());
    }

    @Test
    void onlyTheDefaultName_isAccepted() {
        assertThatThrownBy(() -> ConfigEntries.normalized(decode(map("Kind", "exported-services", "Name", "web"))))
                .hasMessage("exported-services Name must be \"default\"");
        assertThatThrownBy(() -> ConfigEntries.normalized(decode(map("Kind", "exported-services"))))
                .hasMessage("exported-services Name must be \"default\"");
    }

    @Test
    void invalidServices_areRefusedWithConsulsMessages() {
        assertThatThrownBy(() -> exported(map("Consumers", List.of(map("Peer", "east")))))
                .hasMessage("Services[0]: service name cannot be empty");
        assertThatThrownBy(() -> exported(map("Name", "web", "Consumers", List.of(map("Peer", "e"))),
                map("Name", "db")))
                .hasMessage("Services[1]: must have at least one consumer");
        assertThatThrownBy(() -> exported(map("Name", "web", "Consumers", List.of(map("Peer", "e"),
                map("Peer", "e", "Partition", "default")))))
                .hasMessage("Services[0].Consumers[1]: must define at most one of Peer, Partition, or SamenessGroup");
        assertThatThrownBy(() -> exported(map("Name", "web", "Consumers", List.of(map("Partition", "*")))))
                .hasMessage("Services[0].Consumers[0]: exporting to all partitions (wildcard) is not supported");
        assertThatThrownBy(() -> exported(map("Name", "web", "Consumers", List.of(map("Peer", "*")))))
                .hasMessage("Services[0].Consumers[0]: exporting to all peers (wildcard) is not supported");
    }

    @Test
    void samenessGroups_areRefusedAsEnterprise_beforeAnyOtherServiceProblem() {
        assertThatThrownBy(() -> exported(map("Consumers", List.of()),
                map("Name", "db", "Consumers", List.of(map("sameness_group", "g")))))
                .hasMessage("Services[1].Consumers[0]: sameness-groups are an enterprise-only feature");
    }

    @Test
    void tooLongMeta_isConsulsMultiError() {
        String key = "k".repeat(129);
        assertThatThrownBy(() -> ConfigEntries.normalized(decode(map("Kind", "exported-services", "Name", "default",
                "Meta", map(key, "v")))))
                .hasMessage("1 error occurred:\n\t* Meta key \"" + key + "\" exceeds maximum length 128\n\n");
    }
}
