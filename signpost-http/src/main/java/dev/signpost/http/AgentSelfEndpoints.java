package dev.signpost.http;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.signpost.core.Registry;
import dev.signpost.core.acl.Access;
import dev.signpost.core.acl.Resource;
import dev.signpost.core.filter.Filter;

/**
 * {@code /v1/agent/self}, {@code /v1/agent/version}, {@code /v1/agent/host}, {@code /v1/agent/members} and
 * {@code /v1/agent/force-leave/}: who this agent is and whom it knows. {@code Config.Version} is the Consul API
 * level Signpost implements, so clients that parse it work; Signpost's own version is {@code Config.Revision},
 * {@code Stats.build.revision} and {@code /v1/agent/version}'s {@code HumanVersion}.
 */
final class AgentSelfEndpoints {
    /** The Consul release whose HTTP API Signpost answers. */
    static final String CONSUL_API_VERSION = "1.20.0";

    private final LocalAgent agent;
    private final Registry registry;

    AgentSelfEndpoints(LocalAgent agent, Registry registry) {
        this.agent = requireNonNull(agent, "agent");
        this.registry = requireNonNull(registry, "registry");
    }

    void addTo(Routes routes) {
        routes.exact("GET", "/v1/agent/self", Guard.needs(Resource.AGENT, Access.READ,
                        r -> agent.identity().nodeName()), this::self)
                .exact("GET", "/v1/agent/version", Guard.open("Consul asks no token for the version"), this::version)
                .exact("GET", "/v1/agent/host", Guard.needs(Resource.OPERATOR, Access.READ),
                        r -> ApiResponse.json(Json.write(HostInfo.collect(), r.has("pretty"))))
                .exact("GET", "/v1/agent/members", Guard.filters(Resource.NODE, "node:read on each member"),
                        this::members)
                .prefix("PUT", "/v1/agent/force-leave/", Guard.needs(Resource.OPERATOR, Access.WRITE),
                        this::forceLeave);
    }

    record ConfigJson(String Datacenter, String PrimaryDatacenter, String NodeName, String NodeID, String Revision,
                      boolean Server, String Version, String BuildDate) {
    }

    record MemberJson(String Name, String Addr, int Port, Map<String, String> Tags, int Status, int ProtocolMin,
                      int ProtocolMax, int ProtocolCur, int DelegateMin, int DelegateMax, int DelegateCur) {
        static MemberJson of(LocalAgent.Member m) {
            return new MemberJson(m.name(), m.address(), m.port(), m.tags(), m.status(), 1, 5, 2, 2, 5, 4);
        }
    }

    record SelfJson(ConfigJson Config, Map<String, Object> DebugConfig, CoordinateWire.CoordJson Coord,
                    MemberJson Member, Map<String, Map<String, String>> Stats, Map<String, String> Meta) {
    }

    private ApiResponse self(ApiRequest request) {
        LocalAgent.Identity id = agent.identity();
        ConfigJson config = new ConfigJson(id.datacenter(), id.datacenter(), id.nodeName(), id.nodeId(),
                id.version(), id.server(), CONSUL_API_VERSION, "");
        Map<String, Object> debug = new LinkedHashMap<>();
        debug.put("Datacenter", id.datacenter());
        debug.put("NodeName", id.nodeName());
        debug.put("NodeID", id.nodeId());
        debug.put("ServerMode", id.server());
        debug.put("AdvertiseAddrLAN", id.advertiseAddress());
        debug.put("Version", CONSUL_API_VERSION);
        debug.put("Revision", id.version());
        SelfJson self = new SelfJson(config, debug, new CoordinateWire.CoordJson(agent.coordinate()),
                MemberJson.of(id.member()), stats(id), Map.of());
        return ApiResponse.json(Json.write(self, request.has("pretty")));
    }

    private Map<String, Map<String, String>> stats(LocalAgent.Identity id) {
        Registry.ClusterView cluster = registry.cluster();
        Map<String, Map<String, String>> stats = new LinkedHashMap<>();
        stats.put("agent", Map.of("checks", Integer.toString(agent.checks().size()),
                "services", Integer.toString(agent.services().size())));
        stats.put("build", Map.of("prerelease", "", "revision", id.version(), "version", CONSUL_API_VERSION,
                "version_metadata", ""));
        stats.put("consul", Map.of("server", Boolean.toString(id.server()),
                "leader", Boolean.toString(cluster.isLeader()),
                "leader_addr", cluster.leaderAddress().orElse(""),
                "known_datacenters", "1",
                "bootstrap", "false"));
        if (id.server()) {
            stats.put("raft", agent.operator().raftStats());
        }
        Runtime runtime = Runtime.getRuntime();
        stats.put("runtime", Map.of("arch", goArch(System.getProperty("os.arch")),
                "os", System.getProperty("os.name").toLowerCase(Locale.ROOT),
                "cpu_count", Integer.toString(runtime.availableProcessors()),
                "max_procs", Integer.toString(runtime.availableProcessors()),
                "goroutines", Integer.toString(Thread.activeCount()),
                "version", "java" + Runtime.version().feature()));
        return stats;
    }

    /** Go's GOARCH names, as Consul's runtime stats give them. */
    static String goArch(String javaArch) {
        return switch (javaArch) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64" -> "arm64";
            case "x86", "i386", "i686" -> "386";
            default -> javaArch;
        };
    }

    record VersionJson(String SHA, String BuildDate, String HumanVersion, String FIPS) {
    }

    private ApiResponse version(ApiRequest request) {
        String human = CONSUL_API_VERSION + " (Signpost " + agent.identity().version() + ")";
        return ApiResponse.json(Json.write(new VersionJson("", "", human, ""), request.has("pretty")));
    }

    /** LAN members; with {@code ?wan}, the servers as the WAN pool names them ({@code name.dc}). */
    private ApiResponse members(ApiRequest request) {
        Filter<LocalAgent.Member> filter = FilterParam.of(request, AgentFields.MEMBER);
        Shown<List<LocalAgent.Member>> shown = Shown.list(agent.members(),
                m -> request.caller().authorizer().canRead(Resource.NODE, m.name()));
        List<MemberJson> out = filter.apply(shown.value()).stream()
                .filter(m -> !request.has("wan") || "consul".equals(m.tags().get("role")))
                .map(m -> request.has("wan") ? new LocalAgent.Member(m.name() + "." + m.tags().getOrDefault("dc", ""),
                        m.address(), m.port(), m.tags(), m.status()) : m)
                .map(MemberJson::of).toList();
        return AgentAcl.json(request, shown, out);
    }

    private ApiResponse forceLeave(ApiRequest request) {
        String node = request.pathRest();
        if (node.isEmpty()) {
            throw ApiException.badRequest("Missing node name");
        }
        if (!agent.forceLeave(node, request.has("prune"))) {
            throw new ApiException(500, "agent: No node found with name '" + node + "'");
        }
        return ApiResponse.empty();
    }
}
