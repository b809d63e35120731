"""The contribution set-up: workflow safety, publishing, templates, schemas and docs for contributors."""

import json
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft7Validator

from site_build import ROOT, schema_files

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
DATA_FILES = sorted((ROOT / "docs" / "data").glob("*.yml"))


def load(path):
    return yaml.safe_load(path.read_text("utf-8"))


def triggers(workflow):
    return workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true


@pytest.fixture(scope="module")
def ci():
    return load(ROOT / ".github" / "workflows" / "ci.yml")


def steps_of(job):
    return job.get("steps", [])


def uses(job, action):
    return [step for step in steps_of(job) if step.get("uses", "").startswith(action + "@")]


def test_there_are_workflows():
    assert WORKFLOWS


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_workflow_runs_untrusted_code_with_write_access(path):
    text = path.read_text("utf-8")
    assert "pull_request_target" not in text
    assert "secrets." not in text
    assert load(path)["permissions"] == {"contents": "read"}


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_with_its_version_in_a_comment(path):
    lines = [line for line in path.read_text("utf-8").splitlines() if re.match(r"\s*(-\s+)?uses:", line)]
    assert lines
    for line in lines:
        assert re.fullmatch(r"\s*(-\s+)?uses: [\w.-]+/[\w./-]+@[0-9a-f]{40}\s+# v\d+(\.\d+)*", line), line


def test_checks_run_on_pull_requests_and_pushes_to_main_and_the_check_job_builds_once_for_its_artifact(ci):
    on = triggers(ci)
    assert "pull_request" in on
    assert on["push"]["branches"] == ["main"]
    check = ci["jobs"]["check"]
    runs = [step.get("run", "") for step in steps_of(check)]
    assert [run for run in runs if run in ("make check", "make test", "make build")] == [
        "make check",
        "make test",
        "make build",
    ], "make test checks the links (tests/test_links.py): the job builds once, for the artifact"
    assert not any("make links" in run or "build-zensical" in run for run in runs)
    assert "permissions" not in check
    artifact = uses(check, "actions/upload-artifact")
    assert artifact and artifact[0]["with"]["path"].rstrip("/") == "site"
    assert "if" not in artifact[0], "reviewers of pull requests need the artifact too"
    [build] = [step for step in steps_of(check) if step.get("run") == "make build"]
    assert build["if"] == "${{ !cancelled() }}", "the strict build runs after a failed step, to annotate the PR"


@pytest.mark.parametrize("job", ["check", "zensical"])
def test_each_job_adds_the_problem_matcher_before_anything_prints_a_problem(ci, job):
    runs = [step.get("run", "") for step in steps_of(ci["jobs"][job])]
    add = runs.index('echo "::add-matcher::.github/guide-problems.json"')
    assert add < min(index for index, run in enumerate(runs) if run.startswith("make ") and "installed" not in run)
    assert (ROOT / ".github" / "guide-problems.json").is_file()


def test_only_a_push_to_main_publishes_with_the_official_actions_and_only_that_job_may_write(ci):
    main_only = "github.event_name == 'push' && github.ref == 'refs/heads/main'"
    pages_artifact = uses(ci["jobs"]["check"], "actions/upload-pages-artifact")
    assert pages_artifact and pages_artifact[0]["if"] == main_only
    publish = ci["jobs"]["publish"]
    assert publish["if"] == main_only
    assert publish["needs"] == "check"
    assert uses(publish, "actions/deploy-pages")
    assert publish["environment"]["name"] == "github-pages"
    assert publish["concurrency"]["group"] and publish["concurrency"]["cancel-in-progress"] is False
    for name, job in ci["jobs"].items():
        granted = job.get("permissions", {})
        if uses(job, "actions/deploy-pages"):
            assert granted == {"pages": "write", "id-token": "write"}
        else:
            assert "write" not in granted.values(), name
    # A separate job builds and tests with Zensical, on every pull request, without holding up publishing.
    zensical = ci["jobs"]["zensical"]
    commands = " ".join(step.get("run", "") for step in steps_of(zensical))
    for command in ("make build-zensical", "make test-zensical"):
        assert command in commands
    assert "if" not in zensical and "needs" not in zensical, "it runs on every pull request, on its own"
    assert "zensical" not in str(ci["jobs"]["publish"]["needs"])
    assert "make test-zensical" in (ROOT / ".ci" / "run").read_text("utf-8")


def test_dependabot_keeps_pip_packages_and_actions_current():
    ecosystems = {update["package-ecosystem"] for update in load(ROOT / ".github" / "dependabot.yml")["updates"]}
    assert {"pip", "github-actions"} <= ecosystems


