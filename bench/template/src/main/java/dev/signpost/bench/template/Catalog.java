package dev.signpost.bench.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.signpost.template.dependency.CatalogSnippet;
import dev.signpost.template.dependency.HealthCheck;
import dev.signpost.template.dependency.HealthService;
import dev.signpost.template.dependency.StaticTemplateData;

/**
 * The benchmark's registry contents, built once: {@code services} snippets and, per service, its instances as
 * {@code service NAME} answers them, in the order the template sees them (names sorted; instances sorted by node then
 * ID, one passing check each), so the StringBuilder baseline can write the same bytes by walking the lists.
 */
final class Catalog {

    final List<CatalogSnippet> services;
    final Map<String, List<HealthService>> instances;
    final StaticTemplateData data;

    private Catalog(List<CatalogSnippet> services, Map<String, List<HealthService>> instances) {
        this.services = List.copyOf(services);
        this.instances = instances;
        StaticTemplateData.Builder b = StaticTemplateData.builder().services("", this.services);
        instances.forEach(b::service);
        this.data = b.build();
    }

    /** SERVICES services named service-0000.., each with PER_SERVICE instances on node-00.. at 10.x.y.z. */
    static Catalog of(int services, int perService) {
        List<CatalogSnippet> snippets = new ArrayList<>(services);
        Map<String, List<HealthService>> instances = new LinkedHashMap<>();
        for (int s = 0; s < services; s++) {
            String name = String.format("service-%04d", s);
            snippets.add(new CatalogSnippet(name, List.of("http", "v1")));
            List<HealthService> list = new ArrayList<>(perService);
            for (int i = 0; i < perService; i++) {
                list.add(instance(name, i, 20000 + s * perService + i, "10." + (s / 250) + "." + (s % 250) + "." + (i + 1)));
            }
            instances.put(name, List.copyOf(list));
        }
        return new Catalog(snippets, instances);
    }

    /** The seed's three webapp containers, as registrator registers them on one host. */
    static Catalog seed() {
        List<HealthService> list = List.of(
                instance("webapp", 0, 32774, "10.111.222.36"),
                instance("webapp", 1, 32775, "10.111.222.36"),
                instance("webapp", 2, 32776, "10.111.222.36"));
        Map<String, List<HealthService>> instances = new LinkedHashMap<>();
        instances.put("webapp", list);
        return new Catalog(List.of(new CatalogSnippet("webapp", List.of())), instances);
    }

    private static HealthService instance(String service, int i, int port, String address) {
        String node = String.format("node-%02d", i);
        String id = node + ":" + service + ":" + port;
        HealthCheck check = new HealthCheck(node, "service:" + id, "Service '" + service + "' check", "passing", "",
                "HTTP GET http://" + address + ":" + port + "/health: 200 OK", id, service, List.of("http", "v1"));
        return HealthService.of(node, "", address, Map.of(), id, service, address, port, List.of("v1", "http"),
                Map.of(), List.of(check));
    }
}
