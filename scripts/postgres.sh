#!/usr/bin/env bash
# Install PostgreSQL from Debian's packages if needed, start a throw-away cluster on loopback
# and print the SQLAlchemy URL of a test database. Used by scripts/test.sh.
set -euo pipefail
PGPORT="${LAGEBILD_PG_PORT:-54329}"  # off the default port so a system server is never touched
PGDIR="${LAGEBILD_PG_DIR:-/tmp/lagebild-pg}"
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo -n "$@"; else return 1; fi; }
bindir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
if [ -z "$bindir" ]; then
  echo "installing PostgreSQL from Debian packages..." >&2
  as_root apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq postgresql >&2
  bindir="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
fi
run_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if ! "$bindir/pg_isready" -q -h 127.0.0.1 -p "$PGPORT" 2>/dev/null; then
  rm -rf "$PGDIR"; mkdir -p "$PGDIR"
  [ "$(id -u)" = 0 ] && chown postgres "$PGDIR"
  run_pg "$bindir/initdb" -D "$PGDIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  run_pg "$bindir/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/log" -w \
    -o "-p $PGPORT -k $PGDIR -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
fi
"$bindir/psql" -q -h 127.0.0.1 -p "$PGPORT" -U postgres -tc \
  "SELECT 1 FROM pg_database WHERE datname='lagebild_test'" | grep -q 1 \
  || "$bindir/createdb" -h 127.0.0.1 -p "$PGPORT" -U postgres lagebild_test
echo "postgresql+psycopg://postgres@127.0.0.1:$PGPORT/lagebild_test"
