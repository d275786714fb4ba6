package dev.signpost.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AclCommandTest {
    @Test
    void goTime_printsAsGosPercentV_withTrailingZerosTrimmed() {
        assertThat(AclCommand.goTime("2026-12-07T04:55:51.120000000Z")).isEqualTo("2026-12-07 04:55:51.12 +0000 UTC");
        assertThat(AclCommand.goTime("2026-12-07T04:55:51Z")).isEqualTo("2026-12-07 04:55:51 +0000 UTC");
        assertThat(AclCommand.goTime("2026-12-07T04:55:51.5+02:00")).isEqualTo("2026-12-07 04:55:51.5 +0200 +0200");
    }

    @Test
    void policy_isConsulsKeyValueBlock_rulesLast() throws Exception {
        var p = ApiCommand.JSON.readTree("{\"ID\":\"i\",\"Name\":\"n\",\"Description\":\"d\",\"Rules\":\"r\","
                + "\"Datacenters\":[\"a\",\"b\"],\"Hash\":\"AQI=\",\"CreateIndex\":3,\"ModifyIndex\":4}");
        assertThat(AclCommand.policy(p, true)).isEqualTo("ID:           i\nName:         n\nDescription:  d\n"
                + "Datacenters:  a, b\nHash:         0102\nCreate Index: 3\nModify Index: 4\nRules:\nr");
    }
}
