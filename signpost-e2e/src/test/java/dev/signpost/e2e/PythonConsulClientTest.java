package dev.signpost.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.signpost.testing.AgentProcess;

/**
 * Debian's {@code python3-consul} (python-consul 0.7) as a second real client: KV, sessions and locks
 * (with Behavior delete), and health through a TTL check it registers and passes.
 */
class PythonConsulClientTest {
    /** Debian's interpreter: the one the package installs its module for. */
    private static final String PYTHON = "/usr/bin/python3";

    private static final String SCRIPT = """
            import sys, consul
            node = sys.argv[3]
            c = consul.Consul(host=sys.argv[1], port=int(sys.argv[2]))

            assert c.kv.put('py/greeting', 'hello') is True
            index, data = c.kv.get('py/greeting')
            assert data['Value'] == b'hello', data

            a = c.session.create(name='a', lock_delay=0, ttl=10)
            b = c.session.create(name='b', lock_delay=0, behavior='delete')
            assert c.kv.put('py/lock', 'a', acquire=a) is True
            assert c.kv.put('py/lock', 'b', acquire=b) is False
            index, data = c.kv.get('py/lock')
            assert data['Session'] == a and data['LockIndex'] == 1, data
            assert c.kv.put('py/lock', 'a', release=a) is True
            assert c.kv.put('py/lock', 'b', acquire=b) is True
            index, info = c.session.info(b)
            assert info['Behavior'] == 'delete' and info['Node'] == node, info
            assert c.session.renew(a)['ID'] == a
            assert any(s['ID'] == a for s in c.session.list()[1])
            assert {s['ID'] for s in c.session.node(node)[1]} >= {a, b}
            c.session.destroy(b)
            index, data = c.kv.get('py/lock')
            assert data is None, data
            c.session.destroy(a)

            c.agent.service.register('pyweb', service_id='pyweb-1', port=8080, check=consul.Check.ttl('30s'))
            index, nodes = c.health.service('pyweb', passing=True)
            assert nodes == [], nodes
            c.agent.check.ttl_pass('service:pyweb-1')
            index, nodes = c.health.service('pyweb', passing=True)
            assert len(nodes) == 1 and nodes[0]['Service']['Port'] == 8080, nodes
            print('OK')
            """;

    private static void requirePythonConsul() {
        String found;
        try {
            found = Tools.run(PYTHON, "-c", "import consul; print('consul', consul.__version__)");
        } catch (UncheckedIOException e) {
            found = e.getMessage();
        }
        if (found.startsWith("consul ")) {
            return;
        }
        Tools.unavailable("python3-consul is not installed (apt-get install python3-consul): " + found.trim(),
                "under CI=true every tool is required");
    }

    @Test
    void pythonConsul_drivesKvSessionsLocksAndHealth(@TempDir Path work) throws IOException {
        requirePythonConsul();
        Path script = Files.writeString(work.resolve("client.py"), SCRIPT);
        try (AgentProcess agent = AgentProcess.dev(work, "pynode")) {
            String out = Tools.run(PYTHON, script.toString(), agent.address(), Integer.toString(agent.httpPort()),
                    "pynode");
            assertThat(out.trim()).as(out).isEqualTo("OK");
        }
    }
}
