#!/usr/bin/env bash
# Starts Deskmate exactly as the README says (npm start), runs the README's curl examples as
# printed, checks that a cited answer comes back and that the handoff shows up in the queue, then
# stops the server (SIGTERM: graceful shutdown). Run from the repository root after npm ci.
set -euo pipefail
log=$(mktemp); out=$(mktemp)
# Its own process group, so stopping it stops npm and the server under it alike.
setsid npm start >"$log" 2>&1 &
pid=$!
trap 'kill -TERM -- -"$pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 180); do grep -q 'listening on' "$log" && break; kill -0 "$pid" 2>/dev/null || { cat "$log"; exit 1; }; sleep 1; done
grep -q 'listening on' "$log" || { echo "server did not start"; cat "$log"; exit 1; }
# The curl block that follows "from another terminal" in the README, run as printed.
awk '/from another terminal/{f=1} f&&/^```sh$/{g=1;next} g&&/^```$/{exit} g' README.md >"$out.sh"
[ -s "$out.sh" ] || { echo "README curl block not found"; exit 1; }
bash "$out.sh" | tee "$out"
echo
grep -q '"citations":\[{"docId":"faq-007"' "$out" || { echo "no cited answer (faq-007) in the output"; exit 1; }
grep -q '"decision":{"type":"handed_off","reasons":\["human_requested"' "$out" || { echo "转人工 was not handed off"; exit 1; }
grep -q '"tickets":\[{"id":' "$out" || { echo "the handoff is not in the queue"; exit 1; }
# Graceful shutdown: SIGTERM, then the server must finish and free its port.
kill -TERM -- -"$pid"
for _ in $(seq 1 30); do kill -0 -- -"$pid" 2>/dev/null || break; sleep 1; done
if kill -0 -- -"$pid" 2>/dev/null; then echo "server did not stop on SIGTERM"; kill -KILL -- -"$pid"; exit 1; fi
grep -q 'shutting down' "$log" || { echo "no graceful shutdown in the log"; cat "$log"; exit 1; }
trap - EXIT
echo "README quick start: OK"
