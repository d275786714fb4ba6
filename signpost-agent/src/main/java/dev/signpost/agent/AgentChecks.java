package dev.signpost.agent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.signpost.core.model.Check;

/**
 * An agent's own checks by ID, with the IDs of each service's checks: dropping a service's checks looks up
 * that service's, instead of going through every check the agent has (tens of thousands on a busy host).
 *
 * <p>Not thread-safe: {@link LocalServices} holds its monitor.
 */
final class AgentChecks {
    private final Map<String, Check> byId = new TreeMap<>();
    private final Map<String, Set<String>> idsByService = new HashMap<>();

    Check get(String checkId) {
        return byId.get(checkId);
    }

    boolean contains(String checkId) {
        return byId.containsKey(checkId);
    }

    /** Adds or replaces a check; a check registered again under another service moves to it. */
    void put(Check check) {
        Check previous = byId.put(check.checkId(), check);
        if (previous != null) {
            unindex(previous);
        }
        idsByService.computeIfAbsent(check.serviceId(), id -> new LinkedHashSet<>()).add(check.checkId());
    }

    /** Adds a check unless one with its ID is held; says whether it was added. */
    boolean putIfAbsent(Check check) {
        if (byId.containsKey(check.checkId())) {
            return false;
        }
        put(check);
        return true;
    }

    void remove(String checkId) {
        Check removed = byId.remove(checkId);
        if (removed != null) {
            unindex(removed);
        }
    }

    /** The checks of one service (the agent's node checks for ""), in registration order. */
    List<Check> ofService(String serviceId) {
        List<Check> result = new ArrayList<>();
        for (String id : idsByService.getOrDefault(serviceId, Set.of())) {
            result.add(byId.get(id));
        }
        return result;
    }

    /** Every check by ID, as a copy. */
    Map<String, Check> copy() {
        return new LinkedHashMap<>(byId);
    }

    private void unindex(Check check) {
        Set<String> ids = idsByService.get(check.serviceId());
        if (ids != null && ids.remove(check.checkId()) && ids.isEmpty()) {
            idsByService.remove(check.serviceId());
        }
    }
}
