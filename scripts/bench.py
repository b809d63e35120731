"""Build-time benchmark: this site against a plain Material site with the same pages, as data grows, and with Zensical.

Each figure is the median wall time of builds, each in a new process: cold `mkdocs build` runs;
Zensical's builds cold (no cache, no site) and again at once with its cache (nothing changed).
Usage: python -m scripts.bench [runs]   (make bench; ZENSICAL names the zensical program)
"""

import json
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

from macros.components import COMPONENTS
from macros.guide_data import load_guide_data
from macros.render import render_component
from scripts.projects import ROOT, copy_project
from scripts.settings import read_config

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
        check=True, cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
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
    """The same pages, each component's HTML written into its page, built by Material alone: no macros
    plugin, no hook, no theme changes, nothing of this repository's code at build time."""
    project = copy_project(target)
    data = load_guide_data(project / "docs" / "data")
    for page in (project / "docs").glob("*.md"):
        text = page.read_text("utf-8")
        for component in COMPONENTS:
            text = text.replace(f"{{{{ {component.name}() }}}}", render_component(component, data[component.name]))
        page.write_text(text, encoding="utf-8")
    for part in ("macros", "overrides", "hooks", "scripts"):
        shutil.rmtree(project / part)
    config = read_config(project / "mkdocs.yml")
    for key in ("hooks", "watch"):
        config.pop(key, None)
    config["theme"].pop("custom_dir", None)
    config["plugins"] = ["search"]
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), "utf-8")
    return project


def plain_site_with_macros_plugin(target: Path) -> Path:
    """The plain site with mkdocs-macros-plugin switched on and nothing for it to do: its own cost."""
    project = plain_material_site(target)
    config = read_config(project / "mkdocs.yml")
    config["plugins"] = ["search", "macros"]
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), "utf-8")
    return project


def site_with_data_times(target: Path, factor: int) -> tuple[Path, int]:
    """A copy of this site whose components' data files hold `factor` times as many (generated) items."""
    project = copy_project(target)
    data = project / "docs" / "data"
    count = 0
    for component in COMPONENTS:
        document = yaml.safe_load((data / component.data_file).read_text("utf-8"))
        items = []
        for copy in range(factor):
            for item in document[component.items]:
                generated = dict(item)
                if "id" in generated:
                    generated["id"] = f"{item['id']}-{copy}"
                items.append(generated)
        document[component.items] = items
        count += len(items)
        (data / component.data_file).write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
        # A list may be capped (the checklist, so that it prints on one page): lift the cap for this copy.
        schema_file = project / component.schema.relative_to(ROOT)  # the copy's own
        schema = json.loads(schema_file.read_text("utf-8"))
        schema["properties"][component.items].pop("maxItems", None)
        schema_file.write_text(json.dumps(schema), encoding="utf-8")
    # The generated ids are not in docs/data/published.yml: the bench runs the engines alone, without the check.
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
