"""One build step beyond pyproject.toml: the wheel carries the curated reference.

`reference/` at the top of the repository stays the source of truth that curators
edit and review; building a wheel copies it to `factcheck/data/reference/`, so an
installed factcheck (`pip install .`, a CI workflow, a pre-commit hook) has its
bundled reference. An editable install reads `reference/` itself.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

SOURCE = Path(__file__).resolve().parent / "reference"


class BuildWithReference(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / "factcheck" / "data" / "reference"
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(SOURCE, target, ignore=shutil.ignore_patterns(".*"))


setup(cmdclass={"build_py": BuildWithReference})
