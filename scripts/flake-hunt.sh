#!/usr/bin/env bash
# Run the whole suite RUNS times in a row on a fresh clone of HEAD, each run in a new shuffled order
# (pytest-randomly prints its seed); stop at the first failure, naming the seed to rerun it with.
set -euo pipefail
runs=${1:-10}
clone=$(mktemp -d)
trap 'rm -rf "$clone"' EXIT
git clone --quiet "$(git rev-parse --show-toplevel)" "$clone"
cd "$clone"
make --no-print-directory .venv/installed browser >/dev/null
for run in $(seq "$runs"); do
  seed=$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')
  start=$(date +%s)
  if ! make --no-print-directory test PYTEST_ARGS="-q -p no:cacheprovider --randomly-seed=$seed" >"$clone/run-$run.log" 2>&1; then
    tail -n 40 "$clone/run-$run.log"
    echo "run $run of $runs FAILED with --randomly-seed=$seed (rerun: make test PYTEST_ARGS=--randomly-seed=$seed)"
    exit 1
  fi
  echo "run $run of $runs passed in $(($(date +%s) - start)) s: $(tail -n 1 "$clone/run-$run.log" | tr -d '=') (seed $seed)"
done
echo "$runs runs in a row passed"
