package dev.signpost.agent;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.signpost.core.command.DeregisterCheck;
import dev.signpost.core.command.DeregisterService;
import dev.signpost.core.command.Register;
import dev.signpost.core.model.Check;
import dev.signpost.core.model.CheckDefinition;
import dev.signpost.core.model.HealthStatus;
import dev.signpost.core.model.Node;
import dev.signpost.core.model.Service;

import static org.assertj.core.api.Assertions.assertThat;

/** What anti-entropy writes to put this node's catalog entries back as the agent has them. */
class AntiEntropyTest {
    private static final Node NODE = Node.of("", "n1", "10.0.0.1", "dc1");
    private final Service web = Service.of("web-1", "web", "", 80, List.of("v1"));
    private final Check webCheck = new Check("n1", "service:web-1", "Service 'web' check", HealthStatus.PASSING, "", "ok",
            "web-1", "web", List.of("v1"), CheckDefinition.NONE, 0, 0);
    private final Service consul = Service.of("consul", "consul", "", 8300, List.of());
    private final Check serf = Check.serfHealth("n1", HealthStatus.PASSING);

    @Test
    void inSync_writesNothing() {
        assertThat(AntiEntropy.repairs(NODE, Map.of("web-1", web), Map.of(webCheck.checkId(), webCheck),
                List.of(web.withIndexes(5, 5), consul), List.of(serf, webCheck.withIndexes(5, 6)))).isEmpty();
    }

    @Test
    void tagsTheCatalogFilledIntoAServiceCheck_areNoDifference() {
        Check withNewTags = webCheck.withService(Service.of("web-1", "web", "", 80, List.of("v2")));
        assertThat(AntiEntropy.repairs(NODE, Map.of("web-1", web), Map.of(webCheck.checkId(), webCheck),
                List.of(web), List.of(serf, withNewTags))).isEmpty();
    }

    @Test
    void aServiceDeregisteredInTheCatalog_isRegisteredAgain_withItsChecks() {
        assertThat(AntiEntropy.repairs(NODE, Map.of("web-1", web), Map.of(webCheck.checkId(), webCheck),
                List.of(consul), List.of(serf)))
                .containsExactly(Register.service(NODE, web, List.of(webCheck)));
    }

    @Test
    void aCheckStatusOverwrittenInTheCatalog_isPutBack() {
        Check overwritten = webCheck.withStatus(HealthStatus.CRITICAL, "set by someone else");
        assertThat(AntiEntropy.repairs(NODE, Map.of("web-1", web), Map.of(webCheck.checkId(), webCheck),
                List.of(web), List.of(serf, overwritten)))
                .containsExactly(Register.service(NODE, web, List.of(webCheck)));
    }

    @Test
    void servicesAndChecksTheAgentDoesNotHave_areRemoved_butNotTheClustersOwn() {
        Service stray = Service.of("stray", "stray", "", 1, List.of());
        Check strayCheck = new Check("n1", "stray-check", "x", HealthStatus.PASSING, "", "", "", "", List.of(),
                CheckDefinition.NONE, 0, 0);
        assertThat(AntiEntropy.repairs(NODE, Map.of(), Map.of(), List.of(consul, stray), List.of(serf, strayCheck)))
                .containsExactly(new DeregisterService("n1", "stray"), new DeregisterCheck("n1", "stray-check"));
    }
}
