#!/usr/bin/env bash
# Cost of counting every table's rows in the dump stream: `nightshift backup` of this build against the same
# backup by a build without the row counter, interleaved round by round, medians reported.
#
#   BASELINE_JAR=/path/to/other/nightshift.jar bench/row-count-bench.sh [ROUNDS] [SCALE]
#
# Per round: wall time, and the user+system CPU seconds of the nightshift process and its pg_dump child (the
# server's work is the same for both). ROUNDS defaults to 3. SCALE divides the row counts of bench/generate-bench-db.sql (1, the default, is the
# full database of about 1.45 GB; 4 makes one of about a quarter). Connects like bench/backup-bench.sh; each
# build gets its own ops database, recreated every run. Work files go to $BENCH_DIR (default
# /tmp/nightshift-bench).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/bench/lib.sh"
rounds="${1:-3}"
scale="${2:-1}"
: "${BASELINE_JAR:?set BASELINE_JAR to a nightshift.jar built without the row counter}"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
db=nightshift_bench; [ "$scale" = 1 ] || db="nightshift_bench_s$scale"
work="${BENCH_DIR:-/tmp/nightshift-bench}/row-counts"
mkdir -p "$work"

if ! psql -qAt -d "$db" -c "SELECT 1" >/dev/null 2>&1; then
  echo "generating $db (scale 1/$scale) ..." >&2
  createdb "$db"
  sed -E "s/generate_series\(1, ([0-9]+)\)/generate_series(1, \1 \/ $scale)/" "$root/bench/generate-bench-db.sql" \
    | psql -q -v ON_ERROR_STOP=1 -d "$db"
fi
[ -f "$root/target/nightshift.jar" ] || (cd "$root" && ./mvnw -q -B package -DskipTests)

# config NAME: one ops database and backup folder per build, so their Flyway histories never meet
config() {
  psql -q -d postgres -c "DROP DATABASE IF EXISTS nightshift_bench_ops_$1" && createdb "nightshift_bench_ops_$1"
  cat > "$work/$1.yml" <<YAML
nightshift:
  ops-database: {url: "jdbc:postgresql://$PGHOST:$PGPORT/nightshift_bench_ops_$1", username: $PGUSER, password: "${PGPASSWORD:-unused}"}
  backup:
    directory: $work/backups-$1
    retention: {keep-last: 1, hourly: 0, daily: 0, weekly: 0, monthly: 0}
  environments:
$(environment_yaml bench bench "$db")
YAML
}
config counting; config baseline
run() { # run NAME JAR: one timed backup; prints wall seconds and the CPU seconds of nightshift and its pg_dump
  local t0 t1
  t0=$(now)
  NIGHTSHIFT_JAR="$2" /usr/bin/time -f '%U %S' -o "$work/$1.cpu" \
    "$root/scripts/nightshift" --config "$work/$1.yml" backup --env bench >"$work/$1.log" 2>&1
  t1=$(now)
  printf '%s\t%s' "$(elapsed "$t0" "$t1")" "$(awk '{ printf "%.2f", $1 + $2 }' "$work/$1.cpu")"
}
# untimed warm-ups: each build writes its class-data-sharing archive, as the first run after an install does
run counting "$root/target/nightshift.jar" >/dev/null; run baseline "$BASELINE_JAR" >/dev/null

db_size=$(psql -qAt -d "$db" -c "SELECT pg_database_size(current_database())")
echo "database $db: $db_size bytes; $rounds rounds; $(nproc) cores" >&2
: > "$work/rows.tsv"
for round in $(seq 1 "$rounds"); do
  if [ $((round % 2)) = 1 ]; then
    b=$(run baseline "$BASELINE_JAR"); c=$(run counting "$root/target/nightshift.jar")
  else
    c=$(run counting "$root/target/nightshift.jar"); b=$(run baseline "$BASELINE_JAR")
  fi
  printf '%s\t%s\t%s\n' "$round" "$b" "$c" | tee -a "$work/rows.tsv" >&2   # round, wall and CPU without, with
done
grep -q '"public.orders"' "$work"/backups-counting/bench/bench/*.manifest.json \
  || { echo "the counting build's manifest has no row counts" >&2; exit 1; }
b=$(cut -f2 "$work/rows.tsv" | median); c=$(cut -f4 "$work/rows.tsv" | median)
bc=$(cut -f3 "$work/rows.tsv" | median); cc=$(cut -f5 "$work/rows.tsv" | median)
cat <<REPORT

| measure (median of $rounds) | backup without counting | backup with row counts | with / without |
|---|---|---|---|
| wall time (s) | $b | $c | $(awk -v a="$c" -v b="$b" 'BEGIN { printf "%.3f", a / b }')x (goal <= 1.03) |
| CPU of nightshift + pg_dump (s) | $bc | $cc | $(awk -v a="$cc" -v b="$bc" 'BEGIN { printf "%.3f", a / b }')x |
REPORT
