"""A build that fails costs nothing: the last site that built stays in place, whole.

Both builds (`scripts/mkdocs_build.py`, `scripts/zensical_build.py`) write into the site folder as
they go, so a broken link, a macro error or bad data would leave a half-built or a broken site there.
"""

import os
import shutil
from contextlib import contextmanager
from pathlib import Path

import yaml


class _ConfigLoader(yaml.SafeLoader):
    """Reads any mkdocs.yml the engines read: `!ENV [NAME, …, default]` as MkDocs resolves it, other tags
    (`!!python/name:…`) as nothing, for only site_dir is wanted here."""


def _env(loader, node):
    """`!ENV NAME` or `!ENV [NAME, …, default]`, as MkDocs reads it."""
    if isinstance(node, yaml.ScalarNode):
        return os.environ.get(loader.construct_scalar(node))
    *names, default = loader.construct_sequence(node)
    return next((os.environ[name] for name in names if name in os.environ), default)


_ConfigLoader.add_constructor("!ENV", _env)
_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def read_config(config: Path) -> dict:
    """mkdocs.yml as the engines read it (raises yaml.YAMLError when it is not YAML)."""
    settings = yaml.load(config.read_text("utf-8"), Loader=_ConfigLoader)
    return settings if isinstance(settings, dict) else {}


def site_folder(config: Path) -> Path:
    """The folder mkdocs.yml builds into (its site_dir, `site` by default). A config the engine will
    refuse anyway (bad YAML) counts as the default: the engine's own message then says what is wrong."""
    try:
        settings = read_config(config)
    except yaml.YAMLError:
        settings = None
    site_dir = settings.get("site_dir") if isinstance(settings, dict) else None
    return config.parent / (site_dir if isinstance(site_dir, str) and site_dir else "site")


@contextmanager
def kept_unless_built(site: Path):
    """Move the last site aside; put it back if the block raises, drop it if the block completes."""
    previous = site.with_name(site.name + ".previous")
    if previous.exists():  # left by a build that was killed: it is the last site that built, not site/
        shutil.rmtree(site, ignore_errors=True)
        previous.rename(site)
    if site.exists():
        site.rename(previous)
    try:
        yield
    except BaseException:
        shutil.rmtree(site, ignore_errors=True)
        if previous.exists():
            previous.rename(site)
        raise
    shutil.rmtree(previous, ignore_errors=True)
