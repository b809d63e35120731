"""Check the guide's data files exactly as the build does: python scripts/check_data.py [docs/data]"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from hooks.github_annotations import annotations, running_on_github  # noqa: E402
from macros.guide_data import GuideDataError, load_guide_data  # noqa: E402

data_dir = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/data")
if not data_dir.is_dir():
    sys.exit(f"{data_dir} is not a folder: run this from the repository's top folder, or name the data folder.")
try:
    load_guide_data(data_dir)
except GuideDataError as error:
    message = f"Guide data error: {error}"
    if running_on_github():
        print(*annotations(message), sep="\n")
    sys.exit(message)
print("Guide data: every file is valid.")
