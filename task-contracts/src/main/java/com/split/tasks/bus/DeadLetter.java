package com.split.tasks.bus;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * An entry of {@code split:{Q}:dead}: why a task left the bus, and its envelope byte for byte. An envelope that is
 * valid UTF-8 is kept as text in {@code envelope}; any other is kept in {@code envelope_base64}, so nothing is lost in
 * either case.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeadLetter(
        String reason,
        Instant failedAt,
        @Nullable String workerId,
        @Nullable String envelope,
        @Nullable String envelopeBase64) {

    public static DeadLetter of(String reason, Instant failedAt, @Nullable String workerId, byte[] envelope) {
        try {
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(envelope))
                    .toString();
            return new DeadLetter(reason, failedAt, workerId, text, null);
        } catch (CharacterCodingException e) {
            return new DeadLetter(
                    reason, failedAt, workerId, null, Base64.getEncoder().encodeToString(envelope));
        }
    }

    /** The envelope exactly as it was on the bus. */
    public byte[] envelopeBytes() {
        return envelope != null
                ? envelope.getBytes(StandardCharsets.UTF_8)
                : Base64.getDecoder().decode(envelopeBase64);
    }

    public byte[] toJson(JsonMapper mapper) {
        return mapper.writeValueAsBytes(this);
    }

    public static DeadLetter fromJson(JsonMapper mapper, byte[] json) {
        return mapper.readValue(json, DeadLetter.class);
    }
}
