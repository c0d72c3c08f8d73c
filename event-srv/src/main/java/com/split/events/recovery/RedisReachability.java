package com.split.events.recovery;

import com.split.tasks.autoconfigure.TaskBusProperties;
import com.split.tasks.bus.QueueInspector;
import com.split.tasks.bus.ReapGate;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Asks Redis for its clock every heartbeat interval, as a worker beats, so that the reconciler takes a silent worker
 * for dead only once Redis has answered event-srv for a whole lease (see {@link ReapGate}).
 */
@Component
class RedisReachability implements SchedulingConfigurer {

    private final QueueInspector inspector;
    private final ReapGate gate;
    private final TaskBusProperties bus;

    RedisReachability(QueueInspector inspector, TaskBusProperties bus) {
        this.inspector = inspector;
        this.bus = bus;
        this.gate = new ReapGate(bus.worker().lease());
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::probe, bus.worker().heartbeatInterval());
    }

    private void probe() {
        try {
            inspector.serverMillis();
        } catch (RuntimeException e) {
            gate.failed();
            return;
        }
        gate.reached();
    }

    /** Whether a worker silent past the lease may be taken for dead now. */
    boolean mayReap() {
        return gate.isOpen();
    }
}
