package dev.nightshift.schedule;

import dev.nightshift.config.ConfigurationException;
import io.prometheus.metrics.exporter.pushgateway.Format;
import io.prometheus.metrics.exporter.pushgateway.PushGateway;
import io.prometheus.metrics.exporter.pushgateway.Scheme;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * One-run mode (a CronJob pod, a crontab line): the run's metrics go to a Prometheus Pushgateway when
 * {@code nightshift.schedule.pushgateway-url} is set, grouped by command and environment so each scheduled
 * command keeps its own last values. A Pushgateway that does not answer is logged, never a failed run.
 */
public final class MetricsPush {

    private static final Logger LOG = LoggerFactory.getLogger(MetricsPush.class);

    private MetricsPush() {
    }

    public static void push(PrometheusRegistry registry, String url, String job, Map<String, String> grouping) {
        URI uri = URI.create(url);
        if (uri.getHost() == null) {
            throw new ConfigurationException("nightshift.schedule.pushgateway-url must be like http://pushgateway:9091, was " + url);
        }
        int port = uri.getPort() > 0 ? uri.getPort() : 9091;
        PushGateway.Builder builder = PushGateway.builder()
                .address(uri.getHost() + ":" + port)
                .scheme("https".equals(uri.getScheme()) ? Scheme.HTTPS : Scheme.HTTP)
                .format(Format.PROMETHEUS_TEXT)
                .job(job)
                .registry(registry)
                .connectionTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(10));
        grouping.forEach(builder::groupingKey);
        try {
            builder.build().push();
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not push metrics to the Pushgateway at {}: {}", url, e.getMessage());
        }
    }
}
