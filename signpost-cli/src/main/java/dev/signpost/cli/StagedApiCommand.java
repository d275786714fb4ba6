package dev.signpost.cli;

/**
 * A command whose error prefix follows the call it is at, as consul's commands word each failing step apart
 * ("Error getting checks: ", then "Error enabling node maintenance: "): set {@link #prefix} before each step.
 */
abstract class StagedApiCommand extends ApiCommand {
    String prefix;

    StagedApiCommand(String firstPrefix) {
        this.prefix = firstPrefix;
    }

    @Override
    final String errorPrefix() {
        return prefix;
    }
}
