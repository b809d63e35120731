"""The contribution set-up: workflow safety, publishing, templates, schemas and docs for contributors."""

import ast
import configparser
import json
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft7Validator, validate
from packaging.utils import canonicalize_name

from site_build import ROOT, schema_files

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
DATA_FILES = sorted((ROOT / "docs" / "data").glob("*.yml"))
# The vendored schema that fits each kind of GitHub file.
GITHUB_SCHEMAS = {
    ".github/workflows/ci.yml": "vendor.github-workflows",
    ".github/dependabot.yml": "vendor.dependabot",
    ".github/ISSUE_TEMPLATE/config.yml": "vendor.github-issue-config",
    ".github/ISSUE_TEMPLATE/content-correction.yml": "vendor.github-issue-forms",
    ".github/ISSUE_TEMPLATE/site-bug.yml": "vendor.github-issue-forms",
    ".github/ISSUE_TEMPLATE/suggest-item.yml": "vendor.github-issue-forms",
}


def load(path):
    return yaml.safe_load(path.read_text("utf-8"))


def uses(job, action):
    return [step for step in job.get("steps", []) if step.get("uses", "").startswith(action + "@")]


def planned(target: str) -> str:
    """What `make TARGET` would run, as make expands it (make -n runs none of it)."""
    return subprocess.run(["make", "-n", target], cwd=ROOT, capture_output=True, text=True, check=True).stdout


def commands(target: str) -> list[list[str]]:
    script = planned(target).replace("\\\n", " ")  # each runs, whatever the one before found: a; b || status=1; …
    parts = [part.strip().removesuffix("|| status=1").strip() for part in script.split(";")]
    return [shlex.split(part) for part in parts if part and not part.startswith(("status=", "exit "))]


def schemas_checked(target: str) -> dict[str, str]:
    """Each file `make TARGET` checks with check-jsonschema, and the schema it checks it against."""
    checked = [command for command in commands(target) if command[0].endswith("check-jsonschema")]
    assert {command[1] for command in checked} == {"--builtin-schema"}, "vendored schemas only: no download"
    return {path: command[2] for command in checked for path in command[3:]}


def pinned_in(path: Path) -> dict[str, str]:
    """The name==version lines of a requirements .in file and of those it includes (-r), as {name: version}."""
    pins = {}
    for line in path.read_text("utf-8").splitlines():
        if line.startswith("-r "):
            pins |= pinned_in(path.parent / line.removeprefix("-r "))
        elif line and not line.startswith("#"):
            assert re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[\w.]+", line), f"{path.name}: {line} is not an exact pin"
            name, version = line.split("==")
            pins[canonicalize_name(name)] = version
    return pins


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_workflow_runs_untrusted_code_with_write_access_and_each_action_is_pinned_to_a_commit(path):
    text = path.read_text("utf-8")
    assert "pull_request_target" not in text and "secrets." not in text, "no untrusted code, no secrets"
    assert load(path)["permissions"] == {"contents": "read"}, "read-only by default"
    lines = [line for line in text.splitlines() if re.match(r"\s*(-\s+)?uses:", line)]
    pinned = re.compile(r"\s*(-\s+)?uses: [\w.-]+/[\w./-]+@[0-9a-f]{40}\s+# v\d+(\.\d+)*")
    unpinned = [line for line in lines if not pinned.fullmatch(line)]
    assert lines and unpinned == [], "pin to a commit, version in a comment"


