#!/usr/bin/env bash
# Masked snapshots benchmark: the sync's halves and the one-process sync against what the same work costs
# with PostgreSQL's own tools, interleaved in the same run, on the generated database of bench/sync-bench.sh:
#   export  `nightshift sync export`            against `pg_dump -Fc -Z0 -f FILE`
#   import  `nightshift sync import` of it      against `pg_restore` of that FILE into an empty database + ANALYZE
#   sync    `nightshift sync --from --to`       against `pg_dump -Fc -Z0 | pg_restore` + ANALYZE
# and the snapshot's size against the source database's.
#
#   bench/snapshot-bench.sh [ROUNDS]          (default 3 rounds; medians are reported)
#
# Same variables as bench/sync-bench.sh (PGHOST..., BENCH_SMALL=1 for a 1 % trial, BENCH_DB, BENCH_DIR,
# default /tmp/nightshift-snapshot-bench). Rules: bench/masking/bench.yml.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/bench/lib.sh"
rounds="${1:-3}"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
if [ -n "${BENCH_SMALL:-}" ] && [ "$BENCH_SMALL" != 0 ]; then db="${BENCH_DB:-nightshift_bench_small}"; else db="${BENCH_DB:-nightshift_bench}"; fi
psql -qAt -d "$db" -c "SELECT 1" >/dev/null 2>&1 || { echo "no database $db: run bench/sync-bench.sh once to generate it" >&2; exit 2; }
ops=${db}_snapops; staging=${db}_snapstaging; copy=${db}_snapcopy
work="${BENCH_DIR:-/tmp/nightshift-snapshot-bench}"
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
[ -n "$bin" ] || bin="$(dirname "$(command -v pg_dump)")"
drop() { for d in "$@"; do PGOPTIONS="-c client_min_messages=warning" psql -q -d postgres -c "DROP DATABASE IF EXISTS $d"; done; }
rm -rf "$work" && mkdir -p "$work"
drop "$ops" && createdb "$ops"
[ -f "$root/target/nightshift.jar" ] || (cd "$root" && ./mvnw -q -B package -DskipTests)
(umask 077 && openssl rand -hex 32 > "$work/salt")
cat > "$work/nightshift.yml" <<YAML
nightshift:
  ops-database: {url: "jdbc:postgresql://$PGHOST:$PGPORT/$ops", username: $PGUSER, password: "${PGPASSWORD:-unused}"}
  backup:
    directory: $work/backups
  environments:
$(environment_yaml bench bench "$db" protected)
$(environment_yaml benchstaging bench "$staging")
  sync:
    rules-directory: $root/bench/masking
    salt-file: $work/salt
    work-directory: $work/sync
    snapshot-directory: $work/snapshots
    snapshots-kept: 1
    threads: 2
