package dev.nightshift.config;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Retention per environment and database: the newest {@code keepLast} verified backups, plus the newest
 * verified backup of each of the most recent hours, days, weeks and months that have one
 * (grandfather-father-son). The newest verified backup is always kept.
 *
 * @param keepLast how many of the newest verified backups are kept whatever their age
 * @param hourly   how many hourly buckets keep their newest verified backup
 * @param daily    how many daily buckets keep their newest verified backup
 * @param weekly   how many weekly (ISO week) buckets keep their newest verified backup
 * @param monthly  how many monthly buckets keep their newest verified backup
 */
public record RetentionProperties(
        @DefaultValue("3") int keepLast,
        @DefaultValue("24") int hourly,
        @DefaultValue("7") int daily,
        @DefaultValue("4") int weekly,
        @DefaultValue("6") int monthly) {
}
