package dev.signpost.client;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WireTest {

    private static <T> T read(String json, TypeReference<T> type) throws Exception {
        return Wire.JSON.readValue(json, type);
    }

    @Test
    void catalogService_readsTheSeedsFields() throws Exception {
        String json = """
                [{"ID":"a1","Node":"n35","Address":"10.111.222.35","Datacenter":"dc1",
                  "TaggedAddresses":{"lan":"10.111.222.35","wan":"10.111.222.35"},"NodeMeta":null,
                  "ServiceID":"205155915c61:z002:5000","ServiceName":"webapp","ServiceTags":null,
                  "ServiceAddress":"","ServicePort":32772,"ServiceEnableTagOverride":false,
                  "ServiceWeights":{"Passing":1,"Warning":1},"Unknown":{"x":1},
                  "CreateIndex":10,"ModifyIndex":11}]""";
        CatalogService s = read(json, new TypeReference<List<CatalogService>>() { }).get(0);
        assertThat(s.serviceName()).isEqualTo("webapp");
        assertThat(s.servicePort()).isEqualTo(32772);
        assertThat(s.serviceTags()).isEmpty();
        assertThat(s.nodeMeta()).isEmpty();
        assertThat(s.effectiveAddress()).isEqualTo("10.111.222.35");
        assertThat(s.modifyIndex()).isEqualTo(11);
    }

    @Test
    void serviceEntry_aggregatesChecks() throws Exception {
        String json = """
                [{"Node":{"Node":"n35","Address":"10.0.0.1"},
                  "Service":{"ID":"web1","Service":"web","Tags":["v1"],"Port":80},
                  "Checks":[{"CheckID":"serfHealth","Status":"passing"},
                            {"CheckID":"service:web1","Status":"warning","ServiceID":"web1"}]}]""";
        ServiceEntry e = read(json, new TypeReference<List<ServiceEntry>>() { }).get(0);
        assertThat(e.service().tags()).containsExactly("v1");
        assertThat(e.node().taggedAddresses()).isEmpty();
        assertThat(e.aggregatedStatus()).isEqualTo("warning");
    }

    @Test
    void kvValue_isBase64AndNullIsEmpty() throws Exception {
        List<KvPair> pairs = read("""
                [{"Key":"a","Value":"aGVsbG8=","Flags":7,"ModifyIndex":3},{"Key":"b","Value":null}]""",
                new TypeReference<List<KvPair>>() { });
        assertThat(pairs.get(0).valueAsString()).isEqualTo("hello");
        assertThat(pairs.get(0).flags()).isEqualTo(7);
        assertThat(pairs.get(1).value()).isEmpty();
        assertThat(pairs.get(1).session()).isEmpty();
    }

    @Test
    void registration_withOneCheck_sendsCheck() throws Exception {
        ServiceRegistration r = ServiceRegistration.of("h:web:5000", "web", "10.0.0.1", 32772)
                .withTags(List.of("a")).withMeta(Map.of("region", "eu"))
                .withChecks(List.of(CheckDefinition.builder().http("http://10.0.0.1:32772/").interval("10s").build()));
        String json = Wire.JSON.writeValueAsString(r);
        assertThat(json).isEqualTo("{\"ID\":\"h:web:5000\",\"Name\":\"web\",\"Tags\":[\"a\"],"
                + "\"Address\":\"10.0.0.1\",\"Port\":32772,\"Meta\":{\"region\":\"eu\"},"
                + "\"Check\":{\"HTTP\":\"http://10.0.0.1:32772/\",\"Interval\":\"10s\"}}");
    }

    @Test
    void registration_withSeveralChecks_sendsChecksAndScriptArgs() throws Exception {
        ServiceRegistration r = ServiceRegistration.of("x", "web", "", 0).withChecks(List.of(
                CheckDefinition.builder().ttl("30s").status("passing").build(),
                CheckDefinition.builder().scriptArgs(List.of("/check", "1")).interval("5s").build()));
        String json = Wire.JSON.writeValueAsString(r);
        assertThat(json).isEqualTo("{\"ID\":\"x\",\"Name\":\"web\",\"Checks\":[{\"Status\":\"passing\","
                + "\"TTL\":\"30s\"},{\"ScriptArgs\":[\"/check\",\"1\"],\"Interval\":\"5s\"}]}");
    }

    @Test
    void agentSelf_exposesNodeName() throws Exception {
        AgentSelf self = read("""
                {"Config":{"NodeName":"n35","Datacenter":"dc1","Server":true},
                 "Member":{"Name":"n35","Addr":"10.0.0.1","Port":8301,"Tags":{"role":"consul"},"Status":1}}""",
                new TypeReference<AgentSelf>() { });
        assertThat(self.nodeName()).isEqualTo("n35");
        assertThat(self.datacenter()).isEqualTo("dc1");
        assertThat(self.member().tags()).containsEntry("role", "consul");
    }
}
