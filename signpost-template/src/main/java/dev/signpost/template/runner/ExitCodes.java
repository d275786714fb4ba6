package dev.signpost.template.runner;

/** consul-template's exit codes (cli.go), which scripts and supervisors already test for. */
public final class ExitCodes {

    public static final int OK = 0;
    public static final int ERROR = 11;
    public static final int INTERRUPT = 12;
    public static final int PARSE_FLAGS = 13;
    public static final int RUNNER = 14;
    public static final int CONFIG = 15;

    private ExitCodes() {
    }
}