def test_requirements_are_pinned_to_exact_versions_and_hashes():
    for name in ("requirements", "requirements-dev", "requirements-zensical"):
        pins = {}
        for line in (ROOT / f"{name}.in").read_text("utf-8").splitlines():
            if line and not line.startswith(("#", "-r ")):
                assert re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[\w.]+", line), f"{name}.in: {line}"
        text = (ROOT / f"{name}.txt").read_text("utf-8")
        for requirement in re.split(r"\n(?=[A-Za-z])", text.split("\n", 2)[2]):
            head = requirement.split(" ", 1)[0]
            assert re.fullmatch(r"[A-Za-z0-9_.\-]+==[\w.]+", head), f"{name}.txt: {head}"
            assert "--hash=sha256:" in requirement, f"{name}.txt: {head} has no hash"
            pins[head.split("==")[0].lower().replace("_", "-").replace(".", "-")] = head.split("==")[1]
        named = {
            line.split("==")[0].lower().replace("_", "-").replace(".", "-"): line.split("==")[1]
            for file in (f"{name}.in", "requirements.in" if name == "requirements-dev" else f"{name}.in")
            for line in (ROOT / file).read_text("utf-8").splitlines()
            if "==" in line and not line.startswith("#")
        }
        assert {key: pins.get(key) for key in named} == named, f"{name}.txt is not written from {name}.in"


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: p.name)
def test_each_data_file_names_its_schema_and_validates_against_it(path):
    first_line = path.read_text("utf-8").splitlines()[0]
    match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first_line)
    assert match, f"{path.name} must start by naming its schema"
    schema = json.loads((path.parent / match.group(1)).read_text("utf-8"))
    Draft7Validator.check_schema(schema)
    assert list(Draft7Validator(schema).iter_errors(load(path))) == []


def test_contributing_explains_every_field_of_every_data_file():
    guide = (ROOT / "CONTRIBUTING.md").read_text("utf-8")
    for path in DATA_FILES:
        assert f"`docs/data/{path.name}`" in guide, f"add a row for `docs/data/{path.name}` to CONTRIBUTING.md's table"
    for schema_path in schema_files():
        schema = json.loads(schema_path.read_text("utf-8"))
        fields = set(schema["properties"])
        for value in schema["properties"].values():
            fields |= set(value.get("items", {}).get("properties", {}))
        unexplained = sorted(field for field in fields if f"- `{field}` —" not in guide)
        assert unexplained == [], (
            f"CONTRIBUTING.md does not explain these fields of {schema_path.relative_to(ROOT)}: {unexplained}: add a "
            "line - `FIELD` — what it holds, under its data file's section"
        )
    for topic in ("Ids are forever", "{{ checklist() }}", "make serve", "What CI checks"):
        assert topic in guide


def test_readme_and_contributing_state_the_data_file_size_limit():
    from macros.guide_data import MAX_FILE_BYTES

    for name in ("README.md", "CONTRIBUTING.md"):
        assert f"{MAX_FILE_BYTES // 1024} KiB" in (ROOT / name).read_text("utf-8"), name


def test_pull_request_template_and_the_three_issue_forms_exist():
    # Their shape is check-jsonschema's business (make lint); which ones exist is ours.
    template = (ROOT / ".github" / "pull_request_template.md").read_text("utf-8")
    assert "make test" in template and "make serve" in template
    forms = {p.name for p in (ROOT / ".github" / "ISSUE_TEMPLATE").glob("*.yml") if p.name != "config.yml"}
    assert forms == {"content-correction.yml", "suggest-item.yml", "site-bug.yml"}


# The vendored schema that fits each kind of GitHub file.
GITHUB_SCHEMAS = {
    ".github/workflows/ci.yml": "vendor.github-workflows",
    ".github/dependabot.yml": "vendor.dependabot",
    ".github/ISSUE_TEMPLATE/config.yml": "vendor.github-issue-config",
    ".github/ISSUE_TEMPLATE/content-correction.yml": "vendor.github-issue-forms",
    ".github/ISSUE_TEMPLATE/site-bug.yml": "vendor.github-issue-forms",
    ".github/ISSUE_TEMPLATE/suggest-item.yml": "vendor.github-issue-forms",
}


def test_every_github_yaml_file_has_its_schema_here():
    found = {p.relative_to(ROOT).as_posix() for p in (ROOT / ".github").rglob("*.y*ml")}
    assert found == set(GITHUB_SCHEMAS)