YAML
nightshift() { # $1: log file, then the command
  local log="$1"; shift
  # the JVM's CPU (user + system seconds) goes to $log.cpu
  /usr/bin/time -f "%U %S" -o "$log.cpu" "$root/scripts/nightshift" --config "$work/nightshift.yml" "$@" >"$log" 2>&1 \
    || { echo "nightshift $* failed:" >&2; cat "$log" >&2; exit 1; }
}
cpu() { for f in "$work"/$1-*.log.cpu; do awk '{ printf "%.1f\n", $1 + $2 }' "$f"; done | median; }
# the steps of the last run of a job: name and seconds, from the job repository
steps() {
  psql -qAt -F ' ' -d "$ops" -c "SELECT s.step_name, round(extract(epoch FROM s.end_time - s.start_time)::numeric, 1)
    FROM nightshift.batch_step_execution s WHERE s.job_execution_id = (SELECT max(e.job_execution_id)
    FROM nightshift.batch_job_execution e JOIN nightshift.batch_job_instance i USING (job_instance_id)
    WHERE i.job_name = '$1') AND s.step_name NOT LIKE 'sync.table:%' ORDER BY s.step_execution_id" | tr '\n' ';'
}
reset_targets() { drop "$copy" "$staging" "${staging}__previous" "${staging}__incoming"; }
checkpoint() { psql -q -d postgres -c "CHECKPOINT"; }
analyze() { psql -q -d "$1" -c "ANALYZE"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

reset_targets
nightshift "$work/warmup.log" sync --from bench --to benchstaging --database bench --source live --run-key warmup
db_size=$(psql -qAt -d "$db" -c "SELECT pg_database_size(current_database())")
echo "database $db: $db_size bytes; $rounds rounds; $(nproc) cores" >&2
echo "round	pg_dump(s)	export(s)	restore+ANALYZE(s)	import(s)	dump|restore+ANALYZE(s)	sync(s)	dump(bytes)	snapshot(bytes)" >&2
: > "$work/rows.tsv"
for round in $(seq 1 "$rounds"); do
  reset_targets; rm -f "$work/base.dump"; checkpoint
  t0=$(now); "$bin/pg_dump" -Fc -Z0 -f "$work/base.dump" "$db"; t1=$(now); dump=$(elapsed "$t0" "$t1")
  checkpoint
  t0=$(now); nightshift "$work/export-$round.log" sync export --env bench --database bench --source live --run-key "export-$round"; t1=$(now)
  export_time=$(elapsed "$t0" "$t1")
  snapshot=$(ls -d "$work"/snapshots/bench-bench-* | sort | tail -n 1)
  createdb "$copy"; checkpoint
  t0=$(now); "$bin/pg_restore" --no-owner -d "$copy" "$work/base.dump"; analyze "$copy"; t1=$(now); restore=$(elapsed "$t0" "$t1")
  drop "$copy"; checkpoint
  t0=$(now); nightshift "$work/import-$round.log" sync import --env benchstaging --database bench --snapshot "$snapshot" --run-key "import-$round"; t1=$(now)
  import_time=$(elapsed "$t0" "$t1")
  createdb "$copy"; checkpoint
  t0=$(now); "$bin/pg_dump" -Fc -Z0 "$db" | "$bin/pg_restore" --no-owner -d "$copy"; analyze "$copy"; t1=$(now); pipe=$(elapsed "$t0" "$t1")
  drop "$copy"; checkpoint
  t0=$(now); nightshift "$work/sync-$round.log" sync --from bench --to benchstaging --database bench --source live --run-key "sync-$round"; t1=$(now)
  sync_time=$(elapsed "$t0" "$t1")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$dump" "$export_time" "$restore" "$import_time" "$pipe" "$sync_time" \
    "$(stat -c %s "$work/base.dump")" "$(du -sb "$snapshot" | cut -f1)" | tee -a "$work/rows.tsv" >&2
done
col() { cut -f"$1" "$work/rows.tsv" | median; }
cat <<REPORT

| median of $rounds (s) | baseline | nightshift | ratio | goal |
|---|---|---|---|---|
| export vs pg_dump -Fc -Z0 -f | $(col 2) | $(col 3) | $(ratio "$(col 3)" "$(col 2)") | <= 1.3 |
| import vs pg_restore + ANALYZE | $(col 4) | $(col 5) | $(ratio "$(col 5)" "$(col 4)") | <= 1.0 |
| sync vs pg_dump -Z0 \| pg_restore + ANALYZE | $(col 6) | $(col 7) | $(ratio "$(col 7)" "$(col 6)") | <= 1.25 |

snapshot $(col 9) bytes = $(ratio "$(col 9)" "$db_size")x the source database ($db_size bytes; goal <= 0.3); the -Z0 dump $(col 8) bytes
JVM CPU (user + system s, median): export $(cpu export), import $(cpu import), sync $(cpu sync)
steps of the last export (s): $(steps sync-export)
steps of the last import (s): $(steps sync-import)
steps of the last sync (s): $(steps sync)
REPORT
