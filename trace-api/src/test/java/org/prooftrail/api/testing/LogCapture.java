package org.prooftrail.api.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** What the server logged while it was attached: real logback events, read back by tests. */
public final class LogCapture implements AutoCloseable {
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    public LogCapture() {
        appender.start();
        root.addAppender(appender);
    }

    /** Events at WARN or above from ProofTrail's own loggers. */
    public List<ILoggingEvent> problems() {
        synchronized (appender) { // AppenderBase.doAppend holds this lock while it appends
            return appender.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN)
                    && e.getLoggerName().startsWith("org.prooftrail")).toList();
        }
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }
}
