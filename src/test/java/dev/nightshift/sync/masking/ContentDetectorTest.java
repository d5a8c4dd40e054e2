package dev.nightshift.sync.masking;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static dev.nightshift.sync.masking.ContentDetector.Kind.EMAIL;
import static dev.nightshift.sync.masking.ContentDetector.Kind.IP;
import static dev.nightshift.sync.masking.ContentDetector.Kind.MASKED_ORIGINAL;
import static dev.nightshift.sync.masking.ContentDetector.Kind.PHONE;
import static dev.nightshift.sync.masking.ContentDetector.Kind.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

class ContentDetectorTest {

    private final ContentDetector detector = new ContentDetector(List.of("Mary Smith", "mary.smith@corp.example", "Li", "USD"));

    @ParameterizedTest
    @CsvSource(delimiter = '#', value = {
            "customer wrote from anna@corp.example yesterday # EMAIL",
            "{\"note\": \"ping bob.o'neil+x@mail.co.uk\"} # EMAIL",
            "+1 555 0100 77 # PHONE",
            "call (030) 1234-5678 # PHONE",
            "+4915112345678 # PHONE",
            "192.168.10.254 # IP",
            "login from 10.0.0.7 at noon # IP",
            "2001:db8::8a2e:370:7334 # IP",
            "fe80:0:0:0:202:b3ff:fe1e:8329 # IP",
            "sk_live_4eC39HqLyjWDarjtT1zdp7dc # TOKEN",
            "d41d8cd98f00b204e9800998ecf8427e # TOKEN",
            "MARY SMITH # MASKED_ORIGINAL",
            "invoice for Mary Smith, March # MASKED_ORIGINAL"})
    void flagsPersonalLookingContent(String value, ContentDetector.Kind kind) {
        assertThat(detector.detect(value)).contains(kind);
    }

    @ParameterizedTest
    @ValueSource(strings = {"INV-00100042", "2026-12-04", "2026-12-04 18:11:23.123+00", "04.12.2026", "18:11:23",
            "1234567.89", "-42", "USD", "Li", "active", "Issues refunds and edits invoices", "billing_admin",
            "https://accounts.google.com/o/oauth2/v2/auth", "openid email profile", "read:user user:email",
            "7f0e6c1e-2b8a-4a7e-9d4e-1c2b3a4d5e6f", "{\"success\": true, \"attempt\": 3}", "version 1.2.3.4.5",
            "{admin,user}", "masked_token_42", "user_42@test"})
    void leavesOrdinaryValuesAlone(String value) {
        assertThat(detector.detect(value)).isEmpty();
    }

    @Test
    void shortOriginalsAreNotLookedFor() {
        // "Li" and "USD" are masked values here, but as short as a currency or a status: coincidence, not a copy
        assertThat(detector.detect("li")).doesNotContain(MASKED_ORIGINAL);
        assertThat(detector.detect("usd")).doesNotContain(MASKED_ORIGINAL);
        assertThat(new ContentDetector(List.of()).detect("Mary Smith")).isEmpty();
    }

    @Test
    void aColumnsEvidenceIsCountsAndASuggestedRuleNeverAValue() {
        ColumnContent content = new ColumnContent("public.invoices", "memo", 1000,
                java.util.Map.of(EMAIL, 12, PHONE, 3));

        assertThat(content.describe()).isEqualTo("12 of 1000 sampled values look like email addresses, 3 like phone numbers");
        assertThat(content.suggestedRule()).isEqualTo(ColumnRule.of("fake", "provider", "email"));
        assertThat(new ColumnContent("t", "c", 5, java.util.Map.of(TOKEN, 5)).suggestedRule()).isEqualTo(ColumnRule.of("hash"));
        assertThat(new ColumnContent("t", "c", 5, java.util.Map.of(IP, 1)).suggestedRule().options()).containsEntry("provider", "ip");
    }
}
