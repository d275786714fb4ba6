package dev.signpost.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.signpost.testing.AgentProcess;

/** The agent's DNS interface queried with the real dig, as the seed does. */
class AgentDnsTest {
    @TempDir
    static Path work;
    static AgentProcess agent;

    @BeforeAll
    static void startAgent() {
        agent = AgentProcess.dev(work, "8b716e39cc09");
        for (int i = 0; i < 3; i++) {
            Http.put(agent.uri("/v1/agent/service/register"), "{\"ID\":\"6402f685c105:z00" + (i + 1)
                    + ":5000\",\"Name\":\"webapp\",\"Port\":" + (32770 + i) + "}");
        }
    }

    @AfterAll
    static void stopAgent() {
        if (agent != null) {
            agent.close();
        }
    }

    @BeforeEach
    void needsDig() {
        Tools.require("dig", "dnsutils");
    }

    @Test
    void srvQuery_answersOneRecordPerInstance_withTheNodesARecordInAdditional_likeTheSeed() {
        String out = Tools.dig(agent.dnsPort(), "+noedns", "webapp.service.consul", "SRV");

        assertThat(out).contains("status: NOERROR").contains("flags: qr aa rd").contains("ANSWER: 3")
                .contains("ADDITIONAL: 3");
        for (int port = 32770; port <= 32772; port++) {
            assertThat(out).containsPattern("webapp\\.service\\.consul\\.\\s+0\\s+IN\\s+SRV\\s+1 1 " + port
                    + " 8b716e39cc09\\.node\\.dc1\\.consul\\.");
        }
        assertThat(out).containsPattern("8b716e39cc09\\.node\\.dc1\\.consul\\.\\s+0\\s+IN\\s+A\\s+127\\.0\\.0\\.1");
    }

    @Test
    void unknownService_isNxdomain_withTheSoa() {
        String out = Tools.dig(agent.dnsPort(), "nothing.service.consul", "A");
        assertThat(out).contains("status: NXDOMAIN").contains("AUTHORITY: 1").contains("SOA");
    }

    @Test
    void deregisteredInstance_leavesTheAnswer() {
        Http.put(agent.uri("/v1/agent/service/register"), "{\"ID\":\"short-lived\",\"Name\":\"brief\",\"Port\":7000}");
        assertThat(Tools.dig(agent.dnsPort(), "brief.service.consul", "SRV")).contains("ANSWER: 1");

        Http.put(agent.uri("/v1/agent/service/deregister/short-lived"), "");
        assertThat(Tools.dig(agent.dnsPort(), "brief.service.consul", "SRV")).contains("status: NXDOMAIN");
    }

    @Test
    void nodeName_resolvesToItsAddress_overTcpToo() {
        assertThat(Tools.dig(agent.dnsPort(), "+tcp", "8b716e39cc09.node.consul", "A"))
                .containsPattern("8b716e39cc09\\.node\\.consul\\.\\s+0\\s+IN\\s+A\\s+127\\.0\\.0\\.1");
    }
}
