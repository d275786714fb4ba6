package dev.signpost.http;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import dev.signpost.client.GoDuration;
import dev.signpost.core.Registry;
import dev.signpost.core.command.SessionCreate;
import dev.signpost.core.command.SessionDestroy;
import dev.signpost.core.command.SessionRenew;
import dev.signpost.core.model.Check;
import dev.signpost.core.model.Session;
import dev.signpost.core.state.Indexed;
import dev.signpost.core.watch.BlockingQuery.Scope;
import dev.signpost.core.watch.Topic;

/**
 * {@code /v1/session/*} (agent/session_endpoint.go): sessions are validated and given their ID and TTL
 * deadline here, before replication, so that applying them needs no clock or random.
 */
final class SessionEndpoints {
    static final Duration MIN_TTL = Duration.ofSeconds(10);
    static final Duration MAX_TTL = Duration.ofHours(24);
    /** Consul's default lock delay. */
    static final Duration DEFAULT_LOCK_DELAY = Duration.ofSeconds(15);

    private final Reads reads;
    private final Supplier<String> localNode;
    private final Clock clock;

    SessionEndpoints(Reads reads, Supplier<String> localNode, Clock clock) {
        this.reads = requireNonNull(reads, "reads");
        this.localNode = requireNonNull(localNode, "localNode");
        this.clock = requireNonNull(clock, "clock");
    }

    void addTo(Routes routes) {
        routes.exact("PUT", "/v1/session/create", this::create)
                .prefix("PUT", "/v1/session/destroy/", this::destroy)
                .prefix("PUT", "/v1/session/renew/", this::renew)
                .prefix("GET", "/v1/session/info/", this::info)
                .prefix("GET", "/v1/session/node/", this::node)
                .exact("GET", "/v1/session/list", this::list);
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
        if (node.isEmpty()) {
            node = localNode.get();
        }
        Session.Behavior behavior;
        try {
            behavior = Session.Behavior.parse(body.text("Behavior", ""));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        String ttl = body.duration("TTL");
        long deadline = 0;
        if (!ttl.isEmpty()) {
            Duration parsed = GoDuration.parse(ttl);
            if (!parsed.isZero()) {
                if (parsed.compareTo(MIN_TTL) < 0 || parsed.compareTo(MAX_TTL) > 0) {
                    throw ApiException.badRequest("Invalid Session TTL '" + parsed.toNanos() + "', must be between ["
                            + GoDuration.format(MIN_TTL) + "=" + GoDuration.format(MAX_TTL) + "]");
                }
                deadline = clock.millis() + parsed.toMillis();
            } else {
                ttl = "";
            }
        }
        List<String> nodeChecks = new ArrayList<>();
        List<String> serviceChecks = new ArrayList<>();
        boolean anyChecks = body.has("Checks") || body.has("NodeChecks") || body.has("ServiceChecks");
        nodeChecks.addAll(body.strings("Checks"));
        body.strings("NodeChecks").stream().filter(c -> !nodeChecks.contains(c)).forEach(nodeChecks::add);
        for (Body sc : body.objects("ServiceChecks")) {
            serviceChecks.add(sc.text("ID", ""));
        }
        if (!anyChecks) {
            nodeChecks.add(Check.SERF_HEALTH); // Consul binds a session to the node's health unless told otherwise
        }
        Session session = new Session(UUID.randomUUID().toString(), body.text("Name", ""), node, nodeChecks,
                serviceChecks, lockDelay(body).toMillis(), behavior, ttl, deadline, 0, 0);
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

    /** LockDelay: a duration string, or a number (Consul's FixupLockDelay: below 1000 it means seconds). */
    private static Duration lockDelay(Body body) {
        if (!body.has("LockDelay")) {
            return DEFAULT_LOCK_DELAY;
        }
        Duration delay;
        try {
            long number = body.number("LockDelay", 0);
            delay = number < 1000 ? Duration.ofSeconds(number) : Duration.ofNanos(number);
        } catch (ApiException notANumber) {
            delay = GoDuration.parse(body.duration("LockDelay"));
        }
        if (delay.isNegative() || delay.compareTo(Duration.ofSeconds(60)) > 0) {
            throw ApiException.badRequest("Invalid LockDelay: must be between 0s and 60s");
        }
        return delay;
    }

    private ApiResponse destroy(ApiRequest request) {
        String id = required(request.pathRest());
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
        long deadline = session.get().ttl().isEmpty() ? 0 : clock.millis() + GoDuration.parse(session.get().ttl()).toMillis();
        var written = reads.registry().write(new SessionRenew(id, deadline));
        if (!written.result()) {
            throw ApiException.notFound("Session id '" + id + "' not found");
        }
        Session renewed = reads.registry().store().read(s -> s.session(id).value()).orElse(session.get());
        return ApiResponse.json(Json.write(List.of(SessionJson.of(renewed)), request.has("pretty")))
                .withHeaders(Map.of("X-Consul-Index", Long.toString(written.index())));
    }

    private ApiResponse info(ApiRequest request) {
        String id = required(request.pathRest());
        var result = reads.read(request, Scope.of(Topic.SESSIONS), s -> {
            Indexed<Optional<Session>> found = s.session(id);
            return new Indexed<>(found.value().map(SessionJson::of).stream().toList(), found.index());
        });
        return Reads.json(request, result);
    }

    private ApiResponse node(ApiRequest request) {
        String node = required(request.pathRest());
        var result = reads.read(request, Scope.of(Topic.SESSIONS), s -> json(s.nodeSessions(node)));
        return Reads.json(request, result);
    }

    private ApiResponse list(ApiRequest request) {
        var result = reads.read(request, Scope.of(Topic.SESSIONS), s -> json(s.sessions()));
        return Reads.json(request, result);
    }

    private static Indexed<List<SessionJson>> json(Indexed<List<Session>> sessions) {
        return new Indexed<>(sessions.value().stream().map(SessionJson::of).toList(), sessions.index());
    }

    private static String required(String id) {
        if (id.isEmpty()) {
            throw ApiException.badRequest("Missing session");
        }
        return id;
    }
}
