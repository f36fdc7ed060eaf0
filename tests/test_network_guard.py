"""The citation tests that aim factcheck at cloud metadata addresses run in a
network namespace with only loopback (`unshare -n`) where the machine allows
it, so that nothing could leave the machine even if the guard were broken;
where it does not, they run here with only the socket guard of
tests/isolated/conftest.py, and a warning says so."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import warnings

from .conftest import ROOT

ISOLATED_TESTS = ROOT / "tests" / "isolated"


def _namespace_command() -> list[str] | None:
    """`unshare -n` (as root) or `unshare -rn` (a user namespace), if either works."""
    for command in (["unshare", "-n"], ["unshare", "-r", "-n"]):
        try:
            done = subprocess.run([*command, "true"], capture_output=True, timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            continue
        if done.returncode == 0:
            return command
    return None


def test_metadata_guard_in_a_loopback_only_network(tmp_path):
    namespace = _namespace_command()
    if namespace is None:
        warnings.warn(
            "unshare -n is not allowed on this machine: the metadata tests run without a "
            "network namespace, guarded only by tests/isolated/conftest.py",
            stacklevel=1,
        )
    pytest = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
    options = ["-o", "python_files=guard_*.py", "--rootdir", str(ROOT), "--basetemp", str(tmp_path)]
    env = {**os.environ, "FACTCHECK_LOOPBACK_ONLY": "1" if namespace else "0"}
    done = subprocess.run(
        [*(namespace or []), *pytest, *options, str(ISOLATED_TESTS)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=600,
    )
    summary = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    passed = re.fullmatch(r"(\d+) passed in [\d.]+s(?: \(.*\))?", summary)
    assert passed and int(passed[1]) >= 80, summary  # nothing skipped, failed or missing
