package dev.nightshift.config;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

import java.util.List;

/**
 * Keeps one-shot commands (a CronJob pod, a crontab line, an operator's command) free of the web server and
 * actuator auto-configuration only the scheduler mode uses: they would be evaluated and partly created on
 * every start; so would metrics, unless they are pushed to a Pushgateway. The scheduler mode sets
 * {@value #WEB_SERVER}=true.
 */
public class OneShotAutoConfigurationFilter implements AutoConfigurationImportFilter, EnvironmentAware {

    public static final String WEB_SERVER = "nightshift.internal.web-server";
    private static final List<String> SCHEDULER_MODE_ONLY = List.of(
            "org.springframework.boot.actuate.autoconfigure.",
            "org.springframework.boot.health.autoconfigure.",
            "org.springframework.boot.servlet.autoconfigure.",
            "org.springframework.boot.tomcat.autoconfigure.",
            "org.springframework.boot.webmvc.autoconfigure.",
            "org.springframework.boot.web.server.autoconfigure.",
            "org.springframework.boot.http.converter.autoconfigure.",
            "org.springframework.boot.micrometer.observation.autoconfigure.");
    private static final String METRICS = "org.springframework.boot.micrometer.";

    private boolean webServer;
    private boolean push;

    @Override
    public void setEnvironment(Environment environment) {
        webServer = environment.getProperty(WEB_SERVER, Boolean.class, false);
        // metrics are only worth their start-up time when something reads them
        String pushgateway = environment.getProperty("nightshift.schedule.pushgateway-url");
        push = pushgateway != null && !pushgateway.isBlank();
    }

    @Override
    public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata metadata) {
        boolean[] match = new boolean[autoConfigurationClasses.length];
        for (int i = 0; i < autoConfigurationClasses.length; i++) {
            String name = autoConfigurationClasses[i];
            match[i] = webServer || name == null
                    || (SCHEDULER_MODE_ONLY.stream().noneMatch(name::startsWith) && (push || !name.startsWith(METRICS)));
        }
        return match;
    }
}
