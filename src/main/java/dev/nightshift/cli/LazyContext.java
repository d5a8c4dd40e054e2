package dev.nightshift.cli;

import dev.nightshift.NightshiftApplication;
import dev.nightshift.config.ConfigurationException;
import dev.nightshift.jobs.RunningJobs;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The Spring context, started only when a command needs it: {@code --help} and usage errors answer at once
 * and need no ops database. On SIGTERM, running jobs are asked to stop and given time to record it before
 * the context (and its connection pool) closes.
 */
public final class LazyContext implements AutoCloseable {

    private static final long STOP_GRACE_MILLIS = 60_000;

    private final List<Path> configFiles = new ArrayList<>();
    private ConfigurableApplicationContext context;

    void configFiles(List<Path> files) {
        configFiles.clear();
        configFiles.addAll(files);
    }

    public synchronized <T> T bean(Class<T> type) {
        if (context == null) {
            context = start();
            Runtime.getRuntime().addShutdownHook(new Thread(this::shutdownGracefully, "nightshift-shutdown"));
        }
        return context.getBean(type);
    }

    private ConfigurableApplicationContext start() {
        for (Path file : configFiles) {
            if (!Files.isRegularFile(file)) {
                throw new ConfigurationException("configuration file " + file + " does not exist; check the --config path");
            }
        }
        SpringApplicationBuilder builder = new SpringApplicationBuilder(NightshiftApplication.class)
                .web(WebApplicationType.NONE)
                .registerShutdownHook(false);
        if (!configFiles.isEmpty()) {
            String locations = configFiles.stream().map(f -> "file:" + f.toAbsolutePath())
                    .collect(Collectors.joining(","));
            builder.properties("spring.config.additional-location=" + locations);
        }
        return builder.run();
    }

    private void shutdownGracefully() {
        ConfigurableApplicationContext current;
        synchronized (this) {
            current = context;
        }
        if (current == null || !current.isActive()) {
            return;
        }
        RunningJobs running = current.getBean(RunningJobs.class);
        if (!running.ids().isEmpty()) {
            System.err.println("nightshift: stopping running job executions " + running.ids() + " ...");
            running.requestShutdown();
            try {
                running.awaitIdle(STOP_GRACE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        current.close();
    }

    @Override
    public synchronized void close() {
        if (context != null && context.isActive()) {
            context.close();
        }
        context = null;
    }
}
