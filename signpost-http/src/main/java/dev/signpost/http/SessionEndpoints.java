package dev.signpost.http;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import dev.signpost.client.GoDuration;
import dev.signpost.core.Registry;
import dev.signpost.core.acl.Access;
import dev.signpost.core.acl.Resource;
import dev.signpost.core.command.SessionCreate;
import dev.signpost.core.command.SessionDestroy;
import dev.signpost.core.command.SessionRenew;
import dev.signpost.core.model.Session;
import dev.signpost.core.model.Sessions;
import dev.signpost.core.state.Indexed;
import dev.signpost.core.watch.Scope;
import dev.signpost.core.watch.Topic;

/**
 * {@code /v1/session/*} (agent/session_endpoint.go): translates requests to {@link Sessions}, which validates a
 * new session and stamps its ID and TTL deadline before replication, and to session commands.
 */
final class SessionEndpoints {
    private final Reads reads;
    private final Supplier<String> localNode;
    private final Clock clock;

    SessionEndpoints(Reads reads, Supplier<String> localNode, Clock clock) {
        this.reads = requireNonNull(reads, "reads");
        this.localNode = requireNonNull(localNode, "localNode");
        this.clock = requireNonNull(clock, "clock");
    }

    void addTo(Routes routes) {
        Guard write = Guard.filters(Resource.SESSION, "session:write on the session's node");
        Guard read = Guard.filters(Resource.SESSION, "session:read on each session's node");
        routes.exact("PUT", "/v1/session/create", write, this::create)
                .prefix("PUT", "/v1/session/destroy/", write, this::destroy)
                .prefix("PUT", "/v1/session/renew/", write, this::renew)
                .prefix("GET", "/v1/session/info/", read, this::info)
                .prefix("GET", "/v1/session/node/", read, this::node)
                .exact("GET", "/v1/session/list", read, this::list);
    }

    /** Consul's session JSON; LockDelay in nanoseconds. */
    record SessionJson(String ID, String Name, String Node, long LockDelay, String Behavior, String TTL,
                       List<String> NodeChecks, List<ServiceCheckJson> ServiceChecks,
                       List<String> Checks, long CreateIndex, long ModifyIndex) {
        static SessionJson of(Session s) {
            return new SessionJson(s.id(), s.name(), s.node(), s.lockDelayMillis() * 1_000_000L, s.behavior().wireName(),
                    s.ttl(), s.nodeChecks(), s.serviceChecks().isEmpty() ? null
                    : s.serviceChecks().stream().map(id -> new ServiceCheckJson(id, "")).toList(), s.checks(),
                    s.createIndex(), s.modifyIndex());
        }
    }

    record ServiceCheckJson(String ID, String Namespace) {
    }

    record IdJson(String ID) {
    }

    private ApiResponse create(ApiRequest request) {
        Body body = request.body().length == 0 ? Json.read("{}".getBytes(StandardCharsets.UTF_8))
                : Json.read(request.body()).requireObject();
        String node = body.text("Node", "");
        String ttl = body.duration("TTL");
        Sessions.Spec spec = new Sessions.Spec(node.isEmpty() ? localNode.get() : node, body.text("Name", ""),
                body.text("Behavior", ""), ttl, ttl.isEmpty() ? Duration.ZERO : GoDuration.parse(ttl),
                body.strings("Checks"), body.strings("NodeChecks"),
                body.objects("ServiceChecks").stream().map(sc -> sc.text("ID", "")).toList(),
                body.has("Checks") || body.has("NodeChecks") || body.has("ServiceChecks"), lockDelay(body));
        request.caller().require(Resource.SESSION, Access.WRITE, spec.node());
        Session session = Sessions.create(spec, clock.millis(), UUID.randomUUID().toString());
        Optional<String> refusal = reads.registry().read(Registry.ReadMode.DEFAULT,
                s -> s.sessionRefusal(session));
        if (refusal.isPresent()) {
            throw new ApiException(500, refusal.get());
        }
        var written = reads.registry().write(new SessionCreate(session));
        if (!written.result()) {
            throw new ApiException(500, "session could not be created: its node or checks changed meanwhile");
        }
        return ApiResponse.json(Json.write(new IdJson(session.id()), request.has("pretty")))
                .withHeaders(Map.of("X-Consul-Index", Long.toString(written.index())));
    }

    /** LockDelay: a duration string, or a number (see {@link Sessions#lockDelay(long)}); empty when absent. */
    private static Optional<Duration> lockDelay(Body body) {
        if (!body.has("LockDelay")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Sessions.lockDelay(body.number("LockDelay", 0)));
        } catch (ApiException notANumber) {
            return Optional.of(GoDuration.parse(body.duration("LockDelay")));
        }
    }

    private ApiResponse destroy(ApiRequest request) {
        String id = required(request.pathRest());
        reads.registry().read(Registry.ReadMode.DEFAULT, s -> s.session(id).value())
                .ifPresent(session -> request.caller().require(Resource.SESSION, Access.WRITE, session.node()));
        var written = reads.registry().write(new SessionDestroy(id, clock.millis()));
        return ApiResponse.json(Json.write(true, request.has("pretty")))
                .withHeaders(Map.of("X-Consul-Index", Long.toString(written.index())));
    }

    private ApiResponse renew(ApiRequest request) {
        String id = required(request.pathRest());
        Optional<Session> session = reads.registry().read(Registry.ReadMode.DEFAULT,
                s -> s.session(id).value());
        if (session.isEmpty()) {
            throw ApiException.notFound("Session id '" + id + "' not found");
        }
        request.caller().require(Resource.SESSION, Access.WRITE, session.get().node());
        long deadline = session.get().ttl().isEmpty() ? 0 : clock.millis() + GoDuration.parse(session.get().ttl()).toMillis();
        var written = reads.registry().write(new SessionRenew(id, deadline));
        if (!written.result()) {
            throw ApiException.notFound("Session id '" + id + "' not found");
        }
        Session renewed = reads.registry().read(Registry.ReadMode.STALE, s -> s.session(id).value()).orElse(session.get());
        return ApiResponse.json(Json.write(List.of(SessionJson.of(renewed)), request.has("pretty")))
                .withHeaders(Map.of("X-Consul-Index", Long.toString(written.index())));
    }

    private ApiResponse info(ApiRequest request) {
        String id = required(request.pathRest());
        var result = reads.read(request, Scope.of(Topic.SESSIONS), s -> {
            Indexed<Optional<Session>> found = s.session(id);
            return json(request, new Indexed<>(found.value().stream().toList(), found.index()));
        });
        return Reads.json(request, result);
    }

    private ApiResponse node(ApiRequest request) {
        String node = required(request.pathRest());
        var result = reads.read(request, Scope.of(Topic.SESSIONS), s -> json(request, s.nodeSessions(node)));
        return Reads.json(request, result);
    }

    private ApiResponse list(ApiRequest request) {
        var result = reads.read(request, Scope.of(Topic.SESSIONS), s -> json(request, s.sessions()));
        return Reads.json(request, result);
    }

    private static Indexed<Shown<List<SessionJson>>> json(ApiRequest request, Indexed<List<Session>> sessions) {
        Shown<List<Session>> shown = Shown.list(sessions.value(),
                s -> request.caller().authorizer().canRead(Resource.SESSION, s.node()));
        return new Indexed<>(new Shown<>(shown.value().stream().map(SessionJson::of).toList(), shown.filtered()),
                sessions.index());
    }

    private static String required(String id) {
        if (id.isEmpty()) {
            throw ApiException.badRequest("Missing session");
        }
        return id;
    }
}
