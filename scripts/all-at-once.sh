#!/usr/bin/env bash
# Runs each command given (one argument each) at the same time, then prints each one's output, whole and in
# the order given, and exits 1 if any failed: `make check` takes as long as its longest step, and every step's
# mistakes are shown, never interleaved.
set -uo pipefail
outputs=$(mktemp -d)
trap 'rm -rf "$outputs"' EXIT
pids=()
for index in $(seq 1 $#); do
  bash -c "${!index}" >"$outputs/$index" 2>&1 &
  pids+=($!)
done
status=0
for index in $(seq 1 $#); do
  wait "${pids[$((index - 1))]}" || status=1
  cat "$outputs/$index"
done
exit $status
