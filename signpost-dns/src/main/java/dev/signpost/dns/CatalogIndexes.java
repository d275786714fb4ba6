package dev.signpost.dns;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import org.xbill.DNS.Name;

import dev.signpost.core.acl.Authorizer;
import dev.signpost.core.acl.Resource;
import dev.signpost.core.model.Node;
import dev.signpost.core.state.CatalogState;
import dev.signpost.core.state.ServiceInstance;
import dev.signpost.core.watch.Topic;

/**
 * What DNS looks up that the catalog does not index: names regardless of case, and addresses back to names. Each
 * index is rebuilt from the state only when the catalog index of what it covers has moved, so a flood of queries
 * for unknown names or addresses costs a map lookup each, not a scan of the catalog.
 *
 * <p>Methods run under the store's read lock (inside {@code CatalogReader.read}); thread-safe: a stale index is
 * replaced whole, and two threads rebuilding at once build the same thing.
 */
final class CatalogIndexes {
    private final Records records;
    private final Memo<Map<String, List<String>>> serviceNames = new Memo<>();
    private final Memo<Map<String, List<String>>> nodeNames = new Memo<>();
    private final Memo<Reverse> addresses = new Memo<>();

    CatalogIndexes(Records records) {
        this.records = records;
    }

    /** Every spelling of a service name in the catalog that equals {@code lowerCaseName} ignoring case. */
    List<String> serviceSpellings(CatalogState state, String lowerCaseName) {
        return serviceNames.get(state.index(Topic.SERVICES), () -> byLowerCase(state.services().value().keySet()))
                .getOrDefault(lowerCaseName, List.of());
    }

    /** Every spelling of a node name in the catalog that equals {@code lowerCaseName} ignoring case. */
    List<String> nodeSpellings(CatalogState state, String lowerCaseName) {
        return nodeNames.get(state.index(Topic.NODES),
                        () -> byLowerCase(state.nodes().value().stream().map(Node::name).toList()))
                .getOrDefault(lowerCaseName, List.of());
    }

    /** PTR targets for an address: the nodes that have it, else the services registered with it (as Consul). */
    List<Name> reverse(CatalogState state, InetAddress address, Authorizer authz) {
        Reverse reverse = addresses.get(List.of(state.index(Topic.NODES), state.index(Topic.SERVICES)),
                () -> buildReverse(state));
        List<Name> nodes = visible(reverse.nodes().getOrDefault(address, List.of()), Resource.NODE, authz);
        return nodes.isEmpty() ? visible(reverse.services().getOrDefault(address, List.of()), Resource.SERVICE, authz)
                : nodes;
    }

    /** The targets whose node or service the token may read. */
    private static List<Name> visible(List<Target> targets, Resource resource, Authorizer authz) {
        return targets.stream().filter(t -> authz.canRead(resource, t.name())).map(Target::target).toList();
    }

    /** A PTR target and the catalog name it stands for. */
    private record Target(String name, Name target) {
    }

    private record Reverse(Map<InetAddress, List<Target>> nodes, Map<InetAddress, List<Target>> services) {
    }

    private Reverse buildReverse(CatalogState state) {
        Map<InetAddress, List<Target>> nodes = new HashMap<>();
        for (Node node : state.nodes().value()) {
            records.ip(node.address()).ifPresent(ip -> records.nodeTarget(node.name()).ifPresent(
                    target -> nodes.computeIfAbsent(ip, a -> new ArrayList<>()).add(new Target(node.name(), target))));
        }
        Map<InetAddress, Set<String>> serviceNamesByIp = new HashMap<>();
        for (String name : state.services().value().keySet()) {
            for (ServiceInstance instance : state.instances(name).value()) {
                records.ip(instance.service().address())
                        .ifPresent(ip -> serviceNamesByIp.computeIfAbsent(ip, a -> new TreeSet<>()).add(name));
            }
        }
        Map<InetAddress, List<Target>> services = new HashMap<>();
        serviceNamesByIp.forEach((ip, names) -> names.forEach(name -> records.serviceTarget(name).ifPresent(
                target -> services.computeIfAbsent(ip, a -> new ArrayList<>()).add(new Target(name, target)))));
        return new Reverse(nodes, services);
    }

    private static Map<String, List<String>> byLowerCase(Iterable<String> names) {
        Map<String, List<String>> index = new HashMap<>();
        for (String name : names) {
            index.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>()).add(name);
        }
        return index;
    }

    /** One value computed from the state, kept while the key (catalog indexes) stays the same. */
    private static final class Memo<T> {
        private record Entry<T>(Object key, T value) {
        }

        private volatile Entry<T> entry;

        T get(Object key, Supplier<T> compute) {
            Entry<T> current = entry;
            if (current == null || !current.key().equals(key)) {
                current = new Entry<>(key, compute.get());
                entry = current;
            }
            return current.value();
        }
    }
}
