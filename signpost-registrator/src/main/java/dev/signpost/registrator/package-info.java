/**
 * {@code signpost registrator}: Docker containers' published ports as services in a Consul-compatible registry.
 *
 * <p>Public API (for the CLI): {@link dev.signpost.registrator.RegistratorConfig#parse(java.util.List)},
 * {@link dev.signpost.registrator.RegistratorConfig#isVersionRequest(java.util.List)},
 * {@link dev.signpost.registrator.Registrator#run(RegistratorConfig)},
 * {@link dev.signpost.registrator.Registrator#create(RegistratorConfig)} and
 * {@link dev.signpost.registrator.Registrator#version()}; errors
 * {@link dev.signpost.registrator.RegistratorConfigException} (bad flags or URI: exit 2) and
 * {@link dev.signpost.registrator.RegistratorException} (cannot start: exit 1). Everything else is package-private:
 * {@code DockerEngine} (the only Docker I/O), {@code ServiceMapper} (pure), {@code Bridge} (decisions),
 * {@code ConsulBackend}/{@code ConsulKvBackend} (registry writes through signpost-client).
 */
package dev.signpost.registrator;
