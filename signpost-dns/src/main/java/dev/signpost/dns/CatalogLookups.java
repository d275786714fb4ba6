package dev.signpost.dns;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

import dev.signpost.core.acl.Authorizer;
import dev.signpost.core.acl.Resource;
import dev.signpost.core.model.Check;
import dev.signpost.core.model.HealthStatus;
import dev.signpost.core.model.Node;
import dev.signpost.core.query.PreparedQuery;
import dev.signpost.core.query.QueryExecutor;
import dev.signpost.core.state.CatalogState;
import dev.signpost.core.state.Indexed;
import dev.signpost.core.state.NodeServices;
import dev.signpost.core.state.ServiceInstance;

/**
 * The catalog lookups behind DNS names: services (health-filtered, shuffled, without duplicates), prepared queries,
 * nodes, and reverse lookups of their addresses. Each holds the catalog's read lock only to copy what it needs.
 *
 * <p>Thread-safe when its random generator is.
 */
final class CatalogLookups {
    private final CatalogReader catalog;
    private final Records records;
    private final CatalogIndexes indexes;
    private final RandomGenerator random;
    private final boolean onlyPassing;
    private final long nodeTtl;
    private final long serviceTtl;
    private final Supplier<Authorizer> authorizer;
    private final Function<String, Authorizer> tokenRights;
    private final Supplier<String> nodeName;
    private final String datacenter;

    /**
     * @param authorizer what the agent's default token may read
     * @param tokenRights what a prepared query's own token may read
     * @param nodeName this agent's node, which {@code _agent} in a prepared query means
     */
    CatalogLookups(DnsConfig config, CatalogReader catalog, Records records, RandomGenerator random,
                   Supplier<Authorizer> authorizer, Function<String, Authorizer> tokenRights,
                   Supplier<String> nodeName) {
        this.catalog = catalog;
        this.authorizer = authorizer;
        this.tokenRights = tokenRights;
        this.nodeName = nodeName;
        this.datacenter = config.datacenter();
        this.records = records;
        this.indexes = new CatalogIndexes(records);
        this.random = random;
        this.onlyPassing = config.onlyPassing();
        this.nodeTtl = config.nodeTtl().toSeconds();
        this.serviceTtl = config.serviceTtl().toSeconds();
    }

    /** The SOA serial: the catalog's last Raft index, which grows with every change. */
    long serial() {
        return catalog.read(CatalogState::lastIndex);
    }

    /**
     * {@code [<tag>.]<service>.service}: SRV with their targets' addresses, or A/AAAA/ANY addresses; at most
     * {@code limit} of them, since a response that can carry only a few need not have more made.
     */
    Lookup service(Name qname, int qtype, String service, Optional<String> tag, int limit) {
        return answer(qname, qtype, catalog.read(state -> instances(state, service, CatalogState::instances)), tag,
                limit);
    }

    /**
     * {@code <service>.connect}: the instances that serve a service over Connect (its connect-proxies and
     * Connect-native instances), answered as {@link #service} answers, with each proxy's own address and port. As
     * Consul's connect query, the token must read the service the proxies front before any proxy is shown.
     */
    Lookup connect(Name qname, int qtype, String service, int limit) {
        if (!authorizer.get().canRead(Resource.SERVICE, service)) {
            return Lookup.NO_NAME;
        }
        return answer(qname, qtype, catalog.read(state -> instances(state, service, CatalogState::connectInstances)),
                Optional.empty(), limit);
    }

    private Lookup answer(Name qname, int qtype, List<ServiceInstance> all, Optional<String> tag, int limit) {
        List<ServiceInstance> healthy = new ArrayList<>(all.size());
        Authorizer authz = authorizer.get();
        for (ServiceInstance instance : all) {
            if (usable(status(instance)) && tag.map(t -> hasTag(instance, t)).orElse(true)
                    && authz.canRead(Resource.SERVICE, instance.service().name())
                    && authz.canRead(Resource.NODE, instance.node().name())) {
                healthy.add(instance);
            }
        }
        if (healthy.isEmpty()) {
            return Lookup.NO_NAME;
        }
        shuffle(healthy);
        List<Answer> answers = switch (qtype) {
            case Type.SRV -> srvAnswers(qname, healthy, limit);
            case Type.A, Type.AAAA, Type.ANY -> addressAnswers(qname, qtype, healthy, limit);
            default -> List.of();
        };
        return Lookup.of(answers);
    }

