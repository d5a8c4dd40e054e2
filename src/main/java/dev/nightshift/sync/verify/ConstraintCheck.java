package dev.nightshift.sync.verify;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every constraint of the copy holds: created after the data, each was checked against the masked rows as
 * it was created, so one left NOT VALID or an index left invalid means something went wrong — unless the
 * source declares that constraint NOT VALID itself.
 */
final class ConstraintCheck {

    private static final Pattern NOT_VALID = Pattern.compile("CONSTRAINT (\\S+) .*NOT VALID;?$");

    private ConstraintCheck() {
    }

    static List<String> problems(Connection c, String sourceSchema) throws SQLException {
        List<String> declaredNotValid = new ArrayList<>();
        for (String line : sourceSchema.lines().toList()) {
            Matcher m = NOT_VALID.matcher(line.strip());
            if (m.find()) {
                declaredNotValid.add(m.group(1).replace("\"", ""));
            }
        }
        List<String> problems = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT conrelid::regclass::text, conname FROM pg_constraint"
                    + " WHERE NOT convalidated AND conrelid <> 0 ORDER BY 1, 2")) {
                while (rs.next()) {
                    if (!declaredNotValid.contains(rs.getString(2))) {
                        problems.add("constraint " + rs.getString(2) + " on " + rs.getString(1) + " is not validated");
                    }
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT indexrelid::regclass::text FROM pg_index WHERE NOT indisvalid ORDER BY 1")) {
                while (rs.next()) {
                    problems.add("index " + rs.getString(1) + " is invalid");
                }
            }
        }
        return problems;
    }
}
