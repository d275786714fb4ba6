package dev.signpost.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** The tables of consul's own formatter tests (command/operator/usage/instances, community edition). */
class UsageCommandTest {
    private static final String DC1 = "{\"Services\":10,\"ServiceInstances\":35,\"ConnectServiceInstances\":"
            + "{\"connect-native\":1,\"connect-proxy\":3,\"ingress-gateway\":4,\"mesh-gateway\":2,"
            + "\"terminating-gateway\":5},\"BillableServiceInstances\":20,\"Nodes\":10}";
    private static final String DC2 = "{\"Services\":23,\"ServiceInstances\":11,\"ConnectServiceInstances\":"
            + "{\"terminating-gateway\":0,\"mesh-gateway\":6,\"ingress-gateway\":7,\"connect-proxy\":8,"
            + "\"connect-native\":9},\"BillableServiceInstances\":33,\"Nodes\":11}";

    private static TreeMap<String, JsonNode> usage(String... datacenters) throws Exception {
        TreeMap<String, JsonNode> usage = new TreeMap<>();
        for (int i = 0; i < datacenters.length; i++) {
            usage.put("dc" + (i + 1), ApiCommand.JSON.readTree(datacenters[i]));
        }
        return usage;
    }

    @Test
    void oneDatacenter_tablesHaveNoDatacenterColumn() throws Exception {
        assertThat(UsageCommand.billableTable(usage(DC1), false)).isEqualTo("""
                Services      Service instances
                10            20""");
        assertThat(UsageCommand.connectTable(usage(DC1), false)).isEqualTo("""
                Type                     Service instances
                connect-native           1
                connect-proxy            3
                ingress-gateway          4
                mesh-gateway             2
                terminating-gateway      5""");
    }

    @Test
    void allDatacenters_tablesGainADatacenterColumnAndATotal() throws Exception {
        assertThat(UsageCommand.billableTable(usage(DC1, DC2), true)).isEqualTo(
                "Datacenter      Services      Service instances\n"
                + "dc1             10            20\n"
                + "dc2             23            33\n"
                + "                              \n"
                + "Total           33            53");
        assertThat(UsageCommand.connectTable(usage(DC1, DC2), true)).isEqualTo(
                "Datacenter      Type                     Service instances\n"
                + "dc1             connect-native           1\n"
                + "dc1             connect-proxy            3\n"
                + "dc1             ingress-gateway          4\n"
                + "dc1             mesh-gateway             2\n"
                + "dc1             terminating-gateway      5\n"
                + "dc2             connect-native           9\n"
                + "dc2             connect-proxy            8\n"
                + "dc2             ingress-gateway          7\n"
                + "dc2             mesh-gateway             6\n"
                + "dc2             terminating-gateway      0\n"
                + "                                         \n"
                + "Total                                    45");
    }

    @Test
    void nodes_areCountedPerDatacenter_withATotal_andTheHeadersTrailingPadding() throws Exception {
        assertThat(UsageCommand.nodesTable(usage(DC1, DC2))).isEqualTo(
                "Datacenter      Count            \n"
                + "dc1             10\n"
                + "dc2             11\n"
                + "                \n"
                + "Total           21");
    }

    @Test
    void format_putsConsulsBlankLinesBetweenTheTables() throws Exception {
        String billableOnly = UsageCommand.format(usage(DC1), true, false, false);
        assertThat(billableOnly).isEqualTo("Billable Service Instances Total: 20\n"
                + "dc1 Billable Service Instances: 20\n\nBillable Services\n"
                + "Services      Service instances\n10            20\n\n\nNodes\n"
                + "Datacenter      Count            \ndc1             10\n                \nTotal           10\n\n\n");
        assertThat(UsageCommand.format(usage(DC1), false, false, false)).isEqualTo(billableOnly
                + "Connect Services\n" + UsageCommand.connectTable(usage(DC1), false) + "\n");
        assertThat(UsageCommand.format(usage(DC1), false, true, false)).startsWith("Connect Services\nType ");
    }
}
