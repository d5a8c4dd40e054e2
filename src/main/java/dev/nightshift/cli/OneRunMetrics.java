package dev.nightshift.cli;

import dev.nightshift.config.NightshiftProperties;
import dev.nightshift.schedule.MetricsPush;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import picocli.CommandLine.ParseResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * After a one-shot command that ran jobs, pushes the same metrics the scheduler mode serves to the
 * Pushgateway (nightshift.schedule.pushgateway-url), grouped by command and environment.
 */
final class OneRunMetrics {

    private OneRunMetrics() {
    }

    static void push(LazyContext context, ParseResult parsed) {
        if (parsed == null || !context.started()) {
            return;
        }
        String url = context.bean(NightshiftProperties.class).schedule().pushgatewayUrl();
        if (url == null || url.isBlank()) {
            return;
        }
        List<String> command = new ArrayList<>();
        String environment = "";
        for (ParseResult p = parsed.subcommand(); p != null; p = p.subcommand()) {
            command.add(p.commandSpec().name());
            for (String option : List.of("--env", "--to")) {
                if (p.hasMatchedOption(option)) {
                    environment = p.matchedOptionValue(option, "");
                }
            }
        }
        Map<String, String> grouping = new LinkedHashMap<>();
        grouping.put("command", String.join("-", command));
        grouping.put("environment", environment);
        String job = context.bean(NightshiftProperties.class).schedule().pushgatewayJob();
        context.optionalBean(PrometheusMeterRegistry.class)
                .ifPresent(registry -> MetricsPush.push(registry.getPrometheusRegistry(), url, job, grouping));
    }
}
