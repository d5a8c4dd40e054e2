package dev.nightshift.backup.notify;

import dev.nightshift.config.NightshiftProperties;
import dev.nightshift.config.NotificationProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * Sends alerts to a Slack-compatible webhook and pings healthchecks.io-style URLs. Delivery is best effort:
 * a notification that fails is logged (with the URL's host only: the path is the secret) and never fails
 * the job or the check that sent it.
 */
@Component
public class Notifier {

    private static final Logger log = LoggerFactory.getLogger(Notifier.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What a ping reports, appended to the job's ping URL as healthchecks.io expects. */
    public enum Ping {
        START("/start"), SUCCESS(""), FAIL("/fail");

        private final String suffix;

        Ping(String suffix) {
            this.suffix = suffix;
        }
    }

    private final NotificationProperties settings;
    private final HttpClient http;

    Notifier(NightshiftProperties properties) {
        this.settings = properties.notifications();
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
    }

    /** Posts {@code {"text": text}} to the webhook, if one is configured. */
    public void alert(String text) {
        if (settings.webhookUrl() == null) {
            return;
        }
        String body = JSON.writeValueAsString(Map.of("text", text));
        send(HttpRequest.newBuilder(settings.webhookUrl()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), "webhook");
    }

    /** Pings the URL configured for {@code job} (nightshift.notifications.pings.JOB), if any. */
    public void ping(String job, Ping ping) {
        URI base = settings.pings().get(job);
        if (base == null) {
            return;
        }
        String url = base.toString().replaceAll("/+$", "") + ping.suffix;
        send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody()), job + " " + ping.name().toLowerCase() + " ping");
    }

    private void send(HttpRequest.Builder request, String what) {
        URI uri = null;
        try {
            HttpRequest built = request.timeout(settings.timeout()).build();
            uri = built.uri();
            HttpResponse<Void> response = http.send(built, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() >= 300) {
                log.warn("the {} to {} answered HTTP {}; the notification was not delivered", what, uri.getHost(),
                        response.statusCode());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("the {} was interrupted; the notification was not delivered", what);
        } catch (Exception e) {
            log.warn("the {} to {} failed ({}); the notification was not delivered", what,
                    uri == null ? "?" : uri.getHost(), e.getClass().getSimpleName());
        }
    }
}
