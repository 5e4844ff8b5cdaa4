#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests (issue 14): `scripts/pg-cluster.sh start DIR PORT`
# makes one in DIR on 127.0.0.1:PORT (trust authentication, loopback only, socket in DIR) and
# prints its URL; `scripts/pg-cluster.sh stop DIR` stops it and deletes DIR. As root the server
# runs as the `postgres` user (PostgreSQL refuses to run as root). Exits 3 when PostgreSQL is not
# installed, saying how to install it.
set -euo pipefail
cmd=${1:?start|stop}
dir=${2:?directory}
bin=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "PostgreSQL is not installed. As root: apt-get update && apt-get install -y postgresql (or set PG_BIN to the folder holding initdb and pg_ctl)." >&2
  exit 3
fi
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case "$cmd" in
  start)
    port=${3:?port}
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -U keyward -A trust --no-sync -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    # fsync off: a test cluster is thrown away, and the suite should not wait on the disk.
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null \
      || { cat "$dir/server.log" >&2; exit 1; }
    echo "postgres://keyward@127.0.0.1:$port/postgres"
    ;;
  stop)
    if [ -d "$dir/data" ]; then as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true; fi
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start DIR PORT | stop DIR" >&2; exit 2 ;;
esac
