#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server on loopback for the store test suite and prints its URL,
# then its data folder (to stop it: pg_ctl -D <folder> stop). Used by .ci/run; runs the server as
# the `postgres` user (initdb refuses root).
set -euo pipefail
PORT="${1:-54329}"
# Take the next free port if that one is busy (a developer's own server, say).
while (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; do PORT=$((PORT + 1)); done
BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
DIR="$(mktemp -d /tmp/deskmate-pg.XXXXXX)"
chown postgres:postgres "$DIR"
runuser -u postgres -- "$BIN/initdb" -D "$DIR/data" -U deskmate --auth=trust -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log"
runuser -u postgres -- "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c fsync=off -c max_connections=200" start >/dev/null
runuser -u postgres -- "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U deskmate deskmate_test
echo "postgres://deskmate@127.0.0.1:$PORT/deskmate_test $DIR/data"
