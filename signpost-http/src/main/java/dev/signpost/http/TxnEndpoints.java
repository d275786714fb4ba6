package dev.signpost.http;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import dev.signpost.core.Registry;
import dev.signpost.core.acl.Resource;
import dev.signpost.core.command.Txn;
import dev.signpost.core.command.TxnOp;
import dev.signpost.core.model.Check;
import dev.signpost.core.model.Bytes;
import dev.signpost.core.model.KvEntry;
import dev.signpost.core.model.Node;
import dev.signpost.core.model.Service;
import dev.signpost.core.state.TxnOutcome;

/**
 * {@code PUT /v1/txn} (agent/txn_endpoint.go): KV, node, service and check operations applied atomically;
 * 200 with {@code Results}, or 409 with {@code Errors[{OpIndex,What}]} and nothing changed.
 */
final class TxnEndpoints {
    private final Reads reads;
    private final Clock clock;

    TxnEndpoints(Reads reads, Clock clock) {
        this.reads = requireNonNull(reads, "reads");
        this.clock = requireNonNull(clock, "clock");
    }

    void addTo(Routes routes) {
        routes.exact("PUT", "/v1/txn", Guard.filters(Resource.KEY, "each operation's read or write"), this::txn);
    }

    record TxnJson(List<Map<String, Object>> Results, List<ErrorJson> Errors) {
    }

    record ErrorJson(int OpIndex, String What) {
    }

    private ApiResponse txn(ApiRequest request) {
        List<Body> bodies = Json.read(request.body()).elements();
        if (bodies.size() > Txn.MAX_OPS) {
            throw new ApiException(413, "Transaction contains too many operations (" + bodies.size() + " > "
                    + Txn.MAX_OPS + ")");
        }
        List<TxnOp> ops = new ArrayList<>();
        for (Body body : bodies) {
            ops.add(op(body));
        }
        List<Integer> refused = TxnAcl.refused(request.caller().authorizer(), ops);
        if (!refused.isEmpty()) {
            List<ErrorJson> errors = refused.stream().map(i -> new ErrorJson(i, "Permission denied")).toList();
            return ApiResponse.json(Json.write(new TxnJson(null, errors), request.has("pretty"))).withStatus(409);
        }
        Registry.WriteResult written = reads.registry().write(new Txn(ops, clock.millis()));
        TxnOutcome outcome = reads.registry()
                .read(Registry.ReadMode.STALE, s -> s.txnOutcome(written.index()))
                .orElseThrow(() -> new ApiException(500, "transaction outcome at index " + written.index() + " is gone"));
        Map<String, String> headers = Map.of("X-Consul-Index", Long.toString(written.index()));
        if (!outcome.ok()) {
            List<ErrorJson> errors = outcome.errors().stream().map(e -> new ErrorJson(e.opIndex(), e.what())).toList();
            return ApiResponse.json(Json.write(new TxnJson(null, errors), request.has("pretty"))).withStatus(409)
                    .withHeaders(headers);
        }
        List<Map<String, Object>> results = new ArrayList<>();
        boolean filtered = false;
        for (TxnOutcome.Result r : outcome.results()) {
            if (r.value() instanceof KvEntry e && !request.caller().authorizer().canRead(Resource.KEY, e.key())) {
                filtered = true;
                continue;
            }
            results.add(result(ops.get(r.opIndex()), r.value()));
        }
        ApiResponse response = ApiResponse.json(Json.write(new TxnJson(results, null), request.has("pretty")))
                .withHeaders(headers);
        return filtered ? response.withHeaders(Map.of("X-Consul-Results-Filtered-By-ACLs", "true")) : response;
    }

    private static Map<String, Object> result(TxnOp op, Object value) {
        return switch (value) {
            case KvEntry e -> {
                boolean withValue = op.verb().equals("get") || op.verb().equals("get-tree");
                Wire.KvJson json = Wire.KvJson.of(e);
                yield Map.of("KV", withValue ? json : new Wire.KvJson(json.LockIndex(), json.Key(), json.Flags(), null,
                        json.Session(), json.CreateIndex(), json.ModifyIndex()));
            }
            case Node n -> Map.of("Node", Wire.NodeJson.of(n));
            case Service s -> Map.of("Service", Wire.NodeServiceJson.of(s));
            case Check c -> Map.of("Check", Wire.HealthCheckJson.of(c));
            default -> throw new IllegalStateException("unexpected txn result " + value);
        };
    }

    private TxnOp op(Body body) {
        try {
            if (body.has("KV")) {
                Body kv = body.object("KV").orElseThrow();
                Bytes value = Bytes.of(decode(kv.text("Value", "")));
                return new TxnOp.KvOp(kv.text("Verb", ""), kv.text("Key", ""), value, kv.number("Flags", 0),
                        kv.number("Index", 0), kv.text("Session", ""));
            }
            if (body.has("Node")) {
                Body op = body.object("Node").orElseThrow();
                Body n = op.object("Node").orElseThrow(() -> ApiException.badRequest("Node operation without a Node"));
                Node node = new Node(n.text("ID", ""), n.text("Node", ""), n.text("Address", ""), reads.datacenter(),
                        n.stringMap("TaggedAddresses"), n.stringMap("Meta"), 0, n.number("ModifyIndex", 0));
                return new TxnOp.NodeOp(op.text("Verb", ""), node);
            }
            if (body.has("Service")) {
                Body op = body.object("Service").orElseThrow();
                Body s = op.object("Service").orElseThrow(() -> ApiException.badRequest("Service operation without a Service"));
                Service service = Definitions.service(s, "Service").withIndexes(0, s.number("ModifyIndex", 0));
                return new TxnOp.ServiceOp(op.text("Verb", ""), op.text("Node", ""), service);
            }
            if (body.has("Check")) {
                Body op = body.object("Check").orElseThrow();
                Body c = op.object("Check").orElseThrow(() -> ApiException.badRequest("Check operation without a Check"));
                Check check = Definitions.catalogCheck(c, c.text("Node", "")).withIndexes(0, c.number("ModifyIndex", 0));
                return new TxnOp.CheckOp(op.text("Verb", ""), check);
            }
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        throw ApiException.badRequest("Unknown transaction operation: needs KV, Node, Service or Check");
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("Request decode failed: Value is not base64: " + e.getMessage());
        }
    }
}
