package dev.nightshift.sync.masking;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MaskingRulesLoaderTest {

    @TempDir
    Path dir;

    @Test
    void loadsEveryStrategyAndTableKindOfTheDocumentedExample() throws IOException {
        // given the example rules file of issue #3
        Path file = write("""
                tables:
                  public.users:
                    columns:
                      email:      {strategy: template, template: "user_{id}@test.example.com"}
                      name:       {strategy: fake, provider: name}
                      phone:      {strategy: partial, keep-last: 2}
                      api_key:    {strategy: hash, length: 32}
                      nickname:   {strategy: random}
                      deleted_by: {strategy: "null"}
                      country:    {strategy: constant, value: "DE"}
                      profile:    {strategy: json, paths: {"address.street": {strategy: fake, provider: street}, "phone": {strategy: partial, keep-last: 2}}}
                    keep: [id, status, created_at]
                  public.sessions: {skip-data: true}
                  public.audit_log: {keep-all: true, filter: "created_at > now() - interval '30 days'"}
                """);

        // when
        MaskingRules rules = MaskingRulesLoader.load(file);

        // then
        assertThat(rules.tables()).containsOnlyKeys("public.users", "public.sessions", "public.audit_log");
        TableRules users = rules.table("public.users").orElseThrow();
        assertThat(users.masked()).containsOnlyKeys("email", "name", "phone", "api_key", "nickname", "deleted_by",
                "country", "profile");
        assertThat(users.masked().get("email"))
                .isEqualTo(ColumnRule.of("template", "template", "user_{id}@test.example.com"));
        assertThat(users.masked().get("phone")).isEqualTo(ColumnRule.of("partial", "keep-last", 2));
        assertThat(users.masked().get("deleted_by")).isEqualTo(ColumnRule.of("null"));
        assertThat(users.masked().get("profile").options().get("paths")).isEqualTo(Map.of(
                "address.street", ColumnRule.of("fake", "provider", "street"),
                "phone", ColumnRule.of("partial", "keep-last", 2)));
        assertThat(users.kept()).containsExactly("id", "status", "created_at");
        assertThat(users.keepAll()).isFalse();
        assertThat(users.skipData()).isFalse();
        assertThat(users.filter()).isNull();
        assertThat(rules.table("public.sessions").orElseThrow().skipData()).isTrue();
        TableRules audit = rules.table("public.audit_log").orElseThrow();
        assertThat(audit.keepAll()).isTrue();
        assertThat(audit.filter()).isEqualTo("created_at > now() - interval '30 days'");
        assertThat(rules.table("public.other")).isEmpty();
    }

    @Test
    void unknownStrategyNamesFileTableColumnAndTheKnownStrategies() throws IOException {
        Path file = write(users("email: {strategy: scramble}"));

        assertThatThrownBy(() -> MaskingRulesLoader.load(file))
                .isInstanceOf(MaskingRulesException.class)
                .hasMessage(file + ": table public.users, column email: unknown strategy 'scramble' "
                        + "(known: constant, fake, hash, json, keep, null, partial, random, template)");
    }

    @ParameterizedTest
    @CsvSource({"template, template", "fake, provider", "constant, value", "partial, keep-last", "json, paths"})
    void missingRequiredOptionIsNamed(String strategy, String option) throws IOException {
        Path file = write(users("secret: {strategy: " + strategy + "}"));

        assertThatThrownBy(() -> MaskingRulesLoader.load(file))
                .isInstanceOf(MaskingRulesException.class)
                .hasMessage(file + ": table public.users, column secret: strategy " + strategy
                        + " needs option '" + option + "'");
    }

    @Test
    void unknownFakeProviderIsNamedWithTheKnownOnes() throws IOException {
        Path file = write(users("name: {strategy: fake, provider: pokemon}"));

        assertThatThrownBy(() -> MaskingRulesLoader.load(file))
                .isInstanceOf(MaskingRulesException.class)
                .hasMessageStartingWith(file + ": table public.users, column name: unknown fake provider 'pokemon' (known: ")
                .hasMessageContaining("first_name")
                .hasMessageContaining("credit_card");
    }

    @Test
    void aColumnBothMaskedAndKeptIsRefused() throws IOException {
        Path file = write(users("email: {strategy: hash}") + "    keep: [id, email]\n");

        assertThatThrownBy(() -> MaskingRulesLoader.load(file))
                .isInstanceOf(MaskingRulesException.class)
                .hasMessage(file + ": table public.users, column email: both masked and kept");
    }

    @Test
    void skipDataWithColumnRulesIsRefused() throws IOException {
        Path file = write(users("email: {strategy: hash}") + "    skip-data: true\n");

        assertThatThrownBy(() -> MaskingRulesLoader.load(file))
                .isInstanceOf(MaskingRulesException.class)
                .hasMessage(file + ": table public.users: skip-data copies no rows, so 'columns' cannot be used with it");
    }

    @Test
    void errorInsideAJsonPathNamesThePath() throws IOException {
        Path file = write(users("profile: {strategy: json, paths: {address.city: {strategy: fake, provider: town}}}"));

        assertThatThrownBy(() -> MaskingRulesLoader.load(file))
                .hasMessageStartingWith(file + ": table public.users, column profile: path address.city: "
                        + "unknown fake provider 'town'");
    }

    @Test
    void unknownOptionAndUnknownTableKeyAreRefusedRatherThanIgnored() throws IOException {
        Path option = write(users("phone: {strategy: partial, keep-last: 2, keep-first: 1}"));
        Path key = write("tables:\n  public.users: {skip_data: true}\n");

        assertThatThrownBy(() -> MaskingRulesLoader.load(option))
                .hasMessage(option + ": table public.users, column phone: strategy partial has no option 'keep-first'"
                        + " (it takes: keep-last)");
        assertThatThrownBy(() -> MaskingRulesLoader.load(key))
                .hasMessageStartingWith(key + ": table public.users: unknown key 'skip_data'");
    }

    @Test
    void unquotedNullStrategyExplainsTheQuoting() throws IOException {
        Path file = write(users("deleted_by: {strategy: null}"));

        assertThatThrownBy(() -> MaskingRulesLoader.load(file))
                .hasMessageContaining("column deleted_by: strategy is empty; write strategy: \"null\" (quoted)");
    }

    @Test
    void brokenYamlAndDuplicateColumnsAreOneLineErrorsNamingTheFile() throws IOException {
        Path broken = write("tables:\n  public.users: {columns: [\n");
        Path duplicate = write(users("email: {strategy: hash}\n      email: {strategy: random}"));

        assertThatThrownBy(() -> MaskingRulesLoader.load(broken))
                .hasMessageStartingWith(broken + ": not valid YAML: ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThatThrownBy(() -> MaskingRulesLoader.load(duplicate))
                .hasMessageStartingWith(duplicate + ": not valid YAML: ")
                .hasMessageContaining("duplicate key email")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void missingFileIsNamed() {
        Path file = dir.resolve("absent.yml");

        assertThatThrownBy(() -> MaskingRulesLoader.load(file))
                .isInstanceOf(MaskingRulesException.class)
                .hasMessageStartingWith(file + ": cannot read");
    }

    private static String users(String columnLine) {
        return "tables:\n  public.users:\n    columns:\n      " + columnLine + "\n";
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "rules", ".yml"), yaml);
    }
}
