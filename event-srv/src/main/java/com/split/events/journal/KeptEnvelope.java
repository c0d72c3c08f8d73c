package com.split.events.journal;

import com.split.tasks.TaskEnvelope;
import com.split.tasks.codec.InvalidEnvelopeException;
import com.split.tasks.codec.TaskCodec;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/** The envelope the journal keeps for a task ({@code tasks.envelope}), which it keeps as it came. */
public final class KeptEnvelope {

    private KeptEnvelope() {}

    /** The kept envelope, or null when there is none or it is not a valid envelope. */
    public static @Nullable TaskEnvelope decode(TaskCodec codec, @Nullable String kept) {
        if (kept == null) {
            return null;
        }
        try {
            return codec.decode(kept.getBytes(StandardCharsets.UTF_8));
        } catch (InvalidEnvelopeException e) {
            return null;
        }
    }
}
