package dev.signpost.core.command;

import static java.util.Objects.requireNonNull;

/** Deletes a policy; tokens and roles that link to it keep the link, which then grants nothing. */
public record AclPolicyDelete(String id) implements Command {
    public AclPolicyDelete {
        requireNonNull(id, "id");
    }
}
