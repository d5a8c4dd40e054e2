package dev.nightshift.maintenance;

import java.util.List;
import java.util.Map;

/** Everything the report reads from one database and its server, at one moment. */
record DatabaseHealth(String serverVersion, long databaseBytes, List<TableHealth> tables,
                      Map<Long, BloatEstimate> tableBloat, boolean pgstattupleInstalled,
                      Map<Long, Pgstattuple.Measured> measured, List<IndexHealth> indexes, IndexFindings indexFindings,
                      ServerActivity activity) {
}
