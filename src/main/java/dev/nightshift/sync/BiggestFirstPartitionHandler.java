package dev.nightshift.sync;

import org.springframework.batch.core.partition.support.TaskExecutorPartitionHandler;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.core.task.TaskExecutor;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Starts the table partitions in the order of their names, which is the spool's order: biggest table first.
 * The stock handler starts them in hash-set order, and a big table started last kept one thread loading
 * alone for seconds while the other had nothing left (the benchmark showed 5 s of a 21 s data step).
 */
final class BiggestFirstPartitionHandler extends TaskExecutorPartitionHandler {

    BiggestFirstPartitionHandler(Step step, TaskExecutor executor, int gridSize) {
        setStep(step);
        setTaskExecutor(executor);
        setGridSize(gridSize);
    }

    @Override
    protected Set<StepExecution> doHandle(StepExecution manager, Set<StepExecution> partitions) throws Exception {
        Set<StepExecution> ordered = new LinkedHashSet<>();
        partitions.stream().sorted(Comparator.comparing(StepExecution::getStepName)).forEach(ordered::add);
        return super.doHandle(manager, ordered);
    }
}