@pytest.fixture(scope="module")
def lint_commands():
    """The commands `make lint` runs, as make would expand them (make -n runs none of them)."""
    result = subprocess.run(["make", "-n", "lint"], cwd=ROOT, capture_output=True, text=True, check=True)
    script = result.stdout.replace("\\\n", " ")  # each runs, whatever the one before found: a; b || status=1; …
    commands = [part.strip().removesuffix("|| status=1").strip() for part in script.split(";")]
    return [shlex.split(command) for command in commands if command and not command.startswith(("status=", "exit "))]


def test_make_lint_checks_each_github_file_against_its_vendored_schema(lint_commands):
    checked = {}
    for command in lint_commands:
        if command[0].endswith("check-jsonschema"):
            assert command[1] == "--builtin-schema", "vendored schemas only: no download"
            for path in command[3:]:
                checked[path] = command[2]
    assert checked == GITHUB_SCHEMAS


def test_make_lint_runs_zizmor_offline_in_its_auditor_persona(lint_commands):
    """Its strictest persona: every finding fixed, or explained in a comment where zizmor reads one."""
    [zizmor] = [command for command in lint_commands if command[0].endswith("zizmor")]
    assert "--offline" in zizmor and zizmor[-1] == "." and "--persona=auditor" in zizmor
    assert not any(option.startswith(("--min-", "--no-", "-p")) for option in zizmor)


def test_pre_commit_checks_each_github_file_against_the_same_schema():
    """Its hook runs `make lint-github`, as `make lint` does, which names each file with its schema."""
    hooks = [hook for repo in load(ROOT / ".pre-commit-config.yaml")["repos"] for hook in repo["hooks"]]
    [hook] = [hook for hook in hooks if hook["id"] == "check-jsonschema"]
    assert hook["entry"] == "make lint-github"
    planned = subprocess.run(["make", "-n", "lint-github"], cwd=ROOT, capture_output=True, text=True, check=True)
    for path, schema in GITHUB_SCHEMAS.items():
        assert re.search(hook["files"], path), path
        shown = [line for line in planned.stdout.splitlines() if f"--builtin-schema {schema} " in line]
        assert [line for line in shown if path in line], path


