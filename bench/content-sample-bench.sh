#!/usr/bin/env bash
# Content sample benchmark: what the content sample adds to `nightshift sync --check` on a database of
# 1,000 tables (bench/generate-many-tables.sql, -v tables=1000; each table 180 rows, two text-like kept
# columns: name text and payload jsonb). The rules mark every table keep-all, so --check samples every
# column. Timed in the same rounds, interleaved: --check with nightshift.sync.content-sample-rows 1000
# (the default) and 0 (content sample off); the in-process time of the sample itself is read from the log.
#
#   bench/content-sample-bench.sh [ROUNDS]        (default 3 rounds; medians are reported)
#
# Connects with the usual libpq variables (PGHOST, PGPORT, PGUSER, PGPASSWORD), default 127.0.0.1:5432 as
# postgres. Creates nightshift_content_1000 (kept between runs; drop it to regenerate) and
# nightshift_content_ops, nightshift_content_staging (recreated every run). Work files go to $BENCH_DIR.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/bench/lib.sh"
rounds="${1:-3}"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
db=nightshift_content_1000 ops=nightshift_content_ops staging=nightshift_content_staging
work="${BENCH_DIR:-/tmp/nightshift-bench}/content-sample"
mkdir -p "$work/rules"

if ! psql -qAt -d "$db" -c "SELECT 1" >/dev/null 2>&1; then
  echo "generating $db ..." >&2
  createdb "$db"
  psql -q -v ON_ERROR_STOP=1 -v tables=1000 -d "$db" -f "$root/bench/generate-many-tables.sql" >/dev/null
fi
for d in "$ops" "$staging"; do psql -q -d postgres -c "DROP DATABASE IF EXISTS $d" && createdb "$d"; done
[ -f "$root/target/nightshift.jar" ] || (cd "$root" && ./mvnw -q -B package -DskipTests)

{ echo "tables:"; psql -qAt -d "$db" -c "SELECT format('  public.%s: {keep-all: true}', relname)
    FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace ORDER BY relname"; } > "$work/rules/many.yml"
(umask 077 && openssl rand -hex 32 > "$work/salt")
config() { # CONTENT_SAMPLE_ROWS
  cat <<YAML
nightshift:
  ops-database: {url: "jdbc:postgresql://$PGHOST:$PGPORT/$ops", username: $PGUSER, password: "${PGPASSWORD:-unused}"}
  sync:
    rules-directory: $work/rules
    salt-file: $work/salt
    work-directory: $work/spool
    content-sample-rows: $1
  environments:
$(environment_yaml many many "$db")
$(environment_yaml manystaging many "$staging")
YAML
}
config 1000 > "$work/on.yml"
config 0 > "$work/off.yml"

check() { "$root/scripts/nightshift" --config "$work/$1.yml" sync --from many --to manystaging --database many --check; }
timed() { local t0 t1; t0=$(now); check "$1" >>"$work/nightshift.log" 2>&1 || { echo "failed: check $1; see $work/nightshift.log" >&2; exit 1; }; t1=$(now); elapsed "$t0" "$t1"; }
check off >"$work/warmup.log" 2>&1 || { echo "warm-up failed; see $work/warmup.log" >&2; exit 1; }

echo "$(psql -qAt -d "$db" -c "SELECT count(*) FROM pg_stat_user_tables") tables" \
     "($(psql -qAt -d "$db" -c "SELECT pg_size_pretty(pg_database_size(current_database()))"));" \
     "$rounds rounds; PostgreSQL $(psql -qAt -d postgres -c "SHOW server_version"); $(nproc) cores" >&2
: > "$work/rows.tsv"
for round in $(seq 1 "$rounds"); do
  off=$(timed off)
  on=$(timed on)
  sample_ms=$(grep -o 'content sample: [0-9]* kept column(s), up to 1000 rows per table, in [0-9]* ms' "$work/nightshift.log" \
              | tail -n 1 | awk '{print $(NF-1)}')
  printf '%s\t%s\t%s\t%s\n' "$round" "$off" "$on" "$sample_ms" | tee -a "$work/rows.tsv" >&2
done
off=$(cut -f2 "$work/rows.tsv" | median); on=$(cut -f3 "$work/rows.tsv" | median); sample=$(cut -f4 "$work/rows.tsv" | median)
columns=$(grep -o 'content sample: [0-9]* kept' "$work/nightshift.log" | tail -n 1 | awk '{print $3}')
echo "sync --check on 1000 tables: ${off} s without the content sample, ${on} s with it (median of $rounds);" \
     "the sample itself: ${sample} ms for ${columns} columns"
