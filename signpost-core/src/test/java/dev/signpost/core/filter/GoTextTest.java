package dev.signpost.core.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Go's strconv as bexpr's coercion and messages use it: base prefixes, digit separators, ranges, quoting. */
class GoTextTest {

    @Test
    void parseInt_takesGoPrefixesAndSeparators() throws Exception {
        assertThat(GoText.parseInt("0b101", 64)).isEqualTo(5);
        assertThat(GoText.parseInt("0o17", 64)).isEqualTo(15);
        assertThat(GoText.parseInt("017", 64)).isEqualTo(15);
        assertThat(GoText.parseInt("0x_1f", 64)).isEqualTo(31);
        assertThat(GoText.parseInt("1_000", 64)).isEqualTo(1000);
        assertThat(GoText.parseInt("+7", 64)).isEqualTo(7);
        assertThat(GoText.parseInt("-9223372036854775808", 64)).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void parseInt_failsWithGosNumErrorText() {
        assertThatThrownBy(() -> GoText.parseInt("9223372036854775808", 64))
                .hasMessage("strconv.ParseInt: parsing \"9223372036854775808\": value out of range");
        assertThatThrownBy(() -> GoText.parseInt("_1", 64)).hasMessage("strconv.ParseInt: parsing \"_1\": invalid syntax");
        assertThatThrownBy(() -> GoText.parseInt("1_", 64)).hasMessage("strconv.ParseInt: parsing \"1_\": invalid syntax");
        assertThatThrownBy(() -> GoText.parseInt("0x", 64)).hasMessage("strconv.ParseInt: parsing \"0x\": invalid syntax");
        assertThatThrownBy(() -> GoText.parseInt("", 64)).hasMessage("strconv.ParseInt: parsing \"\": invalid syntax");
        assertThatThrownBy(() -> GoText.parseInt("08", 64)).hasMessage("strconv.ParseInt: parsing \"08\": invalid syntax");
    }

    @Test
    void parseUint_checksTheWidth() throws Exception {
        assertThat(GoText.parseUint("65535", 16)).isEqualTo(65535);
        assertThatThrownBy(() -> GoText.parseUint("65536", 16))
                .hasMessage("strconv.ParseUint: parsing \"65536\": value out of range");
        assertThatThrownBy(() -> GoText.parseUint("-1", 16)).hasMessage("strconv.ParseUint: parsing \"-1\": invalid syntax");
    }

    @Test
    void parseBool_acceptsGosSpellingsOnly() throws Exception {
        assertThat(GoText.parseBool("T")).isTrue();
        assertThat(GoText.parseBool("FALSE")).isFalse();
        assertThatThrownBy(() -> GoText.parseBool("yes")).hasMessage("strconv.ParseBool: parsing \"yes\": invalid syntax");
    }

    @Test
    void quote_escapesAsGoDoes() {
        assertThat(GoText.quote("a\"b\\c\n\t\u0001é")).isEqualTo("\"a\\\"b\\\\c\\n\\t\\x01é\"");
    }

    @Test
    void unquote_readsGoStringLiterals() {
        assertThat(GoText.unquote("\"\\u00e9\\x41\\101\\t\"")).isEqualTo("éAA\t");
        assertThat(GoText.unquote("`raw\\n\r`")).isEqualTo("raw\\n");
        assertThatThrownBy(() -> GoText.unquote("\"\\'\"")).hasMessage("invalid syntax");
        assertThatThrownBy(() -> GoText.unquote("\"\\400\"")).hasMessage("invalid syntax");
    }
}
