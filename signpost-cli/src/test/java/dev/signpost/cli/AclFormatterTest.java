package dev.signpost.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AclFormatterTest {
    @Test
    void goTime_printsAsGosPercentV_withTrailingZerosTrimmed() {
        assertThat(AclFormatter.goTime("2026-12-07T04:55:51.120000000Z")).isEqualTo("2026-12-07 04:55:51.12 +0000 UTC");
        assertThat(AclFormatter.goTime("2026-12-07T04:55:51Z")).isEqualTo("2026-12-07 04:55:51 +0000 UTC");
        assertThat(AclFormatter.goTime("2026-12-07T04:55:51.5+02:00")).isEqualTo("2026-12-07 04:55:51.5 +0200 +0200");
    }

    @Test
    void policy_isConsulsKeyValueBlock_rulesLast() throws Exception {
        var p = ApiCommand.JSON.readTree("{\"ID\":\"i\",\"Name\":\"n\",\"Description\":\"d\",\"Rules\":\"r\","
                + "\"Datacenters\":[\"a\",\"b\"],\"Hash\":\"AQI=\",\"CreateIndex\":3,\"ModifyIndex\":4}");
        assertThat(AclFormatter.policy(p, true)).isEqualTo("ID:           i\nName:         n\nDescription:  d\n"
                + "Datacenters:  a, b\nHash:         0102\nCreate Index: 3\nModify Index: 4\nRules:\nr");
    }

    @Test
    void policies_listEachNameThenItsFieldsIndented_withoutRules() throws Exception {
        var list = ApiCommand.JSON.readTree("[{\"ID\":\"i\",\"Name\":\"n\",\"Description\":\"d\",\"Rules\":\"r\","
                + "\"Hash\":\"AQI=\",\"CreateIndex\":3,\"ModifyIndex\":4}]");
        assertThat(AclFormatter.policies(list, false)).isEqualTo("n:\n   ID:           i\n   Description:  d\n"
                + "   Datacenters:  \n");
        assertThat(AclFormatter.policies(list, true)).endsWith("   Hash:         0102\n   Create Index: 3\n"
                + "   Modify Index: 4\n");
    }
}
