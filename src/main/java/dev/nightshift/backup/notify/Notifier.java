package dev.nightshift.backup.notify;

import dev.nightshift.config.NightshiftProperties;
import dev.nightshift.config.NotificationProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
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
        URI webhook = uri(settings.webhookUrl(), "nightshift.notifications.webhook-url");
        if (webhook == null) {
            return;
        }
        String body = JSON.writeValueAsString(Map.of("text", text));
        send(HttpRequest.newBuilder(webhook).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), "webhook");
    }

    /** Pings the URL configured for {@code job} (nightshift.notifications.pings.JOB), if any. */
    public void ping(String job, Ping ping) {
        String base = settings.pings().get(job);
        URI url = uri(base == null ? null : base.replaceAll("/+$", "") + ping.suffix, "nightshift.notifications.pings." + job);
        if (url == null) {
            return;
        }
        send(HttpRequest.newBuilder(url).POST(HttpRequest.BodyPublishers.noBody()),
                job + " " + ping.name().toLowerCase(Locale.ROOT) + " ping");
    }

    /** Null when not configured; a placeholder left unset or a malformed URL is logged (without the URL) and skipped. */
    private static URI uri(String value, String property) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            URI uri = new URI(value);
            if (uri.getHost() == null || !List.of("http", "https").contains(uri.getScheme())) {
                throw new URISyntaxException(property, "not an http(s) URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            log.warn("{} is not a usable http(s) URL (an unset placeholder?); nothing was sent", property);
            return null;
        }
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
