package com.split.tasks.logs;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import com.split.tasks.TaskIds;
import com.split.tasks.Traceparent;
import com.split.tasks.bus.BusRedis;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.logging.LogLevel;
import tools.jackson.databind.json.JsonMapper;

/**
 * Ships log records at or above a level to the {@code split:logs} stream as {@link LogRecord}s. It never blocks or
 * fails the thread that logs: that thread only lets Logback fix the formatted message, thread name and MDC, and puts
 * the event into a bounded buffer; when the buffer is full the oldest record is dropped and counted. One daemon thread
 * masks, encodes and sends batches as pipelined {@code XADD}s on the bus's shared connection, and waits out a Redis
 * outage without draining the buffer, so what it holds is always the newest records. When shipping works again it logs
 * one WARN line (to the other appenders) with the number dropped.
 *
 * <p>Accounting, exact once the buffer is empty: {@code accepted = shipped + dropped + buffered}. A record whose reply
 * was lost (Redis died mid-batch) is sent again with the same {@code id}, so the stream may hold it twice; readers
 * deduplicate on {@code id}. Records of this appender's own thread and of the {@code io.lettuce} and
 * {@code com.split.tasks.logs} loggers are never shipped: shipping them could feed itself.
 */
public final class RedisLogAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

    /** Longest message or stack trace shipped; more is cut, after masking so that no secret is cut in half. */
    static final int MAX_TEXT = 16 * 1024;

    /**
     * Text masked before the cut: masking takes time in proportion to the text, and only many long secrets could
     * shrink this much text to under {@link #MAX_TEXT}.
     */
    private static final int MAX_MASKED = 4 * MAX_TEXT;

    private static final Logger log = LoggerFactory.getLogger(RedisLogAppender.class);
    private static final Duration MIN_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final Duration OVERFLOW_REPORT_INTERVAL = Duration.ofMinutes(1);
    private static final long POLL_MILLIS = 200;

    private final BusRedis redis;
    private final JsonMapper mapper;
    private final String stream;
    private final String module;
    private final String instance;
    private final Level threshold;
    private final int bufferSize;
    private final int batchSize;
    private final Duration flushTimeout;
    private final XAddArgs addArgs;
    private final LinkedBlockingDeque<Pending> buffer;
    private final LongAdder accepted = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder shipped = new LongAdder();
    private volatile @Nullable Thread shipper;
    private volatile boolean stopping;

    // Shipping thread only.
    private long droppedReported;
    private long lastOverflowReport = System.nanoTime() - OVERFLOW_REPORT_INTERVAL.toNanos();
    private boolean paused;

    /**
     * @param mapper {@code TaskCodec}'s mapper, which writes the record's snake_case JSON
     * @param stream the stream key, {@code RedisKeys.logs()}
     * @param module the application name every record carries
     * @param instance this process's worker id
     */
    public RedisLogAppender(
            BusRedis redis,
            JsonMapper mapper,
            String stream,
            String module,
            String instance,
            LogShippingProperties settings) {
        this.redis = redis;
        this.mapper = mapper;
        this.stream = stream;
        this.module = module;
        this.instance = instance;
        this.threshold = Level.toLevel(
                settings.level() == LogLevel.FATAL ? "ERROR" : settings.level().name());
        this.bufferSize = settings.bufferSize();
        this.batchSize = settings.batchSize();
        this.flushTimeout = settings.flushTimeout();
        this.addArgs = new XAddArgs().maxlen(settings.streamMaxLength()).approximateTrimming();
        this.buffer = new LinkedBlockingDeque<>(bufferSize);
        setName("split-logs");
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (!event.getLevel().isGreaterOrEqual(threshold)
                || Thread.currentThread() == shipper
                || isExcluded(event.getLoggerName())) {
            return;
        }
        // Fixes what must be read on this thread (formatted message, thread name, MDC); the stack trace is only
        // printed on the shipping thread.
        event.prepareForDeferredProcessing();
        accepted.increment();
        Pending pending = new Pending(event);
        while (!buffer.offerLast(pending)) {
            if (buffer.pollFirst() != null) {
                dropped.increment();
            }
        }
    }

    private static boolean isExcluded(String logger) {
        return logger.startsWith("io.lettuce.") || logger.startsWith("com.split.tasks.logs.");
    }

    @Override
    public void start() {
        if (isStarted()) {
            return;
        }
        stopping = false;
        Thread thread = new Thread(this::ship, "split-log-shipper");
        thread.setDaemon(true);
        shipper = thread;
        super.start();
        thread.start();
    }

    /**
     * Stops taking records and waits up to {@code flush-timeout} for the buffer to reach Redis; what is still buffered
     * then is counted as dropped.
     */
    @Override
    public void stop() {
        Thread thread = shipper;
        if (!isStarted() || thread == null) {
            return;
        }
        super.stop();
        stopping = true;
        try {
            thread.join(flushTimeout.toMillis());
            thread.interrupt();
            thread.join(MAX_BACKOFF.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int lost = buffer.size();
        buffer.clear();
        dropped.add(lost);
        long unreported = dropped.sum() - droppedReported;
        if (unreported > 0) {
            log.warn(
                    "Log shipping to {} stopped; {} records were dropped since the last report, {} of them at shutdown",
                    stream,
                    unreported,
                    lost);
        }
        shipper = null;
    }

    /** Records taken for shipping since start. */
    public long accepted() {
        return accepted.sum();
    }

    /** Records Redis confirmed. */
    public long shipped() {
        return shipped.sum();
    }

    /** Records dropped: the oldest when the buffer was full, those left at shutdown, any that could not be encoded. */
    public long dropped() {
        return dropped.sum();
    }

    /** Records waiting in the buffer. */
    public int buffered() {
        return buffer.size();
    }

    private void ship() {
        List<Pending> batch = new ArrayList<>(batchSize);
        long backoff = 0;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                if (backoff > 0) {
                    Thread.sleep(backoff);
                }
                Pending first = buffer.pollFirst(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (stopping) {
                        return;
                    }
                    continue;
                }
                batch.add(first);
            } catch (InterruptedException e) {
                return;
            }
            buffer.drainTo(batch, batchSize - 1);
            RuntimeException failure = sendOrRequeue(batch);
            batch.clear();
            if (failure == null) {
                backoff = 0;
                reportDrops();
            } else {
                backoff = Math.clamp(backoff * 2, MIN_BACKOFF.toMillis(), MAX_BACKOFF.toMillis());
                if (!paused) {
                    paused = true;
                    log.info(
                            "Log shipping to {} paused, keeping the newest {} records until Redis answers: {}",
                            stream,
                            bufferSize,
                            failure.toString());
                }
            }
        }
    }

    /** Sends the batch; what Redis did not confirm goes back to the front of the buffer. Null when all went out. */
    private @Nullable RuntimeException sendOrRequeue(List<Pending> batch) {
        RedisClusterAsyncCommands<String, byte[]> commands;
        try {
            commands = redis.commands();
            // While Lettuce reconnects it would buffer the commands, and one that timed out here could still run
            // later, a duplicate: sending only on an open connection keeps the buffer the one place records wait.
            if (!redis.isConnected()) {
                throw new IllegalStateException("Redis is not connected");
            }
        } catch (RuntimeException e) {
            requeue(batch);
            return e;
        }
        List<Pending> encoded = new ArrayList<>(batch.size());
        List<RedisFuture<String>> replies = new ArrayList<>(batch.size());
        for (Pending pending : batch) {
            byte[] json = encode(pending);
            if (json != null) {
                encoded.add(pending);
                replies.add(commands.xadd(stream, addArgs, Map.of(LogRecord.STREAM_FIELD, json)));
            }
        }
        List<Pending> failed = new ArrayList<>();
        RuntimeException failure = null;
        long deadline = System.nanoTime() + redis.commandTimeout().toNanos();
        for (int i = 0; i < replies.size(); i++) {
            try {
                BusRedis.await(replies.get(i), Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
                shipped.increment();
            } catch (RuntimeException e) {
                failed.add(encoded.get(i));
                failure = e;
            }
        }
        requeue(failed);
        return failure;
    }

    /** Puts records back in front of newer ones; where newer ones filled the buffer meanwhile, these are the oldest. */
    private void requeue(List<Pending> records) {
        for (int i = records.size() - 1; i >= 0; i--) {
            if (!buffer.offerFirst(records.get(i))) {
                dropped.increment();
            }
        }
    }

    /** The record's JSON, made once so that a resend keeps its id; null (and counted as dropped) if it cannot be made. */
    private byte @Nullable [] encode(Pending pending) {
        ILoggingEvent event = pending.event;
        if (pending.json == null && event != null) {
            try {
                pending.json = toRecord(event).toJson(mapper);
                pending.event = null;
            } catch (RuntimeException e) {
                dropped.increment();
                log.warn("A log record of {} was not shipped: it could not be encoded", event.getLoggerName(), e);
            }
        }
        return pending.json;
    }

    private void reportDrops() {
        long total = dropped.sum();
        long unreported = total - droppedReported;
        if (paused) {
            paused = false;
            droppedReported = total;
            if (unreported > 0) {
                log.warn(
                        "Log shipping to {} resumed; {} records were dropped while it was paused (buffer-size {})",
                        stream,
                        unreported,
                        bufferSize);
            } else {
                log.info("Log shipping to {} resumed; no record was dropped", stream);
            }
        } else if (unreported > 0 && System.nanoTime() - lastOverflowReport > OVERFLOW_REPORT_INTERVAL.toNanos()) {
            lastOverflowReport = System.nanoTime();
            droppedReported = total;
            log.warn(
                    "Log shipping to {} dropped {} records: more were logged than it could send (buffer-size {})",
                    stream,
                    unreported,
                    bufferSize);
        }
    }

    LogRecord toRecord(ILoggingEvent event) {
        Map<String, String> mdc = new HashMap<>();
        String taskId = null;
        String sessionId = null;
        String userId = null;
        String traceparent = null;
        for (Map.Entry<String, String> entry : event.getMDCPropertyMap().entrySet()) {
            String value = entry.getValue();
            if (value == null) {
                continue;
            }
            switch (entry.getKey()) {
                case "task_id" -> taskId = value;
                case "session_id" -> sessionId = value;
                case "user_id" -> userId = value;
                case Traceparent.MDC_KEY -> traceparent = value;
                default -> mdc.put(entry.getKey(), SecretMasker.mask(value));
            }
        }
        IThrowableProxy thrown = event.getThrowableProxy();
        LogRecord.ExceptionInfo exception = thrown == null
                ? null
                : new LogRecord.ExceptionInfo(
                        thrown.getClassName(),
                        thrown.getMessage() == null ? null : capped(thrown.getMessage()),
                        capped(ThrowableProxyUtil.asString(thrown)));
        return new LogRecord(
                TaskIds.newId(),
                Instant.ofEpochMilli(event.getTimeStamp()),
                event.getLevel().toString(),
                module,
                instance,
                event.getLoggerName(),
                event.getThreadName(),
                capped(event.getFormattedMessage()),
                exception,
                taskId,
                sessionId,
                userId,
                traceparent,
                mdc);
    }

    private static String capped(String text) {
        String masked = SecretMasker.mask(text.length() <= MAX_MASKED ? text : text.substring(0, MAX_MASKED));
        return masked.length() <= MAX_TEXT ? masked : masked.substring(0, MAX_TEXT) + "… (cut at 16 KiB)";
    }

    /** A buffered record: the event until it is encoded, then only its JSON. */
    private static final class Pending {
        private @Nullable ILoggingEvent event;
        private byte @Nullable [] json;

        Pending(ILoggingEvent event) {
            this.event = event;
        }
    }
}
