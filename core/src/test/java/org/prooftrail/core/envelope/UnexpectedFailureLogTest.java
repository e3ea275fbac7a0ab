package org.prooftrail.core.envelope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.slf4j.LoggerFactory;

/** What the verifier logs, read back from logback: a device sending odd input again and again must not flood it. */
class UnexpectedFailureLogTest {
    private static final TestDevices DEVICES = new TestDevices();

    @Test
    void aBugMetAgainAndAgainIsLoggedOnceWithItsStackTrace() {
        UnexpectedFailureLog log = new UnexpectedFailureLog();
        List<ILoggingEvent> lines = logged(() -> {
            for (int i = 0; i < 1_000; i++) {
                log.failed(RejectionReason.SCHEMA_VIOLATION, new IllegalStateException("bug " + i));
            }
        });
        assertEquals(1, lines.size());
        assertNotNull(lines.get(0).getThrowableProxy());
        assertEquals("bug 0", lines.get(0).getThrowableProxy().getMessage());
    }

    @Test
    void aSeqOfOneE999IsAnOrdinaryRejectionAndLogsNothing() {
        EnvelopeVerifier verifier = new EnvelopeVerifier(DEVICES.lookup());
        byte[] raw = DEVICES.sign(SignatureAlgorithm.EdDSA, "{\"dev\":\"dev-eddsa\",\"seq\":1e999,\"ts\":\"2025-06-01T08:30:00Z\","
                + "\"readings\":" + TestDevices.ONE_READING + "}");
        List<ILoggingEvent> lines = logged(() -> {
            for (int i = 0; i < 100; i++) {
                Rejection r = assertInstanceOf(Rejection.class, verifier.verify(raw));
                assertEquals(RejectionReason.SCHEMA_VIOLATION, r.reason());
            }
        });
        assertEquals(List.of(), lines.stream().map(ILoggingEvent::getFormattedMessage).toList());
    }

    private static List<ILoggingEvent> logged(Runnable action) {
        Logger logger = (Logger) LoggerFactory.getLogger(EnvelopeVerifier.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            action.run();
        } finally {
            logger.detachAppender(appender);
            appender.stop();
        }
        return List.copyOf(appender.list);
    }
}
