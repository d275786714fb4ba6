package dev.signpost.template.lang;

import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GoRecordTest {

    record Endpoint(String host, long port) implements GoRecord<Endpoint> {
        private static final Fields<Endpoint> GO = Fields.<Endpoint>struct("*test.Endpoint")
                .field("Host", Endpoint::host)
                .field("Port", Endpoint::port)
                .build();

        @Override
        public Fields<Endpoint> goFields() {
            return GO;
        }
    }

    private final Endpoint web = new Endpoint("10.0.0.1", 8080);

    @Test
    void fieldsAreReadThroughTheTable_inDeclarationOrder() {
        assertThat(web.goTypeName()).isEqualTo("*test.Endpoint");
        assertThat(web.fieldNames()).containsExactly("Host", "Port");
        assertThat(web.field("Host")).isEqualTo("10.0.0.1");
        assertThat(web.field("Port")).isEqualTo(8080L);
    }

    @Test
    void unknownField_isNoField() {
        assertThat(web.field("host")).isSameAs(GoStruct.NO_FIELD);
    }

    @Test
    void templatesSeeTheGoNames() {
        assertThat(Template.parse("t", "{{.Host}}:{{.Port}} {{printf \"%+v\" .}}", TemplateOptions.defaults())
                .execute(web)).isEqualTo("10.0.0.1:8080 &{Host:10.0.0.1 Port:8080}");
    }

    @Test
    void theTypesNilPointer_knowsItsFields() {
        GoNil nil = Endpoint.GO.nil();

        assertThat(nil).isEqualTo(new GoNil("*test.Endpoint", Set.of("Host", "Port")));
        assertThatThrownBy(() -> Template.parse("t", "{{.Port}}", TemplateOptions.defaults()).execute(nil))
                .hasMessageContaining("nil pointer evaluating *test.Endpoint.Port");
    }

    @Test
    void aFieldNamedTwice_isRejected() {
        assertThatThrownBy(() -> GoRecord.Fields.<Endpoint>struct("*test.Endpoint")
                .field("Host", Endpoint::host).field("Host", Endpoint::host))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("duplicate field \"Host\" in *test.Endpoint");
    }
}