    /** {@code <node>.node}: its address (A/AAAA/ANY) and its meta (TXT/ANY). Node health does not matter here. */
    Lookup node(Name qname, int qtype, String name) {
        Optional<Node> found = catalog.read(state -> node(state, name))
                .filter(n -> authorizer.get().canRead(Resource.NODE, n.name()));
        if (found.isEmpty()) {
            return Lookup.NO_NAME;
        }
        Node node = found.get();
        List<Answer> answers = new ArrayList<>();
        if (qtype == Type.A || qtype == Type.AAAA || qtype == Type.ANY) {
            addressRecord(qname, qtype, node.address(), nodeTtl).ifPresent(r -> answers.add(Answer.of(r)));
        }
        if (qtype == Type.TXT || qtype == Type.ANY) {
            Records.txt(qname, nodeTtl, node.meta()).forEach(r -> answers.add(Answer.of(r)));
        }
        return Lookup.of(answers);
    }

    /** PTR for an address: the nodes that have it, else the services registered with it (as Consul). */
    Lookup reverse(Name qname, int qtype, InetAddress address) {
        Authorizer authz = authorizer.get();
        List<Name> targets = catalog.read(state -> indexes.reverse(state, address, authz));
        if (targets.isEmpty()) {
            return Lookup.NO_NAME;
        }
        if (qtype != Type.PTR && qtype != Type.ANY) {
            return Lookup.NO_DATA;
        }
        return Lookup.of(targets.stream().map(t -> Answer.of(Records.ptr(qname, t))).toList());
    }

    /** Consul's duplicate key: the same node, address and port is one SRV answer. */
    private record SrvKey(String node, String address, int port) {
    }

    /** A prepared query failed in a way Consul answers SERVFAIL for (a template that does not render). */
    static final class QueryFailure extends RuntimeException {
        QueryFailure(String message) {
            super(message);
        }
    }

    /**
     * {@code <query>.query}: the prepared query executed as Consul's DNS does (the agent's node for {@code _agent},
     * the client's address, or its EDNS client subnet, for {@code _ip}; the query's own token else the agent's), SRV or addresses of the nodes it found with the query's DNS TTL (the
     * service TTL when it has none). NXDOMAIN when there is no such query or it found nothing.
     *
     * @throws QueryFailure when the query cannot be resolved (Consul: SERVFAIL)
     */
    Lookup preparedQuery(Name qname, int qtype, String query, int limit, String sourceIp) {
        Optional<QueryExecutor.Result> executed = catalog.read(state -> {
            Optional<PreparedQuery> resolved;
            try {
                resolved = state.resolveQuery(query);
            } catch (IllegalArgumentException e) {
                throw new QueryFailure(e.getMessage());
            }
            return resolved.map(q -> {
                Authorizer authz = q.token().isEmpty() ? authorizer.get() : tokenRights.apply(q.token());
                QueryExecutor.Request request = new QueryExecutor.Request(datacenter, nodeName.get(), "", sourceIp, 0,
                        false);
                return QueryExecutor.execute(state, q, request, i -> authz.canRead(Resource.SERVICE,
                        i.service().name()) && authz.canRead(Resource.NODE, i.node().name()), random);
            });
        });
        if (executed.isEmpty() || executed.get().nodes().isEmpty()) {
            return Lookup.NO_NAME;
        }
        QueryExecutor.Result result = executed.get();
        long ttl = result.dns().ttl().isEmpty() ? serviceTtl : result.dns().seconds();
        List<ServiceInstance> nodes = result.nodes();
        List<Answer> answers = switch (qtype) {
            case Type.SRV -> srvAnswers(qname, nodes, limit, ttl);
            case Type.A, Type.AAAA, Type.ANY -> addressAnswers(qname, qtype, nodes, limit, ttl);
            default -> List.of();
        };
        return Lookup.of(answers);
    }

    private List<Answer> srvAnswers(Name qname, List<ServiceInstance> instances, int limit) {
        return srvAnswers(qname, instances, limit, serviceTtl);
    }

