#!/usr/bin/env bash
# Check every link and anchor of a built site, offline, with lychee: the same answer on every run.
# Links to the site's own address (site_url in mkdocs.yml) or under its base path are checked
# against the built files; links to other sites are listed, never fetched.
set -uo pipefail
site=$(cd "${1:-site}" && pwd) || exit 2
python=${PYTHON:-python3}
lychee="$(dirname "$python")/lychee"
site_url=$(cd "$(dirname "$0")/.." && "$python" -m scripts.settings site_url) || exit 2
base_path=$("$python" -c 'import sys, urllib.parse; print(urllib.parse.urlsplit(sys.argv[1]).path)' "$site_url")
own_site="^${site_url//./\\.}"

"$lychee" --offline --include-fragments --index-files index.html --no-progress \
  --root-dir "$site" \
  --remap "^file://$site${base_path%/}(/|\$) file://$site/" \
  --remap "$own_site file://$site/" \
  "$site"
status=$?
echo "Links to other sites (listed, not fetched):"
"$lychee" --dump --root-dir "$site" "$site" 2>/dev/null | grep -E '^https?://' | grep -v -E "$own_site" | sort -u | sed 's/^/  /'
exit $status
