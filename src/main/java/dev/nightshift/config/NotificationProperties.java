package dev.nightshift.config;

import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.Map;

/**
 * Where Nightshift reports failures. A notification that cannot be delivered is logged, never fails a job.
 * URLs are strings, not URIs: an unset placeholder must not stop every command from starting; the notifier
 * logs it and sends nothing.
 *
 * @param webhookUrl a Slack-compatible incoming webhook (JSON {@code {"text": ...}}), called when a job fails and
 *                   when {@code backups check} finds a problem; a placeholder such as {@code ${NIGHTSHIFT_WEBHOOK}}
 *                   keeps its token out of the configuration file
 * @param pings      job name (backup, restore, sync, backup-test-restore, ...) to a healthchecks.io-style ping URL:
 *                   {@code URL/start} when a run starts, {@code URL} when it succeeds, {@code URL/fail} when it fails
 * @param timeout    connect and request timeout of each call
 */
public record NotificationProperties(
        String webhookUrl,
        Map<String, String> pings,
        @DefaultValue("10s") Duration timeout) {

    public NotificationProperties {
        pings = pings == null ? Map.of() : Map.copyOf(pings);
    }

    @Override
    public String toString() {
        // webhook and ping URLs carry their secret in the path
        return "NotificationProperties[webhook=" + (webhookUrl == null || webhookUrl.isBlank() ? "none" : "set")
                + ", pings=" + pings.keySet() + "]";
    }
}