def test_make_check_runs_the_source_checks_lint_spelling_and_the_tests_without_a_browser():
    makefile = (ROOT / "Makefile").read_text("utf-8")
    planned = subprocess.run(["make", "-n", "check"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    for part in ("-m scripts.check_guide", "lint", "-m 'not slow'"):
        assert part in planned, part
    lint = makefile.split("\nlint:", 1)[1].split("\n\n", 1)[0]  # spelling with the lint, which .ci/run runs too
    assert "codespell" in lint


def test_make_checks_steps_run_at_once_and_each_shows_its_whole_output_in_turn():
    """A step that fails fails `make check`; the others still run, and no output is cut into another's."""
    steps = ["sleep 0.3; echo first; echo first again", "echo second >&2; exit 3", "echo third"]
    result = subprocess.run([ROOT / "scripts" / "all-at-once.sh", *steps], capture_output=True, text=True, timeout=30)
    assert result.returncode == 1
    assert result.stdout.splitlines() == ["first", "first again", "second", "third"]


def test_pre_commit_runs_the_lint_and_data_checks_of_ci_at_the_same_versions():
    config = load(ROOT / ".pre-commit-config.yaml")
    hooks = {hook["id"]: repo for repo in config["repos"] for hook in repo["hooks"]}
    assert {"ruff-check", "ruff-format", "yamllint", "zizmor", "check-jsonschema", "make-check"} <= set(hooks)
    pins = dict(
        line.lower().split("==") for line in (ROOT / "requirements-dev.in").read_text().splitlines() if "==" in line
    )
    frozen = dict(re.findall(r"rev: ([0-9a-f]{40})  # frozen: (\S+)", (ROOT / ".pre-commit-config.yaml").read_text()))
    for repo in config["repos"]:
        if repo["repo"] != "local":
            assert repo["rev"] in frozen, f"{repo['repo']}: rev is not a commit, frozen with its tag"
    assert frozen[hooks["yamllint"]["rev"]] == f"v{pins['yamllint']}"
    for tool in ("ruff-check", "ruff-format", "zizmor"):  # from .venv: requirements-dev.txt's version
        assert hooks[tool]["repo"] == "local" and hooks[tool]["hooks"][0]["entry"].startswith(".venv/bin/")


@pytest.mark.parametrize("has_ensurepip", [False, True], ids=["venv-without-ensurepip", "complete-python"])
def test_ci_installs_python3_venv_when_python_cannot_make_a_venv(tmp_path, has_ensurepip):
    """On Debian, `import venv` works without python3-venv, but `python3 -m venv` then fails: CI checks ensurepip."""
    bin_dir, log = tmp_path / "bin", tmp_path / "calls.log"
    bin_dir.mkdir()
    missing = "" if has_ensurepip else 'case "$*" in *ensurepip*) exit 1;; esac\n'
    for name, script in {
        "python3": missing + "exit 0\n",  # `import venv` and everything else succeed
        "apt-get": f'echo "apt-get $*" >> {log}\n',
        "make": f'echo "make $*" >> {log}\n',
    }.items():
        (bin_dir / name).write_text("#!/bin/sh\n" + script, encoding="utf-8")
        (bin_dir / name).chmod(0o755)
    result = subprocess.run(
        ["/bin/bash", str(ROOT / ".ci" / "run")],
        capture_output=True, text=True, timeout=60, env={"PATH": f"{bin_dir}:/usr/bin:/bin"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    calls = log.read_text().splitlines()
    installs = [call for call in calls if call.startswith("apt-get install")]
    assert installs == ([] if has_ensurepip else ["apt-get install -y -qq make python3-venv"])
    assert calls[-3:] == ["make lint", "make test", "make test-zensical"]


def test_a_data_text_as_long_as_its_schema_allows_passes_lint(tmp_path):
    """Lint never refuses what the schema accepts: the longest text each schema allows, on one line."""
    for schema_path in schema_files():
        longest = max((int(m) for m in re.findall(r'"maxLength":\s*(\d+)', schema_path.read_text("utf-8"))), default=0)
        name = schema_path.parent.name if schema_path.name == "schema.json" else schema_path.name.split(".")[0]
        data = tmp_path / "docs" / "data" / f"{name}.yml"
        data.parent.mkdir(parents=True, exist_ok=True)
        data.write_text(f"items:\n  - id: a\n    text: {'x' * max(longest, 160)}\n", encoding="utf-8")
    shutil.copy2(ROOT / ".yamllint.yml", tmp_path / ".yamllint.yml")
    result = subprocess.run(
        [sys.executable, "-m", "yamllint", "--strict", "docs"], cwd=tmp_path, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout


def test_line_endings_final_newlines_and_trailing_spaces_are_mended_before_lint():
    assert "eol=lf" in (ROOT / ".gitattributes").read_text("utf-8")
    editorconfig = (ROOT / ".editorconfig").read_text("utf-8")
    assert "end_of_line = lf" in editorconfig and "insert_final_newline = true" in editorconfig
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text("utf-8"))
    hook_ids = [hook["id"] for repo in config["repos"] for hook in repo["hooks"]]
    fixers = ["mixed-line-ending", "end-of-file-fixer", "trailing-whitespace"]
    assert set(fixers) <= set(hook_ids)
    assert max(hook_ids.index(fixer) for fixer in fixers) < hook_ids.index("yamllint"), "fixers must run before lint"


def test_the_spell_check_finds_a_misspelt_word_in_a_page_and_passes_the_projects_own_words(tmp_path):
    for name in ("pyproject.toml", ".codespell-words.txt"):
        shutil.copy2(ROOT / name, tmp_path / name)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "page.md").write_text("When you recieve an answer, wait.\n", encoding="utf-8")
    codespell = Path(sys.executable).parent / "codespell"
    result = subprocess.run([codespell, "docs"], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode != 0 and "recieve ==> receive" in result.stdout
    (tmp_path / "docs" / "page.md").write_text("When you receive an answer, wait.\n", encoding="utf-8")
    assert subprocess.run([codespell, "docs"], cwd=tmp_path, capture_output=True).returncode == 0


def test_the_link_check_checks_the_site_last_built_without_building_again():
    """CI builds once per job, with whichever engine publishes; `make links` reads that build."""
    planned = subprocess.run(["make", "-n", "links"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert "check-links.sh site" in planned
    assert "mkdocs_build.py" not in planned and "zensical_build.py" not in planned


def test_every_test_has_a_time_limit():
    """A hang fails with its stack in minutes (pytest-timeout), instead of holding CI for its whole hour."""
    import configparser

    config = configparser.ConfigParser()
    config.read(ROOT / "pytest.ini")
    assert 0 < int(config["pytest"]["timeout"]) <= 300
    assert "pytest-timeout" in (ROOT / "requirements-dev.in").read_text("utf-8")
