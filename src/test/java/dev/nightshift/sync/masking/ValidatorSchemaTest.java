package dev.nightshift.sync.masking;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.SQLException;

/** The schema both validator test classes check rules against: one database per class, dropped after it. */
abstract class ValidatorSchemaTest {

    static ValidatorFixture fixture;

    @TempDir
    Path dir;

    @BeforeAll
    static void createTheSchema() throws SQLException {
        fixture = ValidatorFixture.create();
    }

    @AfterAll
    static void dropTheDatabase() {
        fixture.drop();
    }
}