def test_ci_checks_pull_requests_and_pushes_to_main_and_only_a_push_to_main_publishes():
    ci = load(ROOT / ".github" / "workflows" / "ci.yml")
    on = ci.get("on", ci.get(True))  # YAML 1.1 reads a bare `on` as true
    assert "pull_request" in on and on["push"]["branches"] == ["main"]
    jobs = ci["jobs"]
    check, zensical, publish = jobs["check"], jobs["zensical"], jobs["publish"]
    runs = {name: [step.get("run", "") for step in job.get("steps", [])] for name, job in jobs.items()}
    wanted = ["make check", "make test", "make build"]
    assert [run for run in runs["check"] if run in wanted] == wanted, "make test checks links; one build, to upload"
    assert not any("make links" in run or "build-zensical" in run for run in runs["check"])
    [build] = [step for step in check["steps"] if step.get("run") == "make build"]
    assert build["if"] == "${{ !cancelled() }}", "the strict build runs after a failed step, to annotate the PR"
    [artifact] = uses(check, "actions/upload-artifact")
    assert artifact["with"]["path"].rstrip("/") == "site"
    assert "if" not in artifact, "reviewers of pull requests need the artifact too"
    for job in ("check", "zensical"):
        add = runs[job].index('echo "::add-matcher::.github/guide-problems.json"')
        first = min(index for index, run in enumerate(runs[job]) if run.startswith("make ") and "installed" not in run)
        assert add < first, f"{job}: the problem matcher is added before anything prints a problem"
    assert (ROOT / ".github" / "guide-problems.json").is_file()
    # A separate job builds and tests with Zensical, on every pull request, without holding up publishing.
    assert "make build-zensical" in runs["zensical"] and "make test-zensical" in runs["zensical"]
    assert "if" not in zensical and "needs" not in zensical, "it runs on every pull request, on its own"
    # Only a push to main publishes, with the official actions, and only that job may write.
    main_only = "github.event_name == 'push' && github.ref == 'refs/heads/main'"
    assert [step["if"] for step in uses(check, "actions/upload-pages-artifact")] == [main_only]
    assert publish["if"] == main_only and publish["needs"] == "check", "publishing does not wait for Zensical's job"
    assert uses(publish, "actions/deploy-pages") and publish["environment"]["name"] == "github-pages"
    assert publish["concurrency"]["group"] and publish["concurrency"]["cancel-in-progress"] is False
    assert "permissions" not in check
    writing = {name: job["permissions"] for name, job in jobs.items() if "write" in job.get("permissions", {}).values()}
    assert writing == {"publish": {"pages": "write", "id-token": "write"}}, "only the job that deploys may write"


def test_requirements_are_pinned_to_exact_versions_and_hashes_and_dependabot_keeps_them_and_the_actions_current():
    for name in ("requirements", "requirements-dev", "requirements-zensical"):
        text = (ROOT / f"{name}.txt").read_text("utf-8")
        requirements = re.findall(r"^[^\s#].*", text, re.M)  # hashes and comments are indented or start with #
        pins = dict(re.findall(r"^([\w.-]+)==([\w.]+) \\\n +--hash=sha256:[0-9a-f]{64}\b", text, re.M))
        assert len(pins) == len(requirements), f"{name}.txt: each requirement is name==version, then its hashes"
        pins = {canonicalize_name(package): version for package, version in pins.items()}
        named = pinned_in(ROOT / f"{name}.in")
        assert {key: pins.get(key) for key in named} == named, f"{name}.txt is not written from {name}.in"
    updates = load(ROOT / ".github" / "dependabot.yml")["updates"]
    assert {"pip", "github-actions"} <= {update["package-ecosystem"] for update in updates}, "dependabot updates them"


def test_each_data_file_fits_its_schema_and_contributing_explains_its_fields_its_size_limit_and_the_checks():
    from macros.guide_data import MAX_FILE_BYTES

    guide = (ROOT / "CONTRIBUTING.md").read_text("utf-8")
    for path in DATA_FILES:
        assert f"`docs/data/{path.name}`" in guide, f"add a row for `docs/data/{path.name}` to CONTRIBUTING.md's table"
        match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", path.read_text("utf-8").splitlines()[0])
        assert match, f"{path.name} must start by naming its schema"
        validate(load(path), json.loads((path.parent / match[1]).read_text("utf-8")), cls=Draft7Validator)
    for schema_path in schema_files():
        properties = json.loads(schema_path.read_text("utf-8"))["properties"]
        fields = set(properties).union(*(value.get("items", {}).get("properties", {}) for value in properties.values()))
        unexplained = sorted(field for field in fields if f"- `{field}` —" not in guide)
        assert unexplained == [], f"{schema_path.relative_to(ROOT)}: add - `FIELD` — what it holds, to CONTRIBUTING.md"
    for topic in ("Ids are forever", "{{ checklist() }}", "make serve", "What CI checks"):
        assert topic in guide
    template = (ROOT / ".github" / "pull_request_template.md").read_text("utf-8")
    assert "make test" in template and "make serve" in template, "the pull request template asks for both"
    for name in ("README.md", "CONTRIBUTING.md"):
        assert f"{MAX_FILE_BYTES // 1024} KiB" in (ROOT / name).read_text("utf-8"), f"{name} states the size limit"


