#!/usr/bin/env bash
# Times Masten's reaching of people (issue 16) on a generated national dataset, on SQLite and (when given) PostgreSQL:
#   (a) one digest pass (Web/Messaging/Reminders.cs) for every account, then a second pass that must store nothing;
#   (b) opening a pulse round in every open mission, for every contact person of the actors of every type;
#   (c) answering three links in five, then reading each mission's pulse results by actor type (what the results page,
#       the API and the export read).
# The generated data has no accounts for the actors' contact people, so the script first gives every contact person
# with an address an account and the actor representative role in each mission their actor belongs to, one
# programme office per programme, and notification settings (hours 6–20, one in five weekly, sv/en/da; one account in
# twenty keeps the defaults). The pass runs as at 22:00 in the mission time zone, so every digest is due.
# Each phase runs in its own process (bench/Digest) through Masten's own services and prints wall time, process CPU,
# database commands, rows written and peak RSS; /usr/bin/time adds the whole process's figures. See bench/README.md.
#
# Usage: bash bench/digest.sh [--postgres CONNECTION] [--no-sqlite] [--scale small|medium|national] [--keep]
#   --postgres CONNECTION   an Npgsql connection string of a user with CREATEDB (or MASTEN_BENCH_POSTGRES); the script
#                           creates the database it names (dropping one of that name first) and drops it at the end
#   --keep                  keep the SQLite file and the PostgreSQL database
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

scale=national sqlite=1 keep=0
postgres=${MASTEN_BENCH_POSTGRES:-}
while [ $# -gt 0 ]; do
  case $1 in
    --postgres) postgres=$2; shift ;;
    --no-sqlite) sqlite=0 ;;
    --scale) scale=$2; shift ;;
    --keep) keep=1 ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    *) echo "Unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
[ -z "$postgres" ] || command -v psql >/dev/null || { echo "bench/digest.sh needs psql for PostgreSQL" >&2; exit 2; }

work=$(mktemp -d)
pg_database=
pg_part() { # pg_part KEY...: the value of the first key present in the connection string (case-insensitive)
  local key
  for key in "$@"; do
    echo "$postgres" | tr ';' '\n' | awk -F= -v k="$key" 'tolower($1) == tolower(k) { sub(/^[^=]*=/, ""); print; exit }'
  done | head -n 1
}
pg() { # pg DATABASE SQL: runs SQL in the maintenance database postgres
  PGHOST=$(pg_part Host Server) PGPORT=$(pg_part Port) PGUSER=$(pg_part Username "User Id" User) PGPASSWORD=$(pg_part Password) \
    psql -q -v ON_ERROR_STOP=1 -d postgres -c "$1" >/dev/null
}
cleanup() {
  if [ -n "$pg_database" ] && [ "$keep" = 0 ]; then pg "DROP DATABASE IF EXISTS \"$pg_database\" WITH (FORCE)" || true; fi
  if [ "$keep" = 0 ]; then rm -rf "$work"; else echo "Kept $work"; fi
}
trap cleanup EXIT

echo "Building Release…"
dotnet build -c Release src/Masten.Cli -v q -nologo >/dev/null
dotnet build -c Release bench/Digest -v q -nologo >/dev/null
masten="dotnet $root/src/Masten.Cli/bin/Release/net10.0/masten.dll"
driver="dotnet $root/bench/Digest/bin/Release/net10.0/Digest.dll"

run() { # run PROVIDER CONNECTION
  local provider=$1 connection=$2
  echo
  echo "== $provider, $scale data, Masten $(git rev-parse --short HEAD), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
  $masten --provider "$provider" --connection "$connection" migrate >/dev/null
  local started=$SECONDS
  $masten --provider "$provider" --connection "$connection" generate --scale "$scale" >/dev/null
  echo "generate --scale $scale: $((SECONDS - started)) s"
  local phase
  for phase in setup digest pulses answer results; do
    /usr/bin/time -f "  process: %e s wall, %U s user + %S s system, peak RSS %M kB" \
      $driver "$provider" "$connection" "$phase" "$work/secrets-$provider.txt" 2>&1 | grep -v '^\s*$'
  done
}

if [ "$sqlite" = 1 ]; then
  run Sqlite "Data Source=$work/masten.db"
fi
if [ -n "$postgres" ]; then
  pg_database=$(pg_part Database)
  pg "DROP DATABASE IF EXISTS \"$pg_database\" WITH (FORCE)"
  pg "CREATE DATABASE \"$pg_database\""
  # No command timeout: on a busy machine the generator's COPY of a large table can take longer than Npgsql's 30 s.
  run Postgres "$postgres;Command Timeout=0"
fi
