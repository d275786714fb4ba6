package dev.signpost.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceTest {
    private final Service web = Service.of("web-1", "web", "10.0.0.5", 8080, List.of("v1", "primary"));

    @Test
    void of_fillsConsulDefaults() {
        assertThat(web.meta()).isEmpty();
        assertThat(web.weights()).isEqualTo(new Weights(1, 1));
        assertThat(web.enableTagOverride()).isFalse();
        assertThat(web.createIndex()).isZero();
        assertThat(web.modifyIndex()).isZero();
    }

    @Test
    void rejectsMissingId() {
        assertThatIllegalArgumentException().isThrownBy(() -> Service.of("", "web", "", 80, List.of()))
                .withMessage("Missing service ID");
        assertThatIllegalArgumentException().isThrownBy(() -> Service.of(null, "web", "", 80, List.of()))
                .withMessage("Missing service ID");
    }

    @Test
    void rejectsMissingName() {
        assertThatIllegalArgumentException().isThrownBy(() -> Service.of("web-1", "", "", 80, List.of()))
                .withMessage("Missing service name");
    }

    @Test
    void rejectsPortOutsideZeroTo65535_quotingIt() {
        assertThatIllegalArgumentException().isThrownBy(() -> Service.of("a", "a", "", 65536, List.of()))
                .withMessage("Invalid port 65536: must be between 0 and 65535");
        assertThatIllegalArgumentException().isThrownBy(() -> Service.of("a", "a", "", -1, List.of()))
                .withMessage("Invalid port -1: must be between 0 and 65535");
    }

    @Test
    void acceptsPortsAtBothEnds() {
        assertThat(Service.of("a", "a", "", 0, List.of()).port()).isZero();
        assertThat(Service.of("a", "a", "", 65535, List.of()).port()).isEqualTo(65535);
    }

    @Test
    void rejectsNullParts_namingThem() {
        assertThatNullPointerException().isThrownBy(() -> Service.of("a", "a", "", 80, null)).withMessage("tags");
        assertThatNullPointerException().isThrownBy(() -> Service.of("a", "a", null, 80, List.of()))
                .withMessage("address");
    }

    @Test
    void keepsItsOwnCopyOfTags() {
        List<String> tags = new ArrayList<>(List.of("v1"));
        Service service = Service.of("a", "a", "", 80, tags);
        tags.add("v2");

        assertThat(service.tags()).containsExactly("v1");
        assertThatThrownBy(() -> service.tags().add("v3")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void withIndexes_changesOnlyIndexes() {
        Service indexed = web.withIndexes(3, 7);

        assertThat(indexed.createIndex()).isEqualTo(3);
        assertThat(indexed.modifyIndex()).isEqualTo(7);
        assertThat(indexed.withIndexes(0, 0)).isEqualTo(web);
    }

    @Test
    void sameAs_ignoresIndexes() {
        assertThat(web.withIndexes(3, 7).sameAs(web)).isTrue();
    }

    @Test
    void sameAs_seesEveryDescribingField() {
        assertThat(web.sameAs(Service.of("web-2", "web", "10.0.0.5", 8080, web.tags()))).isFalse();
        assertThat(web.sameAs(Service.of("web-1", "www", "10.0.0.5", 8080, web.tags()))).isFalse();
        assertThat(web.sameAs(Service.of("web-1", "web", "10.0.0.6", 8080, web.tags()))).isFalse();
        assertThat(web.sameAs(Service.of("web-1", "web", "10.0.0.5", 8081, web.tags()))).isFalse();
        assertThat(web.sameAs(Service.of("web-1", "web", "10.0.0.5", 8080, List.of("v1")))).isFalse();
        assertThat(web.sameAs(new Service("web-1", "web", web.tags(), "10.0.0.5", 8080, Map.of("k", "v"),
                Weights.DEFAULT, false, 0, 0))).isFalse();
        assertThat(web.sameAs(new Service("web-1", "web", web.tags(), "10.0.0.5", 8080, Map.of(),
                new Weights(10, 1), false, 0, 0))).isFalse();
        assertThat(web.sameAs(new Service("web-1", "web", web.tags(), "10.0.0.5", 8080, Map.of(),
                Weights.DEFAULT, true, 0, 0))).isFalse();
    }

    @Test
    void weights_rejectPassingBelowOne_asConsul() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Weights(0, 1))
                .withMessage("Passing must be greater than 0");
    }

    @Test
    void weights_rejectNegativeWarning_asConsul() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Weights(1, -1))
                .withMessage("Warning must be greater or equal than 0");
        assertThat(new Weights(1, 0).warning()).isZero();
    }
}
