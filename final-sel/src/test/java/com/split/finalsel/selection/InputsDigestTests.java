package com.split.finalsel.selection;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InputsDigestTests {

    @Test
    void framedValuesDoNotCollideByConcatenation() {
        assertThat(new InputsDigest().add("ab").add("c").hex())
                .isNotEqualTo(new InputsDigest().add("a").add("bc").hex());
        assertThat(new InputsDigest().add((String) null).hex())
                .isNotEqualTo(new InputsDigest().add("").hex());
        assertThat(new InputsDigest().add((Double) null).hex())
                .isNotEqualTo(new InputsDigest().add(0.0).hex());
    }

    @Test
    void theSameValuesGiveTheSameDigestAndAnyChangeAnother() {
        String digest = new InputsDigest().add("AAPL").add(187.25).add(20_000L).hex();
        assertThat(digest)
                .hasSize(64)
                .isEqualTo(
                        new InputsDigest().add("AAPL").add(187.25).add(20_000L).hex());
        assertThat(new InputsDigest()
                        .add("AAPL")
                        .add(Math.nextUp(187.25))
                        .add(20_000L)
                        .hex())
                .isNotEqualTo(digest);
    }
}
