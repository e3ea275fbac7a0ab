package org.prooftrail.core.config;

/**
 * A configuration value that is missing or wrong. The message is one line that names the variable,
 * what it must be and what was given, so an operator can fix it without reading a stack trace.
 */
public final class ConfigException extends RuntimeException {
    private final String variable;

    public ConfigException(String variable, String problem) {
        super(variable + ": " + problem);
        this.variable = variable;
    }

    public String variable() {
        return variable;
    }
}
