package dev.nightshift.jobs;

import org.springframework.batch.core.job.AbstractJob;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Adds the listeners every Nightshift job needs (liveness, stop on shutdown, metrics, the sweep of dead jobs' scratch databases) to each job bean, so a job
 * configuration cannot forget them.
 */
@Component
class JobListenerRegistrar implements BeanPostProcessor {

    private final ObjectProvider<JobLiveness> liveness;
    private final ObjectProvider<RunningJobs> running;
    private final ObjectProvider<JobMetrics> metrics;
    private final ObjectProvider<ScratchSweep> scratchSweep;

    JobListenerRegistrar(ObjectProvider<JobLiveness> liveness, ObjectProvider<RunningJobs> running,
                         ObjectProvider<JobMetrics> metrics, ObjectProvider<ScratchSweep> scratchSweep) {
        this.liveness = liveness;
        this.running = running;
        this.metrics = metrics;
        this.scratchSweep = scratchSweep;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof AbstractJob job) {
            job.registerJobExecutionListener(liveness.getObject());
            job.registerJobExecutionListener(running.getObject());
            job.registerJobExecutionListener(metrics.getObject());
            job.registerJobExecutionListener(scratchSweep.getObject());
        }
        return bean;
    }
}
