#!/usr/bin/env bash
# Make sure the browser tests have a Chromium that starts: CHROMIUM_PATH, a system one, Playwright's
# download, or Debian's package, in that order. scripts/chromium.py launches each one found, once,
# headless, before accepting it, and says which it passed over. Fails with instructions only when
# none can be had.
set -u
python=${PYTHON:-python3}
root="$(dirname "$0")/.."

have_chromium() {
  (cd "$root" && "$python" -m scripts.chromium) >/dev/null
}

have_chromium && exit 0

echo "No Chromium that starts was found: trying Playwright's download…"
timeout 300 "$python" -m playwright install chromium >/dev/null 2>&1 && have_chromium && exit 0

if command -v apt-get >/dev/null 2>&1; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null && sudo="sudo -n"
  if [ "$(id -u)" -eq 0 ] || [ -n "$sudo" ]; then
    echo "Playwright's download is not reachable or does not start: installing Debian's chromium with apt…"
    # Its headless shell too, which the tests prefer (the same engine, without windows, at less CPU).
    $sudo apt-get update -qq >/dev/null &&
      DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium chromium-headless-shell fonts-dejavu-core >/dev/null &&
      have_chromium && exit 0
  fi
fi

cat >&2 <<'MSG'
No Chromium could be found, installed or started, and the browser tests need one. Install one of:
  python -m playwright install chromium   (where Playwright's download is reachable)
  sudo apt-get install chromium chromium-headless-shell   (Debian; Ubuntu: chromium-browser)
or set CHROMIUM_PATH to a Chromium or Chrome binary, then run `make test` again.
MSG
exit 1
