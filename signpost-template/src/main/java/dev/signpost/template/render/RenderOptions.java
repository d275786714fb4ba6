package dev.signpost.template.render;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Per-template settings that consul-template's template block carries: delimiters ({@code left_delimiter},
 * {@code right_delimiter}; empty means {@code {{ }}}), {@code error_on_missing_key}, {@code function_denylist} (glob
 * patterns such as {@code sprig_*}), plus the environment that env/mustEnv/envOrDefault read and the clock
 * timestamp reads. Immutable.
 */
public record RenderOptions(String leftDelimiter, String rightDelimiter, boolean errorOnMissingKey,
                            List<String> functionDenylist, Map<String, String> env, Clock clock) {

    public RenderOptions {
        requireNonNull(leftDelimiter, "leftDelimiter");
        requireNonNull(rightDelimiter, "rightDelimiter");
        functionDenylist = List.copyOf(functionDenylist);
        env = Map.copyOf(env);
        requireNonNull(clock, "clock");
    }

    /** consul-template's defaults, with this process's environment and the system UTC clock. */
    public static RenderOptions defaults() {
        return new RenderOptions("", "", false, List.of(), System.getenv(), Clock.systemUTC());
    }

    public RenderOptions withDelimiters(String left, String right) {
        return new RenderOptions(left, right, errorOnMissingKey, functionDenylist, env, clock);
    }

    public RenderOptions withErrorOnMissingKey(boolean value) {
        return new RenderOptions(leftDelimiter, rightDelimiter, value, functionDenylist, env, clock);
    }

    public RenderOptions withFunctionDenylist(List<String> value) {
        return new RenderOptions(leftDelimiter, rightDelimiter, errorOnMissingKey, value, env, clock);
    }

    public RenderOptions withEnv(Map<String, String> value) {
        return new RenderOptions(leftDelimiter, rightDelimiter, errorOnMissingKey, functionDenylist, value, clock);
    }

    public RenderOptions withClock(Clock value) {
        return new RenderOptions(leftDelimiter, rightDelimiter, errorOnMissingKey, functionDenylist, env, value);
    }
}
