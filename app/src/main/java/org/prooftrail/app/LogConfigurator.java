package org.prooftrail.app;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.util.StatusPrinter;
import java.net.URL;

/**
 * Configures logback from the app's own {@value #RESOURCE} before logback looks for a logback.xml. The
 * embedded HiveMQ jar carries a logback.xml too; finding two, logback printed its whole status report
 * (about 34 lines) to stdout ahead of every command's output, so {@code $(prooftrail token ...)} captured
 * them with the token. Registered in META-INF/services; an operator's -Dlogback.configurationFile and a
 * test's logback-test.xml still win.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogConfigurator extends ContextAwareBase implements Configurator {
    static final String RESOURCE = "prooftrail-logback.xml";
    static final String LEVEL = "PT_LOG_LEVEL";
    private static final java.util.List<String> LEVELS = java.util.List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        ClassLoader loader = LogConfigurator.class.getClassLoader();
        if (System.getProperty("logback.configurationFile") != null || loader.getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        // logback's own warnings (a wrong PT_LOG_LEVEL, say) are logging too: stderr, never a command's output
        StatusPrinter.setPrintStream(System.err);
        URL config = loader.getResource(RESOURCE);
        if (config == null) {
            addWarn(RESOURCE + " is missing from the classpath; using logback's defaults");
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        checkLevel(context);
        JoranConfigurator joran = new JoranConfigurator();
        joran.setContext(context);
        try {
            joran.doConfigure(config);
        } catch (JoranException e) {
            addError("cannot read " + config, e);
        }
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /**
     * Logback reads an unknown level word as DEBUG without a word of warning; a typo in
     * {@value #LEVEL} then floods the logs. A wrong value is named on stderr and INFO is used (a
     * context property wins over the environment variable in the configuration's substitution).
     */
    private static void checkLevel(LoggerContext context) {
        String raw = System.getenv(LEVEL);
        if (raw == null || raw.isBlank() || LEVELS.contains(raw.trim().toUpperCase(java.util.Locale.ROOT))) {
            return;
        }
        System.err.println(LEVEL + " must be one of " + String.join(", ", LEVELS) + ", got '" + raw + "'; logging at INFO");
        context.putProperty(LEVEL, "INFO");
    }
}
