package com.split.initfilter.filtration;

import com.split.initfilter.screening.GateResult;
import com.split.initfilter.screening.Screening;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * {@code split.filter.tickers{verdict}}: tickers screened, by verdict; {@code split.filter.gates{gate,verdict}}: what
 * each gate decided, the first place to look when everything fails; {@code split.filter.rows.written}: rows upserted
 * (0 for a rerun on unchanged inputs); {@code split.filter.sessions{result=written|unchanged}}: sessions screened;
 * {@code split.filter.phase{phase=read|screen|write}}: where a session's time goes.
 */
@Component
class FilterMetrics {

    private final MeterRegistry registry;

    FilterMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    <T> T time(String phase, Supplier<T> work) {
        return Timer.builder("split.filter.phase")
                .description("Time a session's screening spends reading, screening and writing")
                .tag("phase", phase)
                .register(registry)
                .record(work);
    }

    void screened(List<Screening> screenings, int written) {
        for (Screening screening : screenings) {
            Counter.builder("split.filter.tickers")
                    .description("Tickers screened, by verdict")
                    .tag("verdict", screening.verdict().wireName())
                    .register(registry)
                    .increment();
            for (GateResult gate : screening.gates()) {
                Counter.builder("split.filter.gates")
                        .description("Gate verdicts")
                        .tag("gate", gate.gate().wireName())
                        .tag("verdict", gate.verdict().wireName())
                        .register(registry)
                        .increment();
            }
        }
        Counter.builder("split.filter.rows.written")
                .description("initial_filtration rows upserted")
                .register(registry)
                .increment(written);
        Counter.builder("split.filter.sessions")
                .description("Sessions screened, by whether their rows changed")
                .tag("result", written > 0 ? "written" : "unchanged")
                .register(registry)
                .increment();
    }
}
