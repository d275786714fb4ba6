package dev.signpost.core.query;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

import dev.signpost.core.coordinate.Coordinate;
import dev.signpost.core.coordinate.RttSort;
import dev.signpost.core.model.Check;
import dev.signpost.core.model.HealthStatus;
import dev.signpost.core.model.Node;
import dev.signpost.core.query.PreparedQuery.ServiceQuery;
import dev.signpost.core.query.PreparedQuery.Target;
import dev.signpost.core.state.CatalogState;
import dev.signpost.core.state.ServiceInstance;

/**
 * Runs a resolved prepared query against the catalog, as Consul's {@code PreparedQuery.Execute} does, without I/O:
 * the service's instances, minus those a critical check (or, with {@code OnlyPassing}, any check not passing)
 * marks unhealthy except checks listed in {@code IgnoreCheckIDs}, minus those failing the node meta, service meta
 * and tag filters ({@code !tag} excludes) and those the token may not read; shuffled, then sorted by estimated
 * round-trip time from the {@code Near} node (or {@code _agent}, or {@code _ip}: the node with the client's address)
 * when it has a network coordinate, that node moved first when it is among the first ten, then cut to {@code limit}.
 *
 * <p>A {@code Connect} query (or a request with {@code ?connect}) runs over the instances that serve the service over
 * Connect instead (its connect-proxies and Connect-native instances, Consul's connect index), with the same filters.
 * Signpost has one datacenter and no cluster peers, and this class answers exactly what Consul answers in that
 * situation: a query for a {@code Peer} finds
 * nothing, with {@code Datacenter} "" and {@code PeerName} the peer; when nothing is found, failover tries no
 * datacenter ({@code NearestN} has no other datacenter to pick, every name in {@code Datacenters} and every datacenter
 * target is unknown, so skipped, and counts no failover) and tries each peer target, which finds nothing, counting one
 * failover each.
 * Thread-safe (stateless); the random generator must be safe for the caller's threads.
 */
public final class QueryExecutor {
    private static final int NEAR_DEPTH = 10;

    private QueryExecutor() {
    }

    /**
     * One execution's circumstances.
     *
     * @param datacenter this cluster's datacenter
     * @param agentNode the node of the agent serving the request ({@code _agent})
     * @param near the caller's {@code ?near=} node, "" for none (then the query's {@code Near} counts)
     * @param sourceIp the caller's address, for {@code _ip}; "" when unknown
     * @param limit at most this many nodes; 0 for all
     * @param connect the caller's {@code ?connect=true}
     */
    public record Request(String datacenter, String agentNode, String near, String sourceIp, int limit,
                          boolean connect) {
        public Request {
            requireNonNull(datacenter, "datacenter");
            requireNonNull(agentNode, "agentNode");
            requireNonNull(near, "near");
            requireNonNull(sourceIp, "sourceIp");
        }
    }

    /**
     * Consul's {@code PreparedQueryExecuteResponse}, less its query metadata.
     *
     * @param filtered true when the token's rules removed some node (X-Consul-Results-Filtered-By-ACLs)
     */
    public record Result(String service, List<ServiceInstance> nodes, PreparedQuery.Dns dns, String datacenter,
                         String peerName, int failovers, boolean filtered) {
        public Result {
            nodes = List.copyOf(nodes);
        }
    }

    /**
     * Executes a resolved query.
     *
     * @param visible what the executing token may read (service:read on the service and node:read on the node)
     */
    public static Result execute(CatalogState state, PreparedQuery query, Request request,
                                 Predicate<ServiceInstance> visible, RandomGenerator random) {
        ServiceQuery service = query.service();
        Local local = local(state, service, service.peer(), request, visible);
        List<ServiceInstance> nodes = new ArrayList<>(local.nodes());
        shuffle(nodes, random);
        String datacenter = service.peer().isEmpty() ? request.datacenter() : "";
        Optional<String> nearNode = nearNode(state, query, request);
        Optional<Coordinate> source = nearNode.flatMap(state::coordinate);
        if (source.isPresent()) {
            nodes = new ArrayList<>(RttSort.nearestFirst(nodes, i -> i.node().name(), state::coordinate, source.get()));
        }
        if (nearNode.isPresent() && datacenter.equals(request.datacenter())) {
            for (int i = 0; i < nodes.size() && i < NEAR_DEPTH; i++) {
                if (nodes.get(i).node().name().equalsIgnoreCase(nearNode.get())) {
                    nodes.set(0, nodes.set(i, nodes.get(0)));
                    break;
                }
            }
        }
        if (request.limit() > 0 && nodes.size() > request.limit()) {
            nodes = nodes.subList(0, request.limit());
        }
        String peerName = service.peer();
        int failovers = 0;
        boolean filtered = local.filtered();
        if (nodes.isEmpty()) {
            for (Target target : service.failover().asTargets()) {
                if (target.peer().isEmpty()) {
                    continue; // a datacenter target: none but this one exists, and Consul skips unknown ones
                }
                failovers++;
                Local remote = local(state, service, target.peer(), request, visible);
                peerName = target.peer();
                datacenter = "";
                filtered = remote.filtered();
                nodes = new ArrayList<>(remote.nodes());
                if (!nodes.isEmpty()) {
                    break;
                }
            }
        }
        return new Result(service.service(), nodes, query.dns(), datacenter, peerName, failovers, filtered);
    }

