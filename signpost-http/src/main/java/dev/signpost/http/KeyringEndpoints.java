package dev.signpost.http;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.signpost.core.acl.Access;
import dev.signpost.core.acl.Resource;

/**
 * {@code /v1/operator/keyring} (agent/operator_endpoint.go OperatorKeyringEndpoint): GET lists, POST installs, PUT
 * makes a key primary, DELETE removes one, on every member. A pool that failed makes the answer a 500 worded as
 * Consul's multierror ("dc1 (LAN) error: 1/3 nodes reported failure", then each node's message).
 */
final class KeyringEndpoints {
    private final KeyringOperator keyring;

    KeyringEndpoints(KeyringOperator keyring) {
        this.keyring = requireNonNull(keyring, "keyring");
    }

    void addTo(Routes routes) {
        Guard read = Guard.needs(Resource.KEYRING, Access.READ);
        Guard write = Guard.needs(Resource.KEYRING, Access.WRITE);
        routes.exact("GET", "/v1/operator/keyring", read, this::list)
                .exact("POST", "/v1/operator/keyring", write, r -> change(r, KeyringOperator.Operation.INSTALL))
                .exact("PUT", "/v1/operator/keyring", write, r -> change(r, KeyringOperator.Operation.USE))
                .exact("DELETE", "/v1/operator/keyring", write, r -> change(r, KeyringOperator.Operation.REMOVE));
    }

    /** Consul's api.KeyringResponse; Partition and Messages are left out when empty, as its omitempty does. */
    record PoolJson(boolean WAN, String Datacenter, String Segment,
                    @JsonInclude(JsonInclude.Include.NON_EMPTY) String Partition,
                    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> Messages,
                    Map<String, Integer> Keys, Map<String, Integer> PrimaryKeys, int NumNodes) {
    }

    private ApiResponse list(ApiRequest request) {
        relayFactor(request);
        List<KeyringOperator.PoolAnswer> answers = keyring.run(KeyringOperator.Operation.LIST, "");
        failIfAny(answers);
        List<PoolJson> pools = answers.stream().map(a -> new PoolJson(a.wan(), a.datacenter(), "", "", a.messages(),
                new LinkedHashMap<>(a.keys()), new LinkedHashMap<>(a.primaryKeys()), a.numNodes())).toList();
        return ApiResponse.json(Json.write(pools, request.has("pretty")));
    }

    private ApiResponse change(ApiRequest request, KeyringOperator.Operation operation) {
        String key;
        try {
            key = request.body().length == 0 ? "" : Json.read(request.body()).requireObject().text("Key", "");
        } catch (ApiException e) {
            throw ApiException.badRequest("Request decode failed: " + e.getMessage());
        }
        relayFactor(request);
        if (request.param("local-only").filter(v -> !v.isEmpty() && !v.equals("false")).isPresent()) {
            throw ApiException.badRequest("Invalid use of local-only: local-only can only be set for list requests");
        }
        failIfAny(keyring.run(operation, key));
        return ApiResponse.empty();
    }

    /** Consul accepts a relay factor of 0 to 5; Signpost asks every member directly, so it changes nothing else. */
    private static void relayFactor(ApiRequest request) {
        String value = request.param("relay-factor").orElse("");
        if (value.isEmpty()) {
            return;
        }
        int factor;
        try {
            factor = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("Error parsing relay factor: strconv.Atoi: parsing \"" + value
                    + "\": invalid syntax");
        }
        if (factor < 0 || factor > 5) {
            throw ApiException.badRequest("Invalid relay-factor: Relay factor must be in range: [0, 5]");
        }
    }

    /** Consul's keyringErrorsOrNil, in go-multierror's words. */
    private static void failIfAny(List<KeyringOperator.PoolAnswer> answers) {
        List<String> errors = new ArrayList<>();
        for (KeyringOperator.PoolAnswer answer : answers) {
            if (answer.error().isEmpty()) {
                continue;
            }
            errors.add((answer.wan() ? "WAN" : answer.datacenter() + " (LAN)") + " error: " + answer.error());
            answer.messages().forEach((node, message) -> errors.add(node + ": " + message));
        }
        if (errors.isEmpty()) {
            return;
        }
        String text = errors.size() == 1 ? "1 error occurred:\n\t* " + errors.get(0) + "\n\n"
                : errors.size() + " errors occurred:\n\t* " + String.join("\n\t* ", errors) + "\n\n";
        throw new ApiException(500, text);
    }
}
