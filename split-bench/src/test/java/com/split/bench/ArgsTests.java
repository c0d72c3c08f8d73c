package com.split.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ArgsTests {

    @Test
    void readsNameValuePairsEqualsFormsAndFlags() {
        Args args = Args.parse("produce", "--n", "20_000", "--mode=paced", "--cleanup", "--rate", "100");

        assertThat(args.command()).isEqualTo("produce");
        assertThat(args.positive("n", 1)).isEqualTo(20_000);
        assertThat(args.required("mode")).isEqualTo("paced");
        assertThat(args.flag("cleanup")).isTrue();
        assertThat(args.flag("keep-keys")).isFalse();
        assertThat(args.positiveNumber("rate")).isEqualTo(100.0);
    }

    @Test
    void fallsBackToDefaults() {
        Args args = Args.parse("run");

        assertThat(args.positive("tasks", 20_000)).isEqualTo(20_000);
        assertThat(args.string("redis", "redis://127.0.0.1:6379")).isEqualTo("redis://127.0.0.1:6379");
        assertThat(args.positives("rate", List.of(100.0, 1000.0))).containsExactly(100.0, 1000.0);
        assertThat(args.seconds("latency-seconds", Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void readsListsAndFractionalSeconds() {
        Args args = Args.parse("run", "--rate", "100, 1000,5000", "--latency-seconds", "2.5");

        assertThat(args.positives("rate", List.of())).containsExactly(100.0, 1000.0, 5000.0);
        assertThat(args.seconds("latency-seconds", Duration.ZERO)).isEqualTo(Duration.ofMillis(2500));
    }

    @Test
    void rejectsUnknownOptionsByName() {
        Args args = Args.parse("work", "--concurency", "64");

        assertThatIllegalArgumentException()
                .isThrownBy(() -> args.allowOnly(Work.OPTIONS))
                .withMessageContaining("[concurency]");
    }

    @Test
    void rejectsMalformedInput() {
        assertThatIllegalArgumentException().isThrownBy(Args::parse).withMessageContaining("missing command");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Args.parse("run", "64"))
                .withMessageContaining("unexpected argument '64'");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Args.parse("run", "--tasks", "1", "--tasks", "2"))
                .withMessageContaining("twice");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Args.parse("run", "--tasks", "many").positive("tasks", 1))
                .withMessageContaining("whole number");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Args.parse("run", "--concurrency", "0").intAtLeast("concurrency", 64, 1))
                .withMessageContaining("at least 1");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Args.parse("run", "--rate", "100,-5").positives("rate", List.of()))
                .withMessageContaining("positive");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Args.parse("produce", "--cleanup", "yes").flag("cleanup"))
                .withMessageContaining("flag");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Args.parse("produce", "--mode", "paced").positiveNumber("rate"))
                .withMessageContaining("needs --rate");
    }

    @Test
    void everyCommandAcceptsItsDocumentedOptions() {
        assertThat(Args.parse("produce", "--redis", "redis://x", "--queue", "q", "--n", "1", "--mode", "bulk")
                        .allowOnly(Produce.OPTIONS)
                        .command())
                .isEqualTo("produce");
        assertThat(Set.of("redis", "queue", "concurrency", "warm", "target", "done", "prefix"))
                .isSubsetOf(Work.OPTIONS);
        assertThat(Set.of("tasks", "concurrency", "redis", "rate")).isSubsetOf(Run.OPTIONS);
        assertThat(Set.of("tasks", "concurrency")).isSubsetOf(Soak.OPTIONS);
    }
}
