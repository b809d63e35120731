"""Build-time benchmark: this site against a plain Material site with the same pages, and as data grows.

Each figure is the median wall time of cold `mkdocs build` runs, each in a new process.
Usage: python scripts/bench.py [runs]   (make bench)
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


def median_times(projects: list[Path], runs: int) -> list[float]:
    """Median build time of each project; runs take turns, so a busy moment touches all alike."""
    times = [[] for _ in projects]
    for _ in range(runs):
        for index, project in enumerate(projects):
            times[index].append(time_build(project))
    return [statistics.median(t) for t in times]


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
    rows = [(label, count, seconds) for (label, count, _), seconds in zip(rows, medians, strict=True)]
    shutil.rmtree(work)

    plain, one = rows[0][2], rows[2][2]
    print(f"Cold `mkdocs build --strict`, median of {runs} runs · Python {platform.python_version()} · "
          f"{os.cpu_count()} cores · {platform.processor() or platform.machine()}")  # fmt: skip
    print(f"| {'build':<42} | {'data items':>10} | {'median (s)':>10} | {'vs plain':>8} | {'vs ×1':>6} |")
    print(f"|{'-' * 44}|{'-' * 11}:|{'-' * 11}:|{'-' * 9}:|{'-' * 7}:|")
    for label, count, seconds in rows:
        print(
            f"| {label:<42} | {count or '':>10} | {seconds:>10.2f} | {seconds / plain:>7.2f}× | {seconds / one:>5.2f}× |"
        )
    idle = rows[1][2]
    print(f"macros and validation cost: {100 * (one / plain - 1):+.0f}% over plain (target ≤ +30%): "
          f"the plugin itself {100 * (idle / plain - 1):+.0f}%, our data and rendering {100 * (one / idle - 1):+.0f}%")  # fmt: skip
    print(f"×100 data builds in {rows[4][2] / one:.2f}× the ×1 time (target ≤ 2×)")


if __name__ == "__main__":
    main()
