package dev.nightshift.schedule;

import com.cronutils.mapper.CronMapper;
import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import dev.nightshift.config.ConfigurationException;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * A five-field Unix cron expression (minute hour day-of-month month day-of-week; 0 and 7 are Sunday) in an
 * IANA time zone: the dialect of schedules.yml, Kubernetes CronJobs and crontabs. cron-utils parses it and
 * translates it into Quartz's dialect (a seconds field, {@code ?} for the unused day field, 1 = Sunday).
 */
public final class CronSchedule {

    private static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private final Cron cron;
    private final ZoneId zone;

    private CronSchedule(Cron cron, ZoneId zone) {
        this.cron = cron;
        this.zone = zone;
    }

    /** @param where names the entry in messages, e.g. {@code jobs/schedules.yml: prod/backup} */
    public static CronSchedule parse(String expression, ZoneId zone, String where) {
        if (expression == null || expression.isBlank()) {
            throw new ConfigurationException(where + ": cron is missing; give five fields, e.g. cron: \"0 2 * * *\"");
        }
        try {
            return new CronSchedule(UNIX.parse(expression.strip()).validate(), zone);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(where + ": cron \"" + expression + "\" is not a valid five-field Unix cron"
                    + " expression (minute hour day-of-month month day-of-week): " + e.getMessage());
        }
    }

    /** The expression as written in schedules.yml, Kubernetes and crontabs. */
    public String unix() {
        return cron.asString();
    }

    /** The same schedule in Quartz's dialect, e.g. {@code 0 2 * * *} becomes {@code 0 0 2 * * ?}. */
    public String quartz() {
        return CronMapper.fromUnixToQuartz().map(cron).asString();
    }

    public ZoneId zone() {
        return zone;
    }

    /** The first fire time strictly after {@code time}. */
    public Optional<ZonedDateTime> nextFireAfter(ZonedDateTime time) {
        return executionTime().nextExecution(time.withZoneSameInstant(zone));
    }

    ExecutionTime executionTime() {
        return ExecutionTime.forCron(cron);
    }
}
