package dev.signpost.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

/** Consul's role formatter (its FormatRole golden files, without the enterprise namespace) and flag parsing. */
class AclRoleCommandTest {
    private static final String COMPLEX = "{\"ID\":\"c29c4ee4-bca6-474e-be37-7d9606f9582a\",\"Name\":\"complex\","
            + "\"Description\":\"test role complex\",\"Policies\":[{\"ID\":\"beb04680-815b-4d7c-9e33-3d707c24672c\","
            + "\"Name\":\"hobbiton\"},{\"ID\":\"18788457-584c-4812-80d3-23d403148a90\",\"Name\":\"bywater\"}],"
            + "\"ServiceIdentities\":[{\"ServiceName\":\"gardener\",\"Datacenters\":[\"middleearth-northwest\"]}],"
            + "\"NodeIdentities\":[{\"NodeName\":\"bagend\",\"Datacenter\":\"middleearth-northwest\"}],"
            + "\"Hash\":\"YWJjZGVmZ2g=\",\"CreateIndex\":5,\"ModifyIndex\":10}";

    private static JsonNode json(String text) throws Exception {
        return ApiCommand.JSON.readTree(text);
    }

    @Test
    void role_withMeta_isConsulsPrettyBlock() throws Exception {
        assertThat(AclRoleCommand.role(json(COMPLEX), true)).isEqualTo("""
                ID:           c29c4ee4-bca6-474e-be37-7d9606f9582a
                Name:         complex
                Description:  test role complex
                Hash:         6162636465666768
                Create Index: 5
                Modify Index: 10
                Policies:
                   beb04680-815b-4d7c-9e33-3d707c24672c - hobbiton
                   18788457-584c-4812-80d3-23d403148a90 - bywater
                Service Identities:
                   gardener (Datacenters: middleearth-northwest)
                Node Identities:
                   bagend (Datacenter: middleearth-northwest)
                """);
    }

    @Test
    void listEntry_isNamedThenIndented_andABareRoleShowsOnlyItsFields() throws Exception {
        assertThat(AclRoleCommand.listEntry(json(COMPLEX), false)).isEqualTo("""
                complex:
                   ID:           c29c4ee4-bca6-474e-be37-7d9606f9582a
                   Description:  test role complex
                   Policies:
                      beb04680-815b-4d7c-9e33-3d707c24672c - hobbiton
                      18788457-584c-4812-80d3-23d403148a90 - bywater
                   Service Identities:
                      gardener (Datacenters: middleearth-northwest)
                   Node Identities:
                      bagend (Datacenter: middleearth-northwest)
                """);
        assertThat(AclRoleCommand.role(json("{\"ID\":\"i\",\"Name\":\"basic\",\"Description\":\"test role\"}"), false))
                .isEqualTo("ID:           i\nName:         basic\nDescription:  test role\n");
    }

    @Test
    void identities_parseAsConsulsExtractHelpers() {
        assertThat(AclIdentityFlags.serviceIdentities(List.of("web", "db:east,west")).toString()).isEqualTo(
                "[{\"ServiceName\":\"web\"},{\"ServiceName\":\"db\",\"Datacenters\":[\"east\",\"west\"]}]");
        assertThat(AclIdentityFlags.nodeIdentities(List.of("n1:dc1")).toString())
                .isEqualTo("[{\"NodeName\":\"n1\",\"Datacenter\":\"dc1\"}]");
        assertThatThrownBy(() -> AclIdentityFlags.serviceIdentities(List.of("a:b:c")))
                .hasMessage("Malformed -service-identity argument: \"a:b:c\"");
        assertThatThrownBy(() -> AclIdentityFlags.nodeIdentities(List.of("n1")))
                .hasMessage("Malformed -node-identity argument: \"n1\"");
    }

    @Test
    void mergingServiceIdentities_replacesOneOfTheSameName_andAppendsTheRest() throws Exception {
        ArrayNode existing = (ArrayNode) json("[{\"ServiceName\":\"web\"},{\"ServiceName\":\"db\"}]");

        AclTokenEditCommands.mergeServiceIdentities(existing, AclIdentityFlags.serviceIdentities(List.of("db:dc2", "api")));

        assertThat(existing.toString()).isEqualTo("[{\"ServiceName\":\"web\"},{\"ServiceName\":\"db\","
                + "\"Datacenters\":[\"dc2\"]},{\"ServiceName\":\"api\"}]");
    }
}
