package dev.nightshift.cli;

import dev.nightshift.config.ConfigurationException;
import dev.nightshift.sync.SyncCheck;
import dev.nightshift.sync.SyncJobs;
import dev.nightshift.sync.masking.MaskingRulesException;

import java.sql.SQLException;

/** The rules validation a sync or export job repeats, run first: a rules problem costs a second, not a failed night. */
final class SyncRulesPreflight {

    private SyncRulesPreflight() {
    }

    static SyncCheck.Result check(SyncJobs sync, String from, String db, int sampleRows) {
        try {
            return sync.check(from, db, sampleRows);
        } catch (MaskingRulesException e) {
            throw new ConfigurationException(e.getMessage());
        } catch (SQLException e) {
            throw new ConfigurationException("cannot check the masking rules of " + from + "/" + db + ": " + e.getMessage());
        }
    }

    static void require(SyncJobs sync, String from, String db) {
        SyncCheck.Result result = check(sync, from, db, 0);
        if (!result.report().ok()) {
            throw new ConfigurationException("the masking rules of '" + db + "' do not fit " + from + "/" + db
                    + "; nothing was written:\n" + result.report().describe());
        }
    }
}
