"""Build-time benchmark: this site against a plain Material site with the same pages, as data grows, and with Zensical.

Each figure is the median wall time of builds, each in a new process: cold `mkdocs build` runs;
Zensical's builds cold (no cache, no site) and again at once with its cache (nothing changed).
Usage: python scripts/bench.py [runs]   (make bench; ZENSICAL names the zensical program)
"""

import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from site_build import copy_project  # noqa: E402
from site_build import read_data as load  # noqa: E402

ZENSICAL = os.environ.get("ZENSICAL") or str(ROOT / ".venv-zensical" / "bin" / "zensical")


def time_zensical_build(project: Path, cached: bool) -> float:
    """Seconds for one Zensical build into project/site, cold (cache and site removed first) or cached."""
    if not cached:
        shutil.rmtree(project / ".cache", ignore_errors=True)
        shutil.rmtree(project / "site", ignore_errors=True)
    start = time.perf_counter()
    result = subprocess.run(
        [ZENSICAL, "build", "--strict", "-f", str(project / "mkdocs.yml")], cwd=project, capture_output=True, text=True
    )
    elapsed = time.perf_counter() - start
    if result.returncode:
        sys.exit(f"zensical build failed in {project}:\n{result.stdout}{result.stderr}")
    return elapsed


def time_build(project: Path) -> float:
    """Seconds for one cold build, in a new process."""
    out = Path(tempfile.mkdtemp())
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(out)],
        check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )  # fmt: skip
    elapsed = time.perf_counter() - start
    shutil.rmtree(out)
    return elapsed


def median_times(projects: list[Path], runs: int) -> list[tuple[float, float, float]]:
    """Median (MkDocs, Zensical cold, Zensical cached) times of each project; runs take turns, so a busy
    moment touches all alike."""
    times = [([], [], []) for _ in projects]
    for _ in range(runs):
        for index, project in enumerate(projects):
            mkdocs, cold, cached = times[index]
            mkdocs.append(time_build(project))
            cold.append(time_zensical_build(project, cached=False))
            cached.append(time_zensical_build(project, cached=True))
    return [tuple(statistics.median(t) for t in project_times) for project_times in times]


def plain_material_site(target: Path) -> Path:
    """The same pages with the macros' output written as plain Markdown, built by Material alone."""
    project = copy_project(target)
    shutil.rmtree(project / "macros")
    shutil.rmtree(project / "overrides")
    shutil.rmtree(project / "docs" / "data")
    table = load("dos_and_donts.yml")
    plain = {
        "{{ dos_and_donts() }}": "| Do’s | Don’ts |\n|---|---|\n"
        + "\n".join(f"| {p['do']} | {p['dont']} |" for p in table["pairs"]),
        "{{ steps() }}": "\n".join(
            f"1. {s['text']}" + (f" ({s['qualifier']})" if "qualifier" in s else "") + "."
            for s in load("steps.yml")["steps"]
        ),
        "{{ checklist() }}": "\n".join(f"- [ ] {i['text']}" for i in load("checklist.yml")["items"]),
    }
    for page in (project / "docs").glob("*.md"):
        text = page.read_text("utf-8")
        for call, markdown in plain.items():
            text = text.replace(call, markdown)
        page.write_text(text, encoding="utf-8")
    config = (project / "mkdocs.yml").read_text("utf-8")
    config = config.replace("  custom_dir: overrides\n", "").replace("watch:\n  - macros\n", "")
    config = config.replace(
        "  - macros:\n      module_name: macros\n      on_undefined: strict\n      on_error_fail: true\n", ""
    )
    config = config.replace("exclude_docs: |\n  /data/\n", "")
    config = config.replace("markdown_extensions:\n", "markdown_extensions:\n  - pymdownx.tasklist\n")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    return project


def plain_site_with_macros_plugin(target: Path) -> Path:
    """The plain site with mkdocs-macros-plugin switched on and nothing for it to do: its own cost."""
    project = plain_material_site(target)
    config = (project / "mkdocs.yml").read_text("utf-8")
    (project / "mkdocs.yml").write_text(config.replace("plugins:\n  - search\n", "plugins:\n  - search\n  - macros\n"))
    return project


def site_with_data_times(target: Path, factor: int) -> tuple[Path, int]:
    """A copy of this site whose data files hold `factor` times as many (generated) items."""
    project = copy_project(target)
    data = project / "docs" / "data"
    count = 0
    for name, key in (("dos_and_donts.yml", "pairs"), ("steps.yml", "steps"), ("checklist.yml", "items")):
        document = load(name)
        items = []
        for copy in range(factor):
            for item in document[key]:
                generated = dict(item)
                if "id" in generated:
                    generated["id"] = f"{item['id']}-{copy}"
                items.append(generated)
        document[key] = items
        count += len(items)
        (data / name).write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    # The checklist is capped at 12 items so that it prints on one page; lift the cap for this copy.
    schema = data / "schemas" / "checklist.schema.json"
    schema.write_text(schema.read_text("utf-8").replace('"maxItems": 12,', ""), encoding="utf-8")
    return project, count


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    work = Path(tempfile.mkdtemp())
    rows = [
        ("plain Material site, same pages, no macros", 0, plain_material_site(work / "plain")),
        ("plain site + mkdocs-macros-plugin, idle", 0, plain_site_with_macros_plugin(work / "plugin")),
    ]
    for factor in (1, 10, 100):
        project, count = site_with_data_times(work / f"x{factor}", factor)
        rows.append((f"this site, data ×{factor}", count, project))
    medians = median_times([project for _, _, project in rows], runs)
    rows = [(label, count, *times) for (label, count, _), times in zip(rows, medians, strict=True)]
    shutil.rmtree(work)

    plain, one = rows[0][2], rows[2][2]
    print(f"Median of {runs} runs · Python {platform.python_version()} · {os.cpu_count()} cores · "
          f"{platform.processor() or platform.machine()}: cold `mkdocs build --strict`; `zensical build --strict` "
          "cold, then cached")  # fmt: skip
    print(f"| {'build':<42} | {'data items':>10} | {'MkDocs (s)':>10} | {'vs plain':>8} | {'vs ×1':>6} "
          f"| {'Zensical cold (s)':>17} | {'Zensical cached (s)':>19} |")  # fmt: skip
    print(f"|{'-' * 44}|{'-' * 11}:|{'-' * 11}:|{'-' * 9}:|{'-' * 7}:|{'-' * 18}:|{'-' * 20}:|")
    for label, count, seconds, cold, cached in rows:
        print(
            f"| {label:<42} | {count or '':>10} | {seconds:>10.2f} | {seconds / plain:>7.2f}× | {seconds / one:>5.2f}× "
            f"| {cold:>17.2f} | {cached:>19.2f} |"
        )
    idle = rows[1][2]
    print(f"macros and validation cost: {100 * (one / plain - 1):+.0f}% over plain (target ≤ +30%): "
          f"the plugin itself {100 * (idle / plain - 1):+.0f}%, our data and rendering {100 * (one / idle - 1):+.0f}%")  # fmt: skip
    print(f"×100 data builds in {rows[4][2] / one:.2f}× the ×1 time (target ≤ 2×)")
    _, _, _, cold, cached = rows[2]
    print(f"Zensical builds this site (×1) in {cold / one:.2f}× MkDocs' time cold, {cached / one:.2f}× with its cache")


if __name__ == "__main__":
    main()
