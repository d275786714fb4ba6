package dev.signpost.agent;

import dev.signpost.core.InvalidRequestException;
import dev.signpost.core.model.CheckDefinition;

/** Consul's registration rules on how a check runs (agent/structs/check_type.go Validate), with Consul's texts. */
final class CheckRules {
    private CheckRules() {
    }

    /**
     * @param scriptsEnabled whether script and docker checks may be registered ({@code -enable-script-checks})
     * @throws InvalidRequestException when the definition breaks a rule
     */
    static void validate(CheckDefinition d, boolean scriptsEnabled) {
        String type = d.type();
        if ((type.equals("script") || type.equals("docker")) && !scriptsEnabled) {
            throw new InvalidRequestException("Scripts are disabled on this agent; to enable, configure "
                    + "'enable_script_checks' or 'enable_local_script_checks' to true");
        }
        if ((type.equals("http") || type.equals("tcp") || type.equals("script") || type.equals("docker"))
                && d.interval().isEmpty()) {
            throw new InvalidRequestException(
                    "Invalid check: Interval must be > 0 for Script, HTTP, TCP or Docker checks");
        }
        if (type.equals("docker") && d.args().isEmpty()) {
            throw new InvalidRequestException("Invalid check: Docker checks need Args to run in the container");
        }
    }
}
