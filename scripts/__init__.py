"""The repository's tools, run from its top folder as `python -m scripts.NAME`, and the helpers the tests share
with them (finding a browser, building and copying a project)."""
