package dev.signpost.http;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import dev.signpost.core.acl.Access;
import dev.signpost.core.acl.Authorizer;
import dev.signpost.core.acl.Resource;
import dev.signpost.core.command.CoordinateBatchUpdate;
import dev.signpost.core.coordinate.Coordinate;
import dev.signpost.core.coordinate.CoordinateConfig;
import dev.signpost.core.coordinate.NodeCoordinate;
import dev.signpost.core.state.Indexed;
import dev.signpost.core.watch.Scope;
import dev.signpost.core.watch.Topic;

/**
 * {@code /v1/coordinate/*}: the servers' WAN coordinates, every node's LAN coordinate (node:read on each, as Consul
 * filters them), one node's, and a node's update (node:write). An update is one replicated write, where Consul's
 * leader batches them every few seconds; its refusals are Consul's ("invalid coordinate", "incompatible coordinate",
 * 500 as every RPC error).
 */
final class CoordinateEndpoints {
    /** Consul's area of the WAN pool, the only one outside Enterprise. */
    static final String WAN_AREA = "wan";
    private static final int DIMENSIONALITY = CoordinateConfig.serf().dimensionality();

    private final Reads reads;
    private final Supplier<List<NodeCoordinate>> serverCoordinates;

    CoordinateEndpoints(Reads reads, Supplier<List<NodeCoordinate>> serverCoordinates) {
        this.reads = reads;
        this.serverCoordinates = serverCoordinates;
    }

    void addTo(Routes routes) {
        routes.exact("GET", "/v1/coordinate/datacenters",
                        Guard.open("Consul asks no token for the servers' WAN coordinates"), this::datacenters)
                .exact("GET", "/v1/coordinate/nodes", Guard.filters(Resource.NODE, "node:read"), this::nodes)
                .prefix("GET", "/v1/coordinate/node/", Guard.reads(Resource.NODE), this::node)
                .exact("PUT", "/v1/coordinate/update", Guard.filters(Resource.NODE, "node:write on the body's Node"),
                        this::update);
    }

    private ApiResponse datacenters(ApiRequest request) {
        List<CoordinateWire.NodeJson> servers = serverCoordinates.get().stream()
                .sorted(Comparator.comparing(NodeCoordinate::node)).map(CoordinateWire.NodeJson::of).toList();
        return ApiResponse.json(Json.write(List.of(new CoordinateWire.DatacenterJson(reads.datacenter(), WAN_AREA,
                servers)), request.has("pretty")));
    }

    private ApiResponse nodes(ApiRequest request) {
        Authorizer authz = request.caller().authorizer();
        var result = reads.read(request, Scope.of(Topic.COORDINATES), s -> {
            Indexed<List<NodeCoordinate>> all = s.coordinates();
            Shown<List<NodeCoordinate>> shown = Shown.list(all.value(), c -> authz.canRead(Resource.NODE, c.node()));
            return new Indexed<>(new Shown<>(inSegment(request, shown.value()), shown.filtered()), all.index());
        });
        return Reads.json(request, result);
    }

    private ApiResponse node(ApiRequest request) {
        String node = request.pathRest();
        var result = reads.read(request, Scope.of(Topic.COORDINATES), s -> {
            Indexed<List<NodeCoordinate>> coordinates = s.coordinates(node);
            return new Indexed<>(inSegment(request, coordinates.value()), coordinates.index());
        });
        if (result.value().isEmpty()) {
            return ApiResponse.empty().withStatus(404); // Consul writes the status before its headers: none follow
        }
        return Reads.json(request, result);
    }

    /** Consul's filterCoordinates: with {@code ?segment=} (even empty) only that segment's. */
    private static List<CoordinateWire.NodeJson> inSegment(ApiRequest request, List<NodeCoordinate> coordinates) {
        Optional<String> segment = request.has("segment") ? Optional.of(request.param("segment").orElse(""))
                : Optional.empty();
        return coordinates.stream().filter(c -> segment.isEmpty() || c.segment().equals(segment.get()))
                .map(CoordinateWire.NodeJson::of).toList();
    }

    private ApiResponse update(ApiRequest request) {
        Body body = Json.read(request.body()).requireObject();
        String node = body.text("Node", "");
        String segment = body.text("Segment", "");
        Coordinate coordinate = body.object("Coord").map(c -> new Coordinate(c.decimals("Vec"),
                c.decimal("Error", 0), c.decimal("Adjustment", 0), c.decimal("Height", 0)))
                .filter(Coordinate::isValid)
                .orElseThrow(() -> new ApiException(500, "invalid coordinate"));
        if (coordinate.vec().size() != DIMENSIONALITY) {
            throw new ApiException(500, "incompatible coordinate");
        }
        request.caller().require(Resource.NODE, Access.WRITE, node);
        reads.registry().write(new CoordinateBatchUpdate(List.of(new NodeCoordinate(node, segment, coordinate))));
        return ApiResponse.empty();
    }
}
