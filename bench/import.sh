#!/usr/bin/env bash
# Observation import at national scale: 1,000,000 rows of CSV previewed, applied and applied again, on SQLite
# and PostgreSQL, with wall time and peak RSS of each, against sqlite3's .import of the same CSV into a bare table.
#   bash bench/import.sh                 # SQLite only
#   bash bench/import.sh --postgres "Host=127.0.0.1;Username=masten;Password=masten"   # also PostgreSQL (the user needs CREATEDB)
# Needs sqlite3 and /usr/bin/time. Prints one line per measure, then the import's own split of its CPU and wall time by
# phase (MASTEN_IMPORT_TRACE); see bench/README.md for figures.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${ROWS:-1000000}
PG=""
if [[ "${1:-}" == "--postgres" ]]; then PG="$2"; fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
dotnet build src/Masten.Cli -c Release -v q -nologo >/dev/null
CLI=(dotnet src/Masten.Cli/bin/Release/net10.0/masten.dll)
export MASTEN_IMPORT_TRACE=1

measure() { # label, command...
  local label=$1; shift
  /usr/bin/time -v "$@" >"$WORK/out.txt" 2>"$WORK/time.txt" || { cat "$WORK/out.txt" "$WORK/time.txt" | tail -20; exit 1; }
  local wall rss cpu
  wall=$(grep "Elapsed (wall clock)" "$WORK/time.txt" | awk '{print $NF}')
  rss=$(grep "Maximum resident set size" "$WORK/time.txt" | awk '{print $NF}')
  # CPU time (user + system) of the process: the figure a busy machine distorts least.
  cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {printf "%.2f", s}' "$WORK/time.txt")
  printf '%-34s %8s s wall  %7s s CPU   peak RSS %5d MB   load %s   %s\n' "$label" "$(echo "$wall" | awk -F: '{ if (NF==2) print $1*60+$2; else print $1*3600+$2*60+$3 }')" "$cpu" $((rss / 1024)) "$(cut -d' ' -f1 /proc/loadavg)" "$(grep -E '^  (create|update|unchanged)' "$WORK/out.txt" | awk '{printf "%s %s  ", $1, $2}')"
  grep '^trace ' "$WORK/time.txt" | sed 's/^trace /    /' || true
}

# The target mission gets the indicators of missions 1-3 (about 120), so that 1,000,000 rows are daily values of
# each over about 23 years: some dates meet the generated month-end values (updates), most are new.
prepare() { # sql runner
  "$@" 'UPDATE "Indicators" SET "GoalId" = (SELECT MIN("Id") FROM "Goals" WHERE "MissionId" = 1) WHERE "GoalId" IN (SELECT "Id" FROM "Goals" WHERE "MissionId" IN (2, 3))'
}

csv_from() { # sql runner: writes $WORK/obs.csv
  "$@" 'SELECT "Code" FROM "Indicators" i JOIN "Goals" g ON g."Id" = i."GoalId" WHERE g."MissionId" = 1 ORDER BY i."Id"' > "$WORK/codes.txt"
  python3 - "$WORK/codes.txt" "$WORK/obs.csv" "$ROWS" <<'PY'
import sys, datetime
codes = [c.strip() for c in open(sys.argv[1]) if c.strip()]
rows = int(sys.argv[3]); per = -(-rows // len(codes))
end = datetime.date(2026, 5, 31)
with open(sys.argv[2], 'w', encoding='utf-8', newline='') as f:
    f.write('indikator;datum;värde;källa\n')
    n = 0
    for i, code in enumerate(codes):
        for d in range(per):
            if n == rows: break
            day = end - datetime.timedelta(days=d)
            v = 1000 + (i * 7919 + d * 31) % 100000 / 10
            f.write(f'{code};{day.isoformat()};{str(v).replace(".", ",")};Bench\n'); n += 1
PY
}

run() { # provider connection sql-runner...
  local provider=$1 connection=$2; shift 2
  "${CLI[@]}" --provider "$provider" --connection "$connection" migrate >/dev/null
  local t0=$SECONDS
  "${CLI[@]}" --provider "$provider" --connection "$connection" generate --scale national >/dev/null
  echo "$provider: national dataset generated in $((SECONDS - t0)) s"
  prepare "$@"
  csv_from "$@"
  echo "$provider: $(($(wc -l < "$WORK/obs.csv") - 1)) rows, $(($(stat -c %s "$WORK/obs.csv") / 1024 / 1024)) MB of CSV, into a mission of $(wc -l < "$WORK/codes.txt") indicators"
  measure "$provider preview (--dry-run)" "${CLI[@]}" --provider "$provider" --connection "$connection" import observations "$WORK/obs.csv" --mission 1 --dry-run
  measure "$provider apply" "${CLI[@]}" --provider "$provider" --connection "$connection" import observations "$WORK/obs.csv" --mission 1
  measure "$provider apply again (no change)" "${CLI[@]}" --provider "$provider" --connection "$connection" import observations "$WORK/obs.csv" --mission 1
}

sqlite_sql() { sqlite3 -batch -noheader "$WORK/masten.db" "$1"; }
run Sqlite "Data Source=$WORK/masten.db" sqlite_sql

# The yardstick: the sqlite3 command line's .import of the same CSV into a bare table, in one transaction.
cat > "$WORK/bare.sql" <<SQL
CREATE TABLE bare (indikator TEXT, datum TEXT, "värde" TEXT, "källa" TEXT);
.mode csv
.separator ";"
.import --skip 1 $WORK/obs.csv bare
SQL
measure "sqlite3 .import into a bare table" sqlite3 "$WORK/bare.db" ".read $WORK/bare.sql"

if [[ -n "$PG" ]]; then
  DB="masten_bench_import_$$"
  export PGPASSWORD=$(echo "$PG" | sed -n 's/.*Password=\([^;]*\).*/\1/p')
  PGUSER=$(echo "$PG" | sed -n 's/.*Username=\([^;]*\).*/\1/p')
  PGHOST=$(echo "$PG" | sed -n 's/.*Host=\([^;]*\).*/\1/p')
  createdb -h "$PGHOST" -U "$PGUSER" "$DB"
  trap 'rm -rf "$WORK"; dropdb -h "$PGHOST" -U "$PGUSER" "$DB" 2>/dev/null || true' EXIT
  pg_sql() { psql -h "$PGHOST" -U "$PGUSER" -d "$DB" -At -c "$1"; }
  run Postgres "$PG;Database=$DB" pg_sql
fi
