package dev.signpost.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.signpost.core.acl.AgentTokens;

class AgentTokenStoreTest {
    @TempDir
    Path dir;

    @Test
    void savedTokens_comeBackAtTheNextStart_andWinOverTheConfigFiles() throws Exception {
        AgentTokens set = new AgentTokens("", "", "");
        set.setDefaultToken("d-1");
        set.setAgentToken("a-1");
        new AgentTokenStore(dir).save(set);

        AgentTokens fromConfig = new AgentTokens("config-default", "config-agent", "config-recovery");
        assertThat(new AgentTokenStore(dir).load(fromConfig)).isTrue();

        assertThat(fromConfig.defaultToken()).isEqualTo("d-1");
        assertThat(fromConfig.agentTokenAsSet()).isEqualTo("a-1");
        assertThat(fromConfig.recoveryToken()).isEqualTo("config-recovery");
        Path file = dir.resolve("acl-tokens.json");
        assertThat(Files.readString(file)).isEqualTo("{\"agent\":\"a-1\",\"default\":\"d-1\"}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void withoutAFile_nothingChanges() throws Exception {
        AgentTokens tokens = new AgentTokens("d", "", "");
        assertThat(new AgentTokenStore(dir).load(tokens)).isFalse();
        assertThat(tokens.defaultToken()).isEqualTo("d");
    }

    @Test
    void consulsLegacyRecoveryName_isRead() throws Exception {
        Files.writeString(dir.resolve("acl-tokens.json"), "{\"agent_master\":\"r-1\"}");
        AgentTokens tokens = new AgentTokens("", "", "");
        new AgentTokenStore(dir).load(tokens);
        assertThat(tokens.recoveryToken()).isEqualTo("r-1");
    }
}