def test_make_lint_checks_each_github_file_against_its_schema_zizmor_offline_spelling_and_the_longest_data(tmp_path):
    found = {p.relative_to(ROOT).as_posix() for p in (ROOT / ".github").rglob("*.y*ml")}
    assert found == set(GITHUB_SCHEMAS), "the workflow, dependabot, the issue forms' config and the three forms"
    lint = commands("lint")
    assert any(command[0].endswith("codespell") for command in lint), "spelling with the lint, which .ci/run runs too"
    assert schemas_checked("lint") == schemas_checked("lint-github") == GITHUB_SCHEMAS
    # zizmor in its strictest persona: every finding fixed, or explained in a comment where zizmor reads one.
    [zizmor] = [command for command in lint if command[0].endswith("zizmor")]
    assert "--offline" in zizmor and zizmor[-1] == "." and "--persona=auditor" in zizmor
    assert not any(option.startswith(("--min-", "--no-", "-p")) for option in zizmor)
    # Spelling: it finds a misspelt word in a page, and passes the project's own words.
    shutil.copy2(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    (tmp_path / ".codespell-words.txt").write_text("aline\n", encoding="utf-8")  # ours, which codespell would flag
    (tmp_path / "docs").mkdir()
    for name, word in {"misspelt.md": "recieve", "ours.md": "aline"}.items():
        (tmp_path / "docs" / name).write_text(f"When you {word} an answer, wait.\n", encoding="utf-8")
    codespell = Path(sys.executable).parent / "codespell"
    result = subprocess.run([codespell, "docs"], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode != 0 and result.stdout.splitlines() == ["docs/misspelt.md:1: recieve ==> receive"]
    # yamllint never refuses what a schema accepts: the longest text each schema allows, on one line, not one word.
    (tmp_path / "docs" / "data").mkdir()
    for schema_path in schema_files():
        longest = max([160, *map(int, re.findall(r'"maxLength":\s*(\d+)', schema_path.read_text("utf-8")))])
        name = schema_path.parent.name if schema_path.name == "schema.json" else schema_path.name.split(".")[0]
        text = f"items:\n  - id: a\n    text: {'x' * (longest - 2)} x\n"
        (tmp_path / "docs" / "data" / f"{name}.yml").write_text(text, encoding="utf-8")
    shutil.copy2(ROOT / ".yamllint.yml", tmp_path / ".yamllint.yml")
    result = subprocess.run(
        [sys.executable, "-m", "yamllint", "--strict", "docs"], cwd=tmp_path, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout


def test_make_check_runs_the_source_checks_lint_and_the_tests_at_once_and_make_links_reads_the_last_build():
    check = planned("check")
    for part in ("scripts/all-at-once.sh", "-m scripts.check_guide", "lint", "-m 'not slow'"):
        assert part in check, f"make check runs {part}"
    # A step that fails fails `make check`; the others still run, and no output is cut into another's.
    steps = ["sleep 0.3; echo first; echo first again", "echo second >&2; exit 3", "echo third"]
    result = subprocess.run([ROOT / "scripts" / "all-at-once.sh", *steps], capture_output=True, text=True, timeout=30)
    assert result.returncode == 1
    assert result.stdout.splitlines() == ["first", "first again", "second", "third"]
    links = planned("links")  # CI builds once per job, with whichever engine publishes; `make links` reads that
    assert "check-links.sh site" in links
    assert "mkdocs_build.py" not in links and "zensical_build.py" not in links, "make links builds nothing"


def test_pre_commit_mends_line_endings_then_runs_the_lint_and_data_checks_of_ci_at_the_same_versions():
    assert "eol=lf" in (ROOT / ".gitattributes").read_text("utf-8")
    editorconfig = (ROOT / ".editorconfig").read_text("utf-8")
    assert "end_of_line = lf" in editorconfig and "insert_final_newline = true" in editorconfig
    config = load(ROOT / ".pre-commit-config.yaml")
    repos = {hook["id"]: repo for repo in config["repos"] for hook in repo["hooks"]}
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    fixers = ["mixed-line-ending", "end-of-file-fixer", "trailing-whitespace"]
    assert {*fixers, "ruff-check", "ruff-format", "yamllint", "zizmor", "check-jsonschema", "make-check"} <= set(hooks)
    order = list(hooks)
    assert max(order.index(fixer) for fixer in fixers) < order.index("yamllint"), "fixers must run before lint"
    frozen = dict(re.findall(r"rev: ([0-9a-f]{40})  # frozen: (\S+)", (ROOT / ".pre-commit-config.yaml").read_text()))
    unfrozen = [repo["repo"] for repo in config["repos"] if repo["repo"] != "local" and repo["rev"] not in frozen]
    assert unfrozen == [], "a rev must be a commit, frozen with its tag"
    assert frozen[repos["yamllint"]["rev"]] == f"v{pinned_in(ROOT / 'requirements-dev.in')['yamllint']}"
    for tool in ("ruff-check", "ruff-format", "zizmor"):  # from .venv: requirements-dev.txt's version
        assert repos[tool]["repo"] == "local" and hooks[tool]["entry"].startswith(".venv/bin/"), tool
    # Its schema hook runs `make lint-github`, as `make lint` does, which names each file with its schema.
    assert hooks["check-jsonschema"]["entry"] == "make lint-github"
    assert all(re.search(hooks["check-jsonschema"]["files"], path) for path in GITHUB_SCHEMAS)


@pytest.mark.parametrize("has_ensurepip", [False, True], ids=["venv-without-ensurepip", "complete-python"])
def test_ci_installs_python3_venv_when_python_cannot_make_a_venv(tmp_path, has_ensurepip):
    """On Debian, `import venv` works without python3-venv, but `python3 -m venv` then fails: CI checks ensurepip."""
    log = tmp_path / "calls.log"
    (tmp_path / "bin").mkdir()
    missing = "" if has_ensurepip else 'case "$*" in *ensurepip*) exit 1;; esac\n'
    for name, script in {
        "python3": missing + "exit 0\n",  # `import venv` and everything else succeed
        "apt-get": f'echo "apt-get $*" >> {log}\n',
        "make": f'echo "make $*" >> {log}\n',
    }.items():
        (tmp_path / "bin" / name).write_text("#!/bin/sh\n" + script, encoding="utf-8")
        (tmp_path / "bin" / name).chmod(0o755)
    result = subprocess.run(
        ["/bin/bash", str(ROOT / ".ci" / "run")],
        capture_output=True, text=True, timeout=60, env={"PATH": f"{tmp_path / 'bin'}:/usr/bin:/bin"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    calls = log.read_text().splitlines()
    installs = [call for call in calls if call.startswith("apt-get install")]
    assert installs == ([] if has_ensurepip else ["apt-get install -y -qq make python3-venv"])
    assert calls[-3:] == ["make lint", "make test", "make test-zensical"], "README's test commands, both engines"


def test_every_test_has_a_time_limit_and_no_test_module_imports_another():
    """A hang fails with its stack in minutes (pytest-timeout), instead of holding CI for its whole hour."""
    config = configparser.ConfigParser()
    config.read(ROOT / "pytest.ini")
    assert 0 < int(config["pytest"]["timeout"]) <= 300
    assert "pytest-timeout" in pinned_in(ROOT / "requirements-dev.in")
    # Shared helpers live in the helper modules of tests/ (site_build, reader, …), never in a test module.
    importing = []
    for module in [*ROOT.glob("tests/test_*.py"), *ROOT.glob("macros/components/*/test_*.py")]:
        for node in ast.walk(ast.parse(module.read_text("utf-8"))):
            names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
            names += [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            importing += [f"{module.relative_to(ROOT)} imports {name}" for name in names if name.startswith("test_")]
    assert importing == [], "move what they share into a helper module of tests/"
