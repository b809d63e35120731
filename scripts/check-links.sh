#!/usr/bin/env bash
# Check every link and anchor of a built site, offline: serve it on loopback, crawl it with linkchecker.
set -euo pipefail
site=${1:-site}
python=${PYTHON:-python3}
port=$("$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$python" -m http.server --bind 127.0.0.1 --directory "$site" "$port" >/dev/null 2>&1 &
server=$!
trap 'kill $server' EXIT
for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
"$(dirname "$python")/linkchecker" --config "$(dirname "$0")/linkchecker.ini" "http://127.0.0.1:$port/"
