package dev.signpost.registrator;

import java.io.InputStream;
import java.util.List;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.command.InspectContainerResponse;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link DockerEngine#convert} over a real {@code docker inspect} answer (Docker 20.10), no Docker needed. */
class DockerEngineTest {

    private static ContainerInfo inspected() throws Exception {
        ObjectMapper json = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        try (InputStream in = DockerEngineTest.class.getResourceAsStream("/inspect-webapp.json")) {
            return DockerEngine.convert(json.readValue(in, InspectContainerResponse.class));
        }
    }

    @Test
    void convert_keepsWhatTheMapperNeeds() throws Exception {
        ContainerInfo c = inspected();
        assertThat(c.name()).isEqualTo("sp-inspect");
        assertThat(c.image()).isEqualTo("training/webapp");
        assertThat(c.exposedPorts()).containsExactlyInAnyOrder("5000/tcp", "6000/tcp");
        assertThat(c.ports().get("5000/tcp")).singleElement()
                .isEqualTo(new ContainerInfo.Binding("127.0.0.1", "32792"));
        assertThat(c.ports().get("6000/tcp")).isEmpty();
        assertThat(c.env()).contains("SERVICE_NAME=web");
        assertThat(c.networkMode()).isEqualTo("default");
        assertThat(c.ipAddress()).startsWith("172.17.");
        assertThat(c.running()).isTrue();
        assertThat(c.health()).isEqualTo("starting");
    }

    @Test
    void convertedContainer_mapsLikeTheSeed() throws Exception {
        ServiceMapper mapper = new ServiceMapper(
                RegistratorConfig.parse(List.of("-hostname", "n35", "consul://127.0.0.1:8500")),
                name -> java.util.Optional.empty());
        ServiceMapper.Mapping m = mapper.map(inspected());
        assertThat(m.services()).extracting(Service::id, Service::name, Service::ip, Service::port)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "n35:sp-inspect:5000", "web", "127.0.0.1", 32792));
        assertThat(m.ignored()).singleElement().asString().endsWith(" port 6000 not published on host");
    }
}
