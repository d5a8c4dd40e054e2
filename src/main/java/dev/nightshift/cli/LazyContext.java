package dev.nightshift.cli;

import dev.nightshift.NightshiftApplication;
import dev.nightshift.config.ConfigurationException;
import dev.nightshift.jobs.RunningJobs;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The Spring context, started only when a command needs it: {@code --help} and usage errors answer at once
 * and need no ops database. On SIGTERM, running jobs are asked to stop and given time to record it before
 * the context (and its connection pool) closes.
 */
public final class LazyContext implements AutoCloseable {

    private static final long STOP_GRACE_MILLIS = 60_000;

    private final List<Path> configFiles = new ArrayList<>();
    private final List<Runnable> beforeStop = new ArrayList<>();
    private final List<Runnable> beforeClose = new ArrayList<>();
    private final List<Consumer<ConfigurableEnvironment>> beforeBeans = new ArrayList<>();
    private ConfigurableApplicationContext context;
    private boolean webServer;

    void configFiles(List<Path> files) {
        configFiles.clear();
        configFiles.addAll(files);
    }

    /**
     * A step that runs once the configuration is read and before any bean is created (the ops database is
     * migrated at start-up): a command that brings settings of its own adds them here, and may refuse to go on.
     */
    synchronized void beforeBeans(Consumer<ConfigurableEnvironment> step) {
        if (context != null) {
            throw new IllegalStateException("the context is already running");
        }
        beforeBeans.add(step);
    }

    /** The scheduler mode serves actuator (health, Prometheus) over HTTP; one-shot commands start no server. */
    synchronized void webServer() {
        if (context != null) {
            throw new IllegalStateException("the context is already running without a web server");
        }
        webServer = true;
    }

    /**
     * Steps for SIGTERM: {@code stop} runs before running jobs are asked to stop (no new runs may start),
     * {@code close} after they stopped and before the context (and its connection pool) closes.
     */
    synchronized void onShutdown(Runnable stop, Runnable close) {
        beforeStop.add(stop);
        beforeClose.add(close);
    }

    /** Whether a command started the context (so it has something to report). */
    synchronized boolean started() {
        return context != null && context.isActive();
    }

    /** A bean that may be missing (say, a registry switched off by configuration); starts the context. */
    synchronized <T> java.util.Optional<T> optionalBean(Class<T> type) {
        bean(dev.nightshift.config.NightshiftProperties.class);
        return java.util.Optional.ofNullable(context.getBeanProvider(type).getIfAvailable());
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
                .web(webServer ? WebApplicationType.SERVLET : WebApplicationType.NONE)
                .registerShutdownHook(false)
                .properties(dev.nightshift.config.OneShotAutoConfigurationFilter.WEB_SERVER + "=" + webServer);
        if (!configFiles.isEmpty()) {
            String locations = configFiles.stream().map(f -> "file:" + f.toAbsolutePath())
                    .collect(Collectors.joining(","));
            builder.properties("spring.config.additional-location=" + locations);
        }
        List<Consumer<ConfigurableEnvironment>> steps = List.copyOf(beforeBeans);
        builder.initializers(app -> steps.forEach(step -> step.accept(app.getEnvironment())));
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
        steps(beforeStop);
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
        steps(beforeClose);
        current.close();
    }

    private void steps(List<Runnable> steps) {
        List<Runnable> copy;
        synchronized (this) {
            copy = List.copyOf(steps);
        }
        for (Runnable step : copy) {
            try {
                step.run();
            } catch (RuntimeException e) {
                System.err.println("nightshift: during shutdown: " + e.getMessage());
            }
        }
    }

    @Override
    public synchronized void close() {
        if (context != null && context.isActive()) {
            steps(beforeClose);
            context.close();
        }
        context = null;
    }
}