    private List<Answer> srvAnswers(Name qname, List<ServiceInstance> instances, int limit, long ttl) {
        List<Answer> answers = new ArrayList<>(instances.size());
        Set<SrvKey> seen = new HashSet<>();
        for (ServiceInstance instance : instances) {
            if (answers.size() >= limit) {
                break;
            }
            if (!seen.add(new SrvKey(instance.node().name(), instance.address(), instance.service().port()))) {
                continue;
            }
            Optional<Name> target = records.nodeTarget(instance.node().name());
            Optional<Record> targetAddress = target.flatMap(t -> addressRecord(t, Type.ANY, instance.address(), ttl));
            if (targetAddress.isEmpty()) {
                continue;
            }
            int weight = status(instance) == HealthStatus.WARNING
                    ? instance.service().weights().warning() : instance.service().weights().passing();
            answers.add(new Answer(Records.srv(qname, ttl, weight, instance.service().port(), target.get()),
                    List.of(targetAddress.get())));
        }
        return answers;
    }

    private List<Answer> addressAnswers(Name qname, int qtype, List<ServiceInstance> instances, int limit) {
        return addressAnswers(qname, qtype, instances, limit, serviceTtl);
    }

    private List<Answer> addressAnswers(Name qname, int qtype, List<ServiceInstance> instances, int limit, long ttl) {
        List<Answer> answers = new ArrayList<>(instances.size());
        Set<String> seen = new HashSet<>();
        for (ServiceInstance instance : instances) {
            if (answers.size() >= limit) {
                break;
            }
            if (seen.add(instance.address())) {
                addressRecord(qname, qtype, instance.address(), ttl).ifPresent(r -> answers.add(Answer.of(r)));
            }
        }
        return answers;
    }

    /** A/AAAA when the address is an IP of the asked family, a CNAME when it is a host name. */
    private Optional<Record> addressRecord(Name owner, int qtype, String address, long ttl) {
        Optional<InetAddress> ip = records.ip(address);
        if (ip.isPresent()) {
            return Records.answers(qtype, ip.get()) ? Optional.of(Records.address(owner, ip.get(), ttl))
                    : Optional.empty();
        }
        return Records.hostName(address).map(host -> Records.cname(owner, ttl, host));
    }

    /** Critical (or maintenance) own or node checks exclude; warning excludes only when only passing counts. */
    private boolean usable(HealthStatus status) {
        return switch (status) {
            case PASSING -> true;
            case WARNING -> !onlyPassing;
            case CRITICAL, MAINTENANCE -> false;
        };
    }

    private static HealthStatus status(ServiceInstance instance) {
        HealthStatus worst = HealthStatus.PASSING;
        for (Check check : instance.checks()) {
            if (check.status().ordinal() > worst.ordinal()) {
                worst = check.status();
            }
        }
        return worst;
    }

    private static boolean hasTag(ServiceInstance instance, String tag) {
        for (String t : instance.service().tags()) {
            if (t.equalsIgnoreCase(tag)) {
                return true;
            }
        }
        return false;
    }

    /** Fisher-Yates, so every order is equally likely and clients spread their load (Consul shuffles too). */
    private void shuffle(List<ServiceInstance> list) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            list.set(i, list.set(j, list.get(i)));
        }
    }

    // ---- catalog reads, run under the store's read lock

    /**
     * DNS names are case-insensitive; the catalog is not. The exact (lower-case) name is the fast path.
     * {@code read} is the catalog's read of one service name: its instances, or those serving it over Connect.
     */
    private List<ServiceInstance> instances(CatalogState state, String service,
                                            BiFunction<CatalogState, String, Indexed<List<ServiceInstance>>> read) {
        List<ServiceInstance> exact = read.apply(state, service).value();
        if (!exact.isEmpty()) {
            return exact;
        }
        List<ServiceInstance> found = new ArrayList<>();
        for (String name : indexes.serviceSpellings(state, service)) {
            if (!name.equals(service)) {
                found.addAll(read.apply(state, name).value());
            }
        }
        return found;
    }

    private Optional<Node> node(CatalogState state, String name) {
        Optional<Node> exact = state.node(name).value().map(NodeServices::node);
        if (exact.isPresent()) {
            return exact;
        }
        return indexes.nodeSpellings(state, name).stream().findFirst()
                .flatMap(spelling -> state.node(spelling).value()).map(NodeServices::node);
    }
}
