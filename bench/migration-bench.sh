#!/usr/bin/env bash
# Data migration benchmark: a backfill of 3 million rows with `nightshift migrate-data` (keyset batches, one
# transaction each, adaptive size toward 500 ms) against one UPDATE statement doing the same work, interleaved
# in the same run; each round starts from an identical copy of the table (CREATE DATABASE ... TEMPLATE).
#
#   bench/migration-bench.sh [ROUNDS] [ROWS]       (default 3 rounds, 3,000,000 rows; medians are reported)
#
# Connects with the usual libpq variables (PGHOST, PGPORT, PGUSER, PGPASSWORD), default 127.0.0.1:5432 as
# postgres. Creates nightshift_migration_template (kept; drop it to regenerate), nightshift_migration_run and
# nightshift_migration_ops (recreated). Work files go to $BENCH_DIR (default /tmp/nightshift-migration-bench).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/bench/lib.sh"
rounds="${1:-3}"
rows="${2:-3000000}"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
template=nightshift_migration_template
db=nightshift_migration_run
ops=nightshift_migration_ops
work="${BENCH_DIR:-/tmp/nightshift-migration-bench}"
mkdir -p "$work"

if [ "$(psql -qAt -d "$template" -c "SELECT count(*) FROM accounts" 2>/dev/null || echo 0)" != "$rows" ]; then
  echo "generating $template with $rows accounts ..." >&2
  psql -q -d postgres -c "DROP DATABASE IF EXISTS $template" && createdb "$template"
  psql -q -v ON_ERROR_STOP=1 -d "$template" <<SQL
CREATE TABLE accounts (id bigint PRIMARY KEY, email text NOT NULL, email_hash text, display_name text NOT NULL,
                       created_at timestamptz NOT NULL);
INSERT INTO accounts SELECT g, 'user' || g || '@example.com', NULL, 'User ' || md5(g::text), now() - g * interval '1 s'
  FROM generate_series(1, $rows) g;
VACUUM (ANALYZE, FREEZE) accounts;
SQL
fi
fresh_copy() {
  psql -q -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)"
  createdb -T "$template" "$db"
  psql -q -d "$db" -c "ANALYZE accounts" -c "CHECKPOINT"
}
psql -q -d postgres -c "DROP DATABASE IF EXISTS $ops" && createdb "$ops"
[ -f "$root/target/nightshift.jar" ] || (cd "$root" && ./mvnw -q -B package -DskipTests)

cat > "$work/nightshift.yml" <<YAML
nightshift:
  ops-database: {url: "jdbc:postgresql://$PGHOST:$PGPORT/$ops", username: $PGUSER, password: "${PGPASSWORD:-unused}"}
  migration:
    directory: $root/bench/migrations
  environments:
$(environment_yaml bench bench "$db")
YAML
nightshift() { "$root/scripts/nightshift" --config "$work/nightshift.yml" "$@"; }
# untimed warm-up: builds scripts/nightshift's class-data-sharing archive, as the first run after an install would
fresh_copy
nightshift migrate-data bench_backfill --env bench --run-key warmup --dry-run >"$work/warmup.log" 2>&1

size=$(psql -qAt -d "$template" -c "SELECT pg_total_relation_size('accounts')")
echo "accounts: $rows rows, $size bytes; $rounds rounds; PostgreSQL $(psql -qAt -d postgres -c 'SHOW server_version'); $(nproc) cores" >&2
: > "$work/rows.tsv"
for round in $(seq 1 "$rounds"); do
  fresh_copy
  t0=$(now); psql -q -v ON_ERROR_STOP=1 -d "$db" -c "UPDATE accounts SET email_hash = md5(email) WHERE email_hash IS NULL"; t1=$(now)
  single=$(elapsed "$t0" "$t1")

  fresh_copy
  t0=$(now); nightshift migrate-data bench_backfill --env bench --run-key "round-$round-$(date +%s)" >"$work/nightshift-$round.log" 2>&1; t1=$(now)
  command=$(elapsed "$t0" "$t1")
  read -r job max_batch batches <<<"$(psql -qAt -F ' ' -d "$ops" -c "SELECT round(extract(epoch FROM ended_at - started_at)::numeric, 2),
      max_batch_millis, batches FROM nightshift.data_migration_history WHERE kind = 'data' ORDER BY id DESC LIMIT 1")"
  [ "$(psql -qAt -d "$db" -c "SELECT count(*) FROM accounts WHERE email_hash IS NULL")" = 0 ] || { echo "round $round: rows left" >&2; exit 1; }

  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$single" "$command" "$job" "$max_batch" "$batches" | tee -a "$work/rows.tsv" >&2
done
psql -q -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)"

single=$(cut -f2 "$work/rows.tsv" | median); command=$(cut -f3 "$work/rows.tsv" | median); job=$(cut -f4 "$work/rows.tsv" | median)
max_batch=$(cut -f5 "$work/rows.tsv" | sort -n | tail -n 1); batches=$(cut -f6 "$work/rows.tsv" | median)
cat <<REPORT

| measure (median of $rounds) | one UPDATE | nightshift migrate-data (command) | nightshift job only |
|---|---|---|---|
| wall time (s) | $single | $command | $job |

migrate-data command / single UPDATE: $(awk -v a="$command" -v b="$single" 'BEGIN { printf "%.2f", a / b }')x (goal <= 1.25)
migrate-data job / single UPDATE: $(awk -v a="$job" -v b="$single" 'BEGIN { printf "%.2f", a / b }')x
longest batch in any round: $max_batch ms (goal <= 1000 ms: twice the 500 ms target); median batches per run: $batches
REPORT
