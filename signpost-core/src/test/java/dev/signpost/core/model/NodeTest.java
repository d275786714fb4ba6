package dev.signpost.core.model;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class NodeTest {
    private final Node node = Node.of("0b3c5f4e-0000-4000-8000-000000000001", "n1", "10.0.0.1", "dc1");

    @Test
    void of_hasNoTaggedAddressesNoMetaAndZeroIndexes() {
        assertThat(node.taggedAddresses()).isEmpty();
        assertThat(node.meta()).isEmpty();
        assertThat(node.createIndex()).isZero();
        assertThat(node.modifyIndex()).isZero();
    }

    @Test
    void rejectsMissingName() {
        assertThatIllegalArgumentException().isThrownBy(() -> Node.of("", "", "10.0.0.1", "dc1"))
                .withMessage("Missing node name");
        assertThatIllegalArgumentException().isThrownBy(() -> Node.of("", null, "10.0.0.1", "dc1"))
                .withMessage("Missing node name");
    }

    @Test
    void acceptsEmptyId_asCatalogRegistrationsWithoutOne() {
        assertThat(Node.of("", "n1", "10.0.0.1", "dc1").id()).isEmpty();
    }

    @Test
    void rejectsNullParts_namingThem() {
        assertThatNullPointerException().isThrownBy(() -> Node.of(null, "n1", "10.0.0.1", "dc1")).withMessage("id");
        assertThatNullPointerException().isThrownBy(() -> Node.of("", "n1", null, "dc1")).withMessage("address");
        assertThatNullPointerException().isThrownBy(() -> new Node("", "n1", "a", "dc1", Map.of(), null, 0, 0))
                .withMessage("meta");
    }

    @Test
    void keepsItsOwnCopyOfMaps() {
        Map<String, String> meta = new HashMap<>(Map.of("rack", "r1"));
        Node withMeta = new Node("", "n1", "10.0.0.1", "dc1", Map.of("wan", "1.2.3.4"), meta, 0, 0);
        meta.put("rack", "r2");

        assertThat(withMeta.meta()).containsExactly(Map.entry("rack", "r1"));
    }

    @Test
    void withIndexes_changesOnlyIndexes() {
        Node indexed = node.withIndexes(2, 9);

        assertThat(indexed.createIndex()).isEqualTo(2);
        assertThat(indexed.modifyIndex()).isEqualTo(9);
        assertThat(indexed.withIndexes(0, 0)).isEqualTo(node);
    }

    @Test
    void sameAs_ignoresIndexes() {
        assertThat(node.withIndexes(2, 9).sameAs(node)).isTrue();
    }

    @Test
    void sameAs_seesEveryDescribingField() {
        assertThat(node.sameAs(Node.of("other-id", "n1", "10.0.0.1", "dc1"))).isFalse();
        assertThat(node.sameAs(Node.of(node.id(), "n2", "10.0.0.1", "dc1"))).isFalse();
        assertThat(node.sameAs(Node.of(node.id(), "n1", "10.0.0.2", "dc1"))).isFalse();
        assertThat(node.sameAs(Node.of(node.id(), "n1", "10.0.0.1", "dc2"))).isFalse();
        assertThat(node.sameAs(new Node(node.id(), "n1", "10.0.0.1", "dc1", Map.of("wan", "1.2.3.4"), Map.of(), 0, 0)))
                .isFalse();
        assertThat(node.sameAs(new Node(node.id(), "n1", "10.0.0.1", "dc1", Map.of(), Map.of("rack", "r1"), 0, 0)))
                .isFalse();
    }
}
