#!/usr/bin/env bash
# Starts a private PostgreSQL server on loopback for the test suite (Debian's postgresql package, installed
# by tests/run.sh when missing) and prints the connection string the tests use. Usage:
#   tests/postgres.sh start FOLDER    -> prints "Host=127.0.0.1;Port=...;Username=postgres"
#   tests/postgres.sh stop FOLDER
# The server is for tests only: trust authentication on 127.0.0.1, fsync off, thrown away afterwards.
set -euo pipefail
action=$1
folder=$2
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bin" ] || { echo "PostgreSQL server binaries not found under /usr/lib/postgresql" >&2; exit 1; }

# initdb and the server refuse to run as root: run them as the postgres user the package created.
as_owner() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "$action" in
  start)
    # The first free port from 55432 (another run, or a developer's server, may hold one).
    port=55432
    while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
    mkdir -p "$folder"
    [ "$(id -u)" -ne 0 ] || chown postgres: "$folder"
    as_owner "$bin/initdb" -D "$folder/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >"$folder/initdb.log" 2>&1
    as_owner "$bin/pg_ctl" -D "$folder/data" -l "$folder/server.log" -w -o \
      "-p $port -k $folder -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400" \
      start >/dev/null
    echo "Host=127.0.0.1;Port=$port;Username=postgres"
    ;;
  stop)
    as_owner "$bin/pg_ctl" -D "$folder/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$folder"
    ;;
esac
