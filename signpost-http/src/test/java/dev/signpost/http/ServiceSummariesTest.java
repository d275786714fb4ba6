package dev.signpost.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.signpost.core.model.Check;
import dev.signpost.core.model.CheckDefinition;
import dev.signpost.core.model.HealthStatus;
import dev.signpost.core.model.Node;
import dev.signpost.core.model.Service;
import dev.signpost.core.model.ServiceProxy;
import dev.signpost.core.model.Weights;
import dev.signpost.core.state.ServiceInstance;

class ServiceSummariesTest {
    private static final Node A = new Node("", "a", "10.0.0.1", "dc1", Map.of(), Map.of(), 1, 1);

    private static ServiceInstance instance(String id, List<String> tags, Map<String, String> meta, Check... checks) {
        return new ServiceInstance(A, new Service(id, "web", tags, "", 80, meta, Weights.DEFAULT, false, 1, 1),
                List.of(checks));
    }

    private static Check check(String id, String serviceId, HealthStatus status) {
        return new Check("a", id, id, status, "", "", serviceId, serviceId.isEmpty() ? "" : "web", List.of(),
                CheckDefinition.NONE, 1, 1);
    }

    @Test
    void twoInstancesOnOneNode_listTheNodeTwice_andShareItsNodeCheckOnce() {
        Check serf = check("serfHealth", "", HealthStatus.PASSING);
        var summaries = ServiceSummaries.of(List.of(
                instance("web-2", List.of("v2", "blue"), Map.of("external-source", "nomad"), serf,
                        check("web-2-http", "web-2", HealthStatus.CRITICAL)),
                instance("web-1", List.of("blue"), Map.of("external-source", "nomad"), serf,
                        check("web-1-http", "web-1", HealthStatus.WARNING))));

        assertThat(summaries).hasSize(1);
        var web = summaries.get(0);
        assertThat(web.Nodes()).containsExactly("a", "a");
        assertThat(web.InstanceCount()).isEqualTo(2);
        assertThat(web.Tags()).containsExactly("blue", "v2");
        assertThat(web.ExternalSources()).containsExactly("nomad");
        assertThat(List.of(web.ChecksPassing(), web.ChecksWarning(), web.ChecksCritical())).containsExactly(1, 1, 1);
    }

    @Test
    void aMaintenanceCheck_isInNoCount_asInConsulsSwitch() {
        var web = ServiceSummaries.of(List.of(instance("web-1", List.of(), Map.of(),
                check("_service_maintenance:web-1", "web-1", HealthStatus.MAINTENANCE)))).get(0);

        assertThat(List.of(web.ChecksPassing(), web.ChecksWarning(), web.ChecksCritical())).containsExactly(0, 0, 0);
        assertThat(web.Tags()).isNull();
        assertThat(web.ExternalSources()).isNull();
    }

    @Test
    void aSidecar_isItsOwnLine_ofKindConnectProxy_andItsChecksCountForTheServiceItFronts() {
        Service sidecar = new Service("web-1-sidecar-proxy", "web-sidecar-proxy", List.of(), "", 21000, Map.of(),
                Weights.DEFAULT, false, 1, 1).withMesh("connect-proxy", Map.of(),
                ServiceProxy.NONE.withDestination("web", "web-1", "127.0.0.1", 80), false);
        Check listening = new Check("a", "listening", "listening", HealthStatus.CRITICAL, "", "", sidecar.id(),
                sidecar.name(), List.of(), CheckDefinition.NONE, 1, 1);
        var summaries = ServiceSummaries.of(List.of(
                instance("web-1", List.of(), Map.of(), check("web-1-http", "web-1", HealthStatus.PASSING)),
                new ServiceInstance(A, sidecar, List.of(listening))));

        assertThat(summaries).extracting(ServiceSummaries.ServiceSummaryJson::Name)
                .containsExactly("web", "web-sidecar-proxy");
        var web = summaries.get(0);
        assertThat(web.Kind()).isEmpty();
        assertThat(web.ConnectedWithProxy()).isTrue();
        assertThat(web.TransparentProxy()).isFalse();
        assertThat(List.of(web.ChecksPassing(), web.ChecksCritical())).containsExactly(1, 1);
        var proxy = summaries.get(1);
        assertThat(proxy.Kind()).isEqualTo("connect-proxy");
        assertThat(proxy.ConnectedWithProxy()).isFalse();
        assertThat(proxy.InstanceCount()).isEqualTo(1);
    }

    @Test
    void aProxyWhoseServiceHasNoInstance_makesALineForIt_withoutNodes_asConsulsNilSlice() {
        Service proxy = new Service("db-proxy", "db-proxy", List.of(), "", 21001, Map.of(), Weights.DEFAULT, false, 1,
                1).withMesh("connect-proxy", Map.of(), ServiceProxy.NONE.withDestination("db", "", "", 0), false);

        var db = ServiceSummaries.of(List.of(new ServiceInstance(A, proxy, List.of()))).get(0);

        assertThat(db.Name()).isEqualTo("db");
        assertThat(db.InstanceCount()).isZero();
        assertThat(db.Nodes()).isNull();
        assertThat(db.ConnectedWithProxy()).isTrue();
    }
}
