package com.split.events.schedule;

import com.split.tasks.bus.schedule.Schedule;
import com.split.web.InvalidParameterException;
import com.split.web.Parameters;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Recurring schedules: every one, with its next and last run; those made here can be changed and removed here. */
@RestController
@RequestMapping("/api/schedules")
class ScheduleController {

    private final ScheduleService schedules;

    ScheduleController(ScheduleService schedules) {
        this.schedules = schedules;
    }

    @GetMapping
    List<ScheduleView> list() {
        return schedules.all();
    }

    @GetMapping("/{name}")
    ScheduleView get(@PathVariable String name) {
        return schedules.get(name).orElseThrow(() -> notFound(name));
    }

    /** Defines the schedule, or redefines it: 201 when new, 200 when it replaced one. */
    @PutMapping("/{name}")
    ResponseEntity<ScheduleView> put(
            Authentication caller, @PathVariable String name, @RequestBody @Nullable ScheduleRequest request) {
        if (request == null) {
            throw new InvalidParameterException("body", "is required: a schedule with cron or every, and its task");
        }
        Schedule schedule;
        try {
            schedule = new Schedule(
                    name,
                    Parameters.blankToNull(request.cron()),
                    Parameters.blankToNull(request.zone()),
                    Parameters.blankToNull(request.every()),
                    request.missed(),
                    request.task(),
                    Schedule.API_OWNER,
                    Instant.now(),
                    caller.getName());
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("body", "is not a schedule that can be: " + e.getMessage());
        }
        ScheduleService.Put put = schedules.put(schedule);
        return ResponseEntity.status(put.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(put.view());
    }

    @DeleteMapping("/{name}")
    ResponseEntity<Void> remove(Authentication caller, @PathVariable String name) {
        if (!schedules.remove(name, caller.getName())) {
            throw notFound(name);
        }
        return ResponseEntity.noContent().build();
    }

    private static ErrorResponseException notFound(String name) {
        ErrorResponseException notFound = new ErrorResponseException(HttpStatus.NOT_FOUND);
        notFound.setTitle("Schedule not found");
        notFound.setDetail("There is no schedule '%s'".formatted(name));
        return notFound;
    }
}
