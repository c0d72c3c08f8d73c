package com.split.tasks.logs;

import ch.qos.logback.classic.LoggerContext;
import com.split.tasks.bus.worker.WorkerContainer;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Attaches a {@link RedisLogAppender} to Logback's root logger while the application context runs. It starts before
 * the workers and stops after them, so their shutdown lines are shipped too, and before the bus closes its Redis
 * connection (phase 1024), so the last records can still be flushed.
 */
public final class LogShipping implements SmartLifecycle {

    /** Between the bus connection's phase (1024) and the workers' ({@link WorkerContainer#PHASE}). */
    public static final int PHASE = 2048;

    private static final Logger log = LoggerFactory.getLogger(LogShipping.class);

    private final RedisLogAppender appender;

    public LogShipping(RedisLogAppender appender) {
        this.appender = appender;
    }

    @Override
    public void start() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext context)) {
            log.warn("Logs are not shipped to Redis: the logging backend is {}, not Logback", factory.getClass());
            return;
        }
        appender.setContext(context);
        appender.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
    }

    @Override
    public void stop() {
        if (appender.getContext() instanceof LoggerContext context) {
            context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(appender);
        }
        appender.stop();
    }

    @Override
    public boolean isRunning() {
        return appender.isStarted();
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
