#!/usr/bin/env bash
# Backup benchmark: wall time of `nightshift backup` against `pg_dump -Fc` (default compression) and against
# `pg_dump -Fc -Z0 > /dev/null`, interleaved in the same run, on a generated database of about 1.2 GB.
#
#   bench/backup-bench.sh [ROUNDS]        (default 3 rounds; medians are reported)
#
# Connects with the usual libpq variables (PGHOST, PGPORT, PGUSER, PGPASSWORD), default 127.0.0.1:5432 as
# postgres. Creates the databases nightshift_bench (kept between runs; drop it to regenerate) and
# nightshift_bench_ops (recreated every run). Work files go to $BENCH_DIR (default /tmp/nightshift-bench).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/bench/lib.sh"
rounds="${1:-3}"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
db=nightshift_bench
ops=nightshift_bench_ops
work="${BENCH_DIR:-/tmp/nightshift-bench}"
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
[ -n "$bin" ] || bin="$(dirname "$(command -v pg_dump)")"
mkdir -p "$work"

if ! psql -qAt -d "$db" -c "SELECT 1" >/dev/null 2>&1; then
  echo "generating $db (about 1.2 GB; takes a few minutes) ..." >&2
  createdb "$db"
  psql -q -v ON_ERROR_STOP=1 -d "$db" -f "$root/bench/generate-bench-db.sql"
fi
psql -q -d postgres -c "DROP DATABASE IF EXISTS $ops" && createdb "$ops"
[ -f "$root/target/nightshift.jar" ] || (cd "$root" && ./mvnw -q -B package -DskipTests)
# nightshift runs as users run it, through scripts/nightshift (extracted jar + class-data-sharing archive);
# the archive is rebuilt by an untimed warm-up backup, as the first run after an install would
rm -rf "$root/target/nightshift-app"

cat > "$work/nightshift.yml" <<YAML
nightshift:
  ops-database: {url: "jdbc:postgresql://$PGHOST:$PGPORT/$ops", username: $PGUSER, password: "${PGPASSWORD:-unused}"}
  backup:
    directory: $work/backups
    retention: {keep-last: 1, hourly: 0, daily: 0, weekly: 0, monthly: 0}
  environments:
$(environment_yaml bench bench "$db")
YAML

nightshift() { "$root/scripts/nightshift" --config "$work/nightshift.yml" "$@"; }
nightshift backup --env bench >"$work/warmup.log" 2>&1


db_size=$(psql -qAt -d "$db" -c "SELECT pg_database_size(current_database())")
echo "database $db: $db_size bytes; $rounds rounds; pg_dump $("$bin/pg_dump" --version | awk '{print $3}'); $(nproc) cores" >&2
: > "$work/rows.tsv"
for round in $(seq 1 "$rounds"); do
  t0=$(now); "$bin/pg_dump" -Fc -f "$work/fc.dump" "$db"; t1=$(now)
  fc_time=$(elapsed "$t0" "$t1"); fc_size=$(stat -c %s "$work/fc.dump"); rm -f "$work/fc.dump"

  t0=$(now); "$bin/pg_dump" -Fc -Z0 "$db" > /dev/null; t1=$(now)
  z0_time=$(elapsed "$t0" "$t1")

  t0=$(now); nightshift backup --env bench >"$work/nightshift.log" 2>&1; t1=$(now)
  ns_time=$(elapsed "$t0" "$t1")
  ns_size=$(ls -t "$work"/backups/bench/bench/*.dump.zst | head -n 1 | xargs stat -c %s)

  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$fc_time" "$fc_size" "$z0_time" "$ns_time" "$ns_size" | tee -a "$work/rows.tsv" >&2
done

fc=$(cut -f2 "$work/rows.tsv" | median); z0=$(cut -f4 "$work/rows.tsv" | median); ns=$(cut -f5 "$work/rows.tsv" | median)
fc_size=$(cut -f3 "$work/rows.tsv" | median); ns_size=$(cut -f6 "$work/rows.tsv" | median)
cat <<REPORT

| measure (median of $rounds) | pg_dump -Fc | pg_dump -Fc -Z0 > /dev/null | nightshift backup |
|---|---|---|---|
| wall time (s) | $fc | $z0 | $ns |
| artifact size (bytes) | $fc_size | - | $ns_size |

nightshift / pg_dump -Fc time: $(awk -v a="$ns" -v b="$fc" 'BEGIN { printf "%.2f", a / b }')x (goal <= 0.75)
nightshift / pg_dump -Fc -Z0 time: $(awk -v a="$ns" -v b="$z0" 'BEGIN { printf "%.2f", a / b }')x (goal <= 1.3)
nightshift / pg_dump -Fc size: $(awk -v a="$ns_size" -v b="$fc_size" 'BEGIN { printf "%.2f", a / b }')x (goal <= 1.0)
REPORT
