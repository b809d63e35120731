"""After a build (either engine), where mkdocs.yml says `extra: offline: true`: the site's own service worker,
which keeps every page and asset of this version on a reader's device once they ask (the footer's offer).

How the footer (docs/assets/offline.js) knows what to say: a registration with a copy in Cache Storage is a
copy kept (the copy's presence is the reader's choice: no other key); an installing worker and no active one
is a copy being made, whose worker tells every page of the site {kept, of}, then {done} or {failed}; anything
else is the offer. Forget and Remove tell a worker at work to "stop"; Keep after a Remove in the same tab brings
the old worker back, which installs nothing, so it is asked to "keep". Other tabs of the site look again when
one changes the copy (a BroadcastChannel). Where Cache Storage throws (site data blocked) or there is no service
worker, the footer says the browser cannot keep the guide. Until the device has answered, the offer stays hidden
("looking"): no offer flashes over a kept copy. Each Keep, Remove and Forget counts one more request (`asked`):
a Keep whose sw.js came back after a Remove or Forget takes the copy away again. Remove and Forget do not wait
for the unregistering, which queues behind any fetch of sw.js a bad network holds. A worker in place without a
copy (removed, or its making failed) makes none unasked when a new version comes: it unregisters itself.

It writes site/sw.js from scripts/offline-worker.js with the manifest of this version (each file's address
and a hash of its content; the version is the hash of them all and of the worker's code, so a new version
fetches only what changed), and turns on the offer in site/assets/offline.js, with what the copy costs a
reader's connection. The preview runs no step after its build, so there the offer stays hidden (and a copy an
earlier build left on the same address is taken away).
"""

import gzip
import hashlib
import json
from pathlib import Path

WORKER = Path(__file__).with_name("offline-worker.js")
KILL_SWITCH = Path(__file__).with_name("offline-kill-switch.js")
SWITCH = ("const ON = false;", "const ON = true;")
SIZE = "const KB = 0;"
# What a host such as GitHub Pages sends compressed: text. Images and fonts go as they are.
COMPRESSED = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".webmanifest")


# Not kept: source maps (for developers), the sitemap's gzipped twin, and the worker itself. (The themes'
# search files are gone from the site by now: scripts/search_index.py.)
def kept(path: str) -> bool:
    return not (path.endswith(".map") or path in ("sitemap.xml.gz", "sw.js"))


class OfflineError(Exception):
    def __str__(self):
        return f"Offline copy error: {self.args[0]}"


def address(path: str) -> str:
    """A file's address under the site: a page's folder (faq/index.html → faq/), any other file its path."""
    if path == "index.html":
        return ""
    return path.removesuffix("index.html") if path.endswith("/index.html") else path


def manifest(site: Path) -> dict:
    files = {}
    for path in sorted(site.rglob("*")):
        relative = path.relative_to(site).as_posix()
        if path.is_file() and kept(relative):
            files[address(relative)] = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    # The worker's own code counts too: a release that changes only the worker is a new version, whose copy is
    # made beside the one in use (carrying every file over), never in it.
    version = hashlib.sha256((json.dumps(files, sort_keys=True) + WORKER.read_text("utf-8")).encode()).hexdigest()[:16]
    return {"version": version, "files": files}


def write_offline_copy(site: Path, settings: dict) -> Path:
    """The worker written into the site and its registration turned on; where the setting is off, the worker
    that takes the copy back from readers' devices (a missing sw.js would leave their worker in place)."""
    if (settings.get("extra") or {}).get("offline") is not True:  # the check refuses anything but true or false
        worker = site / "sw.js"
        worker.write_text(KILL_SWITCH.read_text("utf-8"), "utf-8")
        return worker
    registration = site / "assets" / "offline.js"
    text = registration.read_text("utf-8") if registration.is_file() else ""
    for line in (SWITCH[0], SIZE):
        if line not in text:
            raise OfflineError(f"{registration} has no line {line!r} to fill in")
    text = text.replace(SWITCH[0], SWITCH[1], 1)
    registration.write_text(text.replace(SIZE, f"const KB = {carried_kb(site)};", 1), "utf-8")
    return write_worker(site)


def carried_kb(site: Path) -> int:
    """What keeping the copy carries over a reader's connection, in kilobytes (1,000 bytes): each kept file as
    the host sends it, text gzipped."""
    total = 0
    for path in site.rglob("*"):
        if path.is_file() and kept(path.relative_to(site).as_posix()):
            data = path.read_bytes()
            total += len(gzip.compress(data, compresslevel=6, mtime=0)) if path.suffix in COMPRESSED else len(data)
    return max(1, round(total / 1000))


def write_worker(site: Path) -> Path:
    """site/sw.js, with the manifest of the site as it now is: its version follows every file's content."""
    worker = site / "sw.js"
    filled = f"const MANIFEST = {json.dumps(manifest(site))};"
    worker.write_text(
        WORKER.read_text("utf-8").replace("const MANIFEST = {}; // filled in after the build", filled, 1), "utf-8"
    )
    return worker
