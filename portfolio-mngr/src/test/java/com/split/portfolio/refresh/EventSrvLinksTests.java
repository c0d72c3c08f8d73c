package com.split.portfolio.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import com.split.portfolio.config.PortfolioProperties;
import java.net.URI;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class EventSrvLinksTests {

    static final UUID TASK = UUID.fromString("0193a5c2-7f3e-7cc1-9d2a-3f1e8a6b4c10");

    @Test
    void linksATaskToItsStateItsEventsAndTheDashboard() {
        EventSrvLinks links = links("https://events.example/split/");

        EventSrvLinks.TaskRef task = links.task(TASK);

        assertThat(task.taskId()).isEqualTo(TASK);
        assertThat(task.links().task()).isEqualTo("https://events.example/split/api/tasks/" + TASK);
        assertThat(task.links().events()).isEqualTo("https://events.example/split/api/tasks/" + TASK + "/events");
        assertThat(task.links().dashboard()).isEqualTo("https://events.example/split/#task=" + TASK);
        assertThat(links.sessionTasks("run-1")).isEqualTo("https://events.example/split/api/tasks?sessionId=run-1");
    }

    @Test
    void aRunLinksToItselfItsPortfolioAndItsTasks() {
        RunLinks run = RunLinks.of("run-x", 7, links("http://localhost:8086"));

        assertThat(run.self()).isEqualTo("/api/runs/run-x");
        assertThat(run.portfolio()).isEqualTo("/api/portfolios/7");
        assertThat(run.recommendations()).isEqualTo("/api/portfolios/7/recommendations");
        assertThat(run.tasks()).isEqualTo("http://localhost:8086/api/tasks?sessionId=run-x");
        assertThat(run.dashboard()).isEqualTo("http://localhost:8086/#session=run-x");
    }

    private static EventSrvLinks links(String base) {
        return new EventSrvLinks(new PortfolioProperties(
                URI.create(base),
                Duration.ofMinutes(15),
                Duration.ofMinutes(1),
                100,
                DataSize.ofMegabytes(1),
                new PortfolioProperties.Seed(true, "user_zero", "Default", List.of("AAPL")),
                new PortfolioProperties.DailyRefresh(
                        true, LocalTime.of(16, 30), ZoneId.of("America/New_York"), "MON-FRI", List.of()),
                "split_stocks"));
    }
}
