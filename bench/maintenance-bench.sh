#!/usr/bin/env bash
# Maintenance benchmark:
#  1. wall time of `nightshift maintain --report-only` on a database of 1,000 tables (goal: under 10 s), with
#     two baselines timed in the same rounds, interleaved: the same report on a 10-table database, and
#     `nightshift backups --env few` (what any command costs: JVM, Spring, ops database; the same C1-only JVM);
#  2. the bloat estimate's error against pgstattuple on deliberately bloated tables of different shapes
#     (goal: within 10 percentage points wherever the report does not flag the estimate as unreliable).
#
#   bench/maintenance-bench.sh [ROUNDS]        (default 3 rounds; medians are reported)
#
# Connects with the usual libpq variables (PGHOST, PGPORT, PGUSER, PGPASSWORD), default 127.0.0.1:5432 as
# postgres; needs pgstattuple (postgresql-contrib). Creates the databases nightshift_maint_1000,
# nightshift_maint_10 and nightshift_bloat_bench (kept between runs; drop them to regenerate) and
# nightshift_maint_ops (recreated every run). Work files go to $BENCH_DIR (default /tmp/nightshift-bench).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/bench/lib.sh"
rounds="${1:-3}"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
ops=nightshift_maint_ops
work="${BENCH_DIR:-/tmp/nightshift-bench}/maintenance"
mkdir -p "$work"

generate() { # DATABASE SCRIPT [psql -v assignments...]
  local db="$1" script="$2"; shift 2
  if ! psql -qAt -d "$db" -c "SELECT 1" >/dev/null 2>&1; then
    echo "generating $db ..." >&2
    createdb "$db"
    psql -q -v ON_ERROR_STOP=1 "$@" -d "$db" -f "$script" >/dev/null
  fi
}
generate nightshift_maint_1000 "$root/bench/generate-many-tables.sql" -v tables=1000
generate nightshift_maint_10 "$root/bench/generate-many-tables.sql" -v tables=10
generate nightshift_bloat_bench "$root/bench/generate-bloat-bench.sql"
for db in nightshift_maint_1000 nightshift_maint_10; do
  psql -q -d "$db" -c "CREATE EXTENSION IF NOT EXISTS pgstattuple" >/dev/null
done
psql -q -d postgres -c "DROP DATABASE IF EXISTS $ops" && createdb "$ops"
[ -f "$root/target/nightshift.jar" ] || (cd "$root" && ./mvnw -q -B package -DskipTests)

cat > "$work/nightshift.yml" <<YAML
nightshift:
  ops-database: {url: "jdbc:postgresql://$PGHOST:$PGPORT/$ops", username: $PGUSER, password: "${PGPASSWORD:-unused}"}
  maintenance:
    report-directory: $work/reports
  environments:
$(environment_yaml many many nightshift_maint_1000)
$(environment_yaml few few nightshift_maint_10)
$(environment_yaml bloat bloat nightshift_bloat_bench)
YAML

nightshift() { "$root/scripts/nightshift" --config "$work/nightshift.yml" "$@"; }
timed() { local t0 t1; t0=$(now); "$@" >>"$work/nightshift.log" 2>&1 || { echo "failed: $*; see $work/nightshift.log" >&2; exit 1; }; t1=$(now); elapsed "$t0" "$t1"; }
nightshift maintain --env few --report-only >"$work/warmup.log" 2>&1   # writes the class-data-sharing archive, as a first run would

echo "$(psql -qAt -d nightshift_maint_1000 -c "SELECT count(*) FROM pg_stat_user_tables") tables" \
     "($(psql -qAt -d nightshift_maint_1000 -c "SELECT pg_size_pretty(pg_database_size(current_database()))"));" \
     "$rounds rounds; PostgreSQL $(psql -qAt -d postgres -c "SHOW server_version"); $(nproc) cores" >&2
: > "$work/rows.tsv"
for round in $(seq 1 "$rounds"); do
  jobs_time=$(timed nightshift backups --env few)
  few_time=$(timed nightshift maintain --env few --report-only)
  many_time=$(timed nightshift maintain --env many --report-only)
  # the job's own time, without starting the JVM and Spring: what the table count costs
  many_job=$(grep -o 'maintenance of many/many completed in [0-9.]* s' "$work/nightshift.log" | tail -n 1 | awk '{print $(NF-1)}')
  printf '%s\t%s\t%s\t%s\t%s\n' "$round" "$jobs_time" "$few_time" "$many_time" "$many_job" | tee -a "$work/rows.tsv" >&2
done
jobs=$(cut -f2 "$work/rows.tsv" | median); few=$(cut -f3 "$work/rows.tsv" | median); many=$(cut -f4 "$work/rows.tsv" | median)
many_job=$(cut -f5 "$work/rows.tsv" | median)

nightshift maintain --env bloat --report-only >>"$work/nightshift.log" 2>&1
report=$(ls -t "$work"/reports/bloat/bloat/*.json | head -n 1)
errors=$(python3 - "$report" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
rows = []
for t in report["tables"]:
    if t["measuredBloatPercent"] is None:
        continue
    err = abs(t["bloatPercent"] - t["measuredBloatPercent"])
    rows.append((t["name"], t["bloatPercent"], t["measuredBloatPercent"], err, t["bloatReliable"],
                 "; ".join(t["bloatUnreliableBecause"])))
print("| table | estimate % | pgstattuple % | error (points) | flagged unreliable |")
print("|---|---|---|---|---|")
for name, est, meas, err, ok, why in sorted(rows):
    print(f"| {name} | {est:.1f} | {meas:.1f} | {err:.1f} | {'no' if ok else 'yes: ' + why} |")
reliable = sorted(err for _, _, _, err, ok, _ in rows if ok)
worst = max(reliable) if reliable else float("nan")
print()
print(f"reliable estimates: {len(reliable)} of {len(rows)}; worst error {worst:.1f} points,"
      f" median {reliable[len(reliable) // 2]:.1f} (goal: every one within 10)")
PY
)

cat <<REPORT

| measure (median of $rounds, seconds) | nightshift backups (start-up) | maintain --report-only, 10 tables | maintain --report-only, 1,000 tables |
|---|---|---|---|
| wall time | $jobs | $few | $many |
| the maintenance job alone (its "completed in") | - | - | $many_job |

1,000 tables / 10 tables: $(awk -v a="$many" -v b="$few" 'BEGIN { printf "%.2f", a / b }')x; 1,000 tables / start-up: $(awk -v a="$many" -v b="$jobs" 'BEGIN { printf "%.2f", a / b }')x; goal: 1,000 tables under 10 s

Estimation error against pgstattuple ($report):

$errors
REPORT