    private record Local(List<ServiceInstance> nodes, boolean filtered) {
    }

    /** Consul's {@code execute} in this datacenter (or for a peer), with the ACL filter applied. */
    private static Local local(CatalogState state, ServiceQuery service, String peer, Request request,
                               Predicate<ServiceInstance> visible) {
        if (!peer.isEmpty()) {
            return new Local(List.of(), false); // nothing imported from peers
        }
        List<ServiceInstance> candidates = service.connect() || request.connect()
                ? state.connectInstances(service.service()).value() : state.instances(service.service()).value();
        List<ServiceInstance> found = new ArrayList<>();
        boolean filtered = false;
        for (ServiceInstance instance : candidates) {
            if (!healthy(instance, service.onlyPassing(), service.ignoreCheckIds())
                    || !satisfies(instance.node().meta(), service.nodeMeta())
                    || !satisfies(instance.service().meta(), service.serviceMeta())
                    || !tagsMatch(instance, service.tags())) {
                continue;
            }
            if (!visible.test(instance)) {
                filtered = true;
                continue;
            }
            found.add(instance);
        }
        return new Local(found, filtered);
    }

    /** Consul's {@code FilterIgnore}: a critical check, or with onlyPassing any check not passing, excludes. */
    static boolean healthy(ServiceInstance instance, boolean onlyPassing, List<String> ignoreCheckIds) {
        for (Check check : instance.checks()) {
            if (ignoreCheckIds.contains(check.checkId())) {
                continue;
            }
            HealthStatus status = check.status();
            if (status == HealthStatus.CRITICAL || status == HealthStatus.MAINTENANCE
                    || (onlyPassing && status != HealthStatus.PASSING)) {
                return false;
            }
        }
        return true;
    }

    private static boolean satisfies(Map<String, String> meta, Map<String, String> filters) {
        for (Map.Entry<String, String> filter : filters.entrySet()) {
            if (!filter.getValue().equals(meta.get(filter.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** Every tag required, none of the {@code !tag}s present; case does not matter (Consul's tagFilter). */
    static boolean tagsMatch(ServiceInstance instance, List<String> tags) {
        Set<String> has = new HashSet<>();
        instance.service().tags().forEach(t -> has.add(t.toLowerCase(Locale.ROOT)));
        for (String tag : tags) {
            String lower = tag.toLowerCase(Locale.ROOT);
            boolean forbidden = lower.startsWith("!");
            if (forbidden ? has.contains(lower.substring(1)) : !has.contains(lower)) {
                return false;
            }
        }
        return true;
    }

    /** The node to put first: the caller's {@code near}, else the query's; {@code _agent} and {@code _ip} resolved. */
    private static Optional<String> nearNode(CatalogState state, PreparedQuery query, Request request) {
        String node = request.near().isEmpty() ? query.service().near() : request.near();
        if (node.equals("_agent")) {
            node = request.agentNode();
        } else if (node.equals("_ip")) {
            node = request.sourceIp().isEmpty() ? "" : state.nodes().value().stream()
                    .filter(n -> n.address().equals(request.sourceIp())).map(Node::name).findFirst().orElse("");
        }
        return node.isEmpty() ? Optional.empty() : Optional.of(node);
    }

    private static void shuffle(List<ServiceInstance> list, RandomGenerator random) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            list.set(i, list.set(j, list.get(i)));
        }
    }
}
