package dev.signpost.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** go-sockaddr templates in addresses: the common forms expand, the rest is refused in Consul's words. */
class AddressTemplatesTest {
    @Test
    void aPlainAddress_isLeftAsItIs() {
        assertThat(AddressTemplates.expand("bind_addr", "127.0.0.2")).isEqualTo("127.0.0.2");
    }

    @Test
    void theLoopbackInterface_canBeNamed() {
        assertThat(AddressTemplates.expand("bind_addr", "{{ GetInterfaceIP \"lo\" }}")).isEqualTo("127.0.0.1");
        assertThat(AddressTemplates.expand("client_addr", "127.0.0.2 {{GetInterfaceIP \"lo\"}}"))
                .isEqualTo("127.0.0.2 127.0.0.1");
    }

    @Test
    void anUnknownFunction_orInterface_isRefusedNamingTheKey() {
        assertThatThrownBy(() -> AddressTemplates.expand("bind_addr", "{{ GetEverything }}"))
                .hasMessage("Unable to parse bind_addr template \"{{ GetEverything }}\": function \"GetEverything\" "
                        + "not defined");
        assertThatThrownBy(() -> AddressTemplates.expand("advertise_addr", "{{ GetInterfaceIP \"nope0\" }}"))
                .hasMessageStartingWith("Unable to parse advertise_addr template").hasMessageContaining("nope0");
        assertThatThrownBy(() -> AddressTemplates.expand("bind_addr", "{{ GetAllInterfaces | attr \"address\" }}"))
                .hasMessageStartingWith("Unable to parse bind_addr template");
    }
}
