package dev.nightshift.sync;

import dev.nightshift.testsupport.CliResult;
import dev.nightshift.testsupport.DatabaseSnapshot;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.nightshift.sync.SyncFixture.PG;
import static org.assertj.core.api.Assertions.assertThat;

/** Masking is a function of (salt, original): the same salt gives the same staging, another salt another one. */
class SyncDeterminismTest {

    @Test
    void twoRunsGiveIdenticalStagingAndAnotherSaltGivesOtherData() {
        try (SyncFixture first = SyncFixture.builder().users(200).build();
             SyncFixture otherSalt = SyncFixture.builder().users(200).salt("another-salt-fedcba9876543210").build()) {
            // given two syncs with the same salt, and one with another salt, of identical production data
            sync(first);
            Map<String, String> firstRun = DatabaseSnapshot.contentFingerprints(first.staging);
            sync(first);
            Map<String, String> secondRun = DatabaseSnapshot.contentFingerprints(first.staging);
            sync(otherSalt);
            Map<String, String> otherSaltRun = DatabaseSnapshot.contentFingerprints(otherSalt.staging);

            // then the same salt reproduces staging exactly
            assertThat(secondRun).isEqualTo(firstRun);
            // and another salt changes the derived (fake) values but nothing the rules keep
            assertThat(otherSaltRun.get("public.audit_log")).isNotEqualTo(firstRun.get("public.audit_log"));
            assertThat(otherSaltRun.get("public.users")).isNotEqualTo(firstRun.get("public.users"));
            assertThat(otherSaltRun.get("public.invoices")).isEqualTo(firstRun.get("public.invoices"));
            assertThat(PG.queryLong(otherSalt.staging, "SELECT count(*) FROM users")).isEqualTo(200);
        }
    }

    private static void sync(SyncFixture fixture) {
        CliResult result = fixture.nightshift.cli("sync", "--from", "prod", "--to", "staging", "--source", "live");
        assertThat(result.exitCode()).as(result.all()).isZero();
    }
}
