#!/usr/bin/env bash
# The README's first two commands on a fresh clone of the commit under test, as a new user runs
# them: `npm install` (no warnings), `npm start` until /healthz answers, one API request, stop
# the server and everything it started, then `git status` must be clean. Leaves no process and no
# directory behind. FRESH_CLONE_PORT (default 8798) keeps it apart from a running `npm start`.
set -euo pipefail

repo=$(git -C "$(dirname "$0")/.." rev-parse --show-toplevel)
commit=$(git -C "$repo" rev-parse HEAD)
port=${FRESH_CLONE_PORT:-8798}
base="http://127.0.0.1:$port"
work=$(mktemp -d)
server_pgid=

fail() { echo "fresh clone: $*" >&2; exit 1; }

stop_server() {
  [ -n "$server_pgid" ] || return 0
  # The server runs in its own process group (set -m below): stop the whole group, npm to workerd.
  kill -TERM -- "-$server_pgid" 2>/dev/null || true
  for _ in $(seq 1 30); do
    kill -0 -- "-$server_pgid" 2>/dev/null || { server_pgid=; return 0; }
    sleep 0.5
  done
  echo "fresh clone: the server ignored SIGTERM for 15 s; killing it" >&2
  kill -KILL -- "-$server_pgid" 2>/dev/null || true
  server_pgid=
  return 1
}

cleanup() {
  stop_server || true
  rm -rf "$work"
}
trap cleanup EXIT

# GET a URL with the runtime npm runs on; prints the status and the body.
get() { node -e 'fetch(process.argv[1]).then(async (r) => console.log(r.status, await r.text())).catch(() => console.log(0))' "$1"; }

echo "fresh clone: $commit into $work/repo"
git clone --quiet "$repo" "$work/repo"
cd "$work/repo"
git checkout --quiet --detach "$commit"

echo "fresh clone: npm install"
# --prefer-offline only saves registry round trips when npm's cache already has a package.
npm install --prefer-offline --no-audit --no-fund >"$work/install.log" 2>&1 || { cat "$work/install.log"; fail "npm install failed"; }
if grep -qi 'warn' "$work/install.log"; then cat "$work/install.log"; fail "npm install printed warnings"; fi

echo "fresh clone: npm start on port $port"
set -m
PORT=$port npm start >"$work/start.log" 2>&1 &
server_pgid=$!
set +m
deadline=$((SECONDS + 180))
until [ "$(get "$base/healthz" | cut -d' ' -f1)" = 200 ]; do
  kill -0 -- "-$server_pgid" 2>/dev/null || { cat "$work/start.log"; server_pgid=; fail "npm start exited before /healthz answered"; }
  [ "$SECONDS" -lt "$deadline" ] || { cat "$work/start.log"; fail "/healthz did not answer within 180 s"; }
  sleep 1
done

answer=$(get "$base/api/v1/demo/main/feedback")
[ "${answer%% *}" = 200 ] || { cat "$work/start.log"; fail "GET /api/v1/demo/main/feedback answered ${answer:0:300}"; }
echo "fresh clone: GET /api/v1/demo/main/feedback -> 200 ${answer:4:80}"

stop_server || fail "npm start did not stop on SIGTERM"
leftovers=$(pgrep -f "$work/repo" || true)
[ -z "$leftovers" ] || { ps -o pid,args -p $leftovers >&2 || true; kill -KILL $leftovers 2>/dev/null || true; fail "processes left behind after npm start stopped"; }

dirty=$(git status --porcelain)
[ -z "$dirty" ] || { echo "$dirty"; git diff --stat; fail "the tree is not clean after install and start"; }
echo "fresh clone: clean tree after npm install and npm start"
