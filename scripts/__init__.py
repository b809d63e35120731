"""The repository's tools, run from its top folder as `python -m scripts.NAME`, and the helpers the tests share
with them (finding a browser, building and copying a project).

Python that does not parse under macros/ or hooks/ stops each of them first, with one line per file naming
its line (scripts/python_syntax.py), rather than a traceback from the first import of it.
"""

from pathlib import Path

from scripts.python_syntax import stop_on_unparsable_python

stop_on_unparsable_python(Path(__file__).resolve().parents[1])
