package dev.nightshift.sync.masking;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PiiDetectorTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "email           | text                   | email: {strategy: fake, provider: email}",
            "billing_email   | character varying(255) | billing_email: {strategy: fake, provider: email}",
            "name            | text                   | name: {strategy: fake, provider: name}",
            "full_name       | varchar                | full_name: {strategy: fake, provider: name}",
            "First_Name      | text                   | First_Name: {strategy: fake, provider: first_name}",
            "last_name       | text                   | last_name: {strategy: fake, provider: last_name}",
            "phone           | text                   | phone: {strategy: fake, provider: phone}",
            "mobile          | text                   | mobile: {strategy: fake, provider: phone}",
            "address         | text                   | address: {strategy: fake, provider: address}",
            "street          | text                   | street: {strategy: fake, provider: street}",
            "city            | text                   | city: {strategy: fake, provider: city}",
            "zip             | text                   | zip: {strategy: random}",
            "postal_code     | character(5)           | postal_code: {strategy: random}",
            "ip_address      | text                   | ip_address: {strategy: fake, provider: ip}",
            "last_login_from | inet                   | last_login_from: {strategy: fake, provider: ip}",
            "refresh_token   | text                   | refresh_token: {strategy: hash}",
            "api_key         | text                   | api_key: {strategy: hash}",
            "client_secret   | text                   | client_secret: {strategy: hash}",
            "password_hash   | text                   | password_hash: {strategy: hash}",
            "ssn             | text                   | ssn: {strategy: random}",
            "national_id     | text                   | national_id: {strategy: random}",
            "date_of_birth   | date                   | date_of_birth: {strategy: fake, provider: birthday}",
            "dob             | text                   | dob: {strategy: fake, provider: birthday}",
            "iban            | text                   | iban: {strategy: fake, provider: iban}",
            "credit_card     | text                   | credit_card: {strategy: fake, provider: credit_card}",
            "email           |                        | email: {strategy: fake, provider: email}"})
    void suggestsByNameAndType(String column, String type, String yaml) {
        assertThat(PiiDetector.suggest(column, type)).map(PiiSuggestion::describe).contains(yaml);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "status         | text",
            "id             | bigint",
            "email_verified | boolean",
            "file_name      | text",
            "phone          | bigint",
            "created_at     | timestamp with time zone",
            "dob            | integer"})
    void suggestsNothingForHarmlessColumnsOrTypesTheMaskWouldNotFit(String column, String type) {
        assertThat(PiiDetector.suggest(column, type)).isEmpty();
    }

    @Test
    void describedSuggestionsLoadBackAsTheSameRules(@TempDir Path dir) throws Exception {
        // given suggestions, one needing quotes
        PiiSuggestion email = PiiDetector.suggest("email", "text").orElseThrow();
        PiiSuggestion quoted = new PiiSuggestion("null", ColumnRule.of("constant", "value", "a: \"b\""));

        // when written into a rules file and loaded
        Path file = Files.writeString(dir.resolve("db.yml"), "tables:\n  public.t:\n    columns:\n      "
                + email.describe() + "\n      " + quoted.describe() + "\n");
        TableRules table = MaskingRulesLoader.load(file).table("public.t").orElseThrow();

        // then
        assertThat(table.masked()).isEqualTo(Map.of("email", email.rule(), "null", quoted.rule()));
    }
}
