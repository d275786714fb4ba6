package dev.signpost.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.signpost.core.command.Register;
import dev.signpost.core.model.ExposePath;
import dev.signpost.core.model.Node;
import dev.signpost.core.model.Service;
import dev.signpost.core.model.ServiceAddress;
import dev.signpost.core.model.ServiceKinds;
import dev.signpost.core.model.ServiceProxy;
import dev.signpost.core.model.Upstream;
import dev.signpost.core.state.CatalogSnapshot;
import dev.signpost.core.state.CatalogState;

/** A service's kind, tagged addresses, proxy and Connect fields in the log and in snapshots, old ones included. */
class MeshCodecTest {
    private final CommandCodec codec = new CommandCodec();
    private final Node node = Node.of("0b1d0c5e-1111-2222-3333-444455556666", "n1", "10.0.0.1", "dc1");

    private static Service meshService() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("protocol", "http");
        config.put("nested", Map.of("list", List.of(1, "two", true)));
        config.put("nothing", null);
        ServiceProxy proxy = new ServiceProxy("web", "web-1", "127.0.0.1", 8080, "transparent", config,
                List.of(new Upstream("service", "ns", "db", "dc2", "127.0.0.2", 9191, Map.of("x", 1), "local")),
                "remote", true, List.of(new ExposePath(21500, "/health", 8080, "http", true)), 15001, true);
        return Service.of("web-1-sidecar-proxy", "web-sidecar-proxy", "10.0.0.2", 21000, List.of("v1"))
                .withMesh(ServiceKinds.CONNECT_PROXY, Map.of("lan", new ServiceAddress("10.0.0.2", 21000)), proxy,
                        false);
    }

    @Test
    void aRegisterWithEveryMeshFieldSet_roundTripsEqual() {
        Register register = Register.service(node, meshService(), List.of());

        assertThat(codec.decode(codec.encode(register), 1)).isEqualTo(register);
    }

    @Test
    void aSnapshotWrittenBeforeServicesHadMeshFields_stillLoads_withConsulsEmptyValues() throws Exception {
        CatalogState state = new CatalogState();
        state.apply(Register.service(node, meshService(), List.of()), 5);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        codec.writeSnapshot(state.snapshot(), out);
        ObjectMapper json = new ObjectMapper();
        JsonNode tree = json.readTree(out.toByteArray());
        int stripped = strip(tree);
        assertThat(stripped).isEqualTo(1);

        CatalogSnapshot old = codec.readSnapshot(new ByteArrayInputStream(json.writeValueAsBytes(tree)));
        CatalogState restored = new CatalogState();
        restored.restore(old);

        Service service = restored.instances("web-sidecar-proxy").value().getFirst().service();
        assertThat(service.kind()).isEmpty();
        assertThat(service.taggedAddresses()).isEmpty();
        assertThat(service.proxy()).isEqualTo(ServiceProxy.NONE);
        assertThat(service.connectNative()).isFalse();
    }

    /** Removes the mesh fields from every service object in the tree; returns how many services it saw. */
    private static int strip(JsonNode tree) {
        int count = 0;
        if (tree instanceof ObjectNode object) {
            if (object.has("proxy") && object.has("enableTagOverride")) {
                object.remove(List.of("kind", "taggedAddresses", "proxy", "connectNative"));
                count++;
            }
        }
        for (Iterator<JsonNode> it = tree.elements(); it.hasNext(); ) {
            count += strip(it.next());
        }
        return count;
    }
}
