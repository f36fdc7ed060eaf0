"""Benchmark: `python -m factcheck.bench [DRAFT ...]`.

Times what an editor waits for (the whole command, start-up included) and each
stage of the pipeline in process, and reports peak memory. Figures go to
standard output; nothing is asserted, so that CI never fails on a slow machine.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from .document import load_document
from .extract import extract_claims
from .link import link_claims
from .reference import default_reference_path, load_reference
from .report.html import render_page
from .verify import verify_claims

T = TypeVar("T")
ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m factcheck.bench", description=__doc__)
    parser.add_argument("drafts", nargs="*", default=[str(ROOT / "examples" / "mfa-protest.md")])
    parser.add_argument("--repeat", type=int, default=200, help="in-process runs per stage")
    parser.add_argument("--cli-runs", type=int, default=5, help="whole-command runs")
    parser.add_argument(
        "--folder",
        type=int,
        default=1000,
        metavar="N",
        help="also check a folder of N drafts as CI would (0 to skip)",
    )
    args = parser.parse_args(argv)

    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {platform.system()}"
    )
    for draft in args.drafts:
        print(f"\ndraft: {draft} ({len(Path(draft).read_text(encoding='utf-8').split())} words)")
        _bench_cli(draft, args.cli_runs)
        _bench_stages(draft, args.repeat)
    if args.folder:
        _bench_folder(args.drafts, args.folder)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak memory of this process: {peak_mb:.0f} MB")


def _bench_folder(drafts: list[str], count: int) -> None:
    """A folder of `count` drafts (copies of the given ones, each made distinct)
    checked by the CI command, start-up and all outputs included."""
    with tempfile.TemporaryDirectory() as folder:
        texts = [Path(d).read_text(encoding="utf-8") for d in drafts]
        for i in range(count):
            text = texts[i % len(texts)] + f"\nDraft {i} of the benchmark.\n"
            (Path(folder) / "drafts" / f"{i // 100:02d}").mkdir(parents=True, exist_ok=True)
            (Path(folder) / "drafts" / f"{i // 100:02d}" / f"draft-{i:05d}.md").write_text(
                text, encoding="utf-8"
            )
        command = [
            sys.executable,
            "-m",
            "factcheck",
            "check",
            str(Path(folder) / "drafts"),
            "--format",
            "sarif,github",
            "-o",
            str(Path(folder) / "out"),
        ]
        environment = {**os.environ, "CI": "true"}
        start = time.perf_counter()
        subprocess.run(command, check=False, capture_output=True, env=environment)
        seconds = time.perf_counter() - start
        print(
            f"\nfolder of {count} drafts, `factcheck check DIR --format sarif,github -o OUT` "
            f"(HTML pages, index, SARIF, annotations): {seconds:.2f} s, "
            f"{count / seconds:,.0f} drafts/s on {os.cpu_count()} cores"
        )


def _bench_cli(draft: str, runs: int) -> None:
    """The command an editor types, in a fresh interpreter each time."""
    command = [sys.executable, "-m", "factcheck", "check", draft, "--format", "json"]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=False, capture_output=True)
        times.append(time.perf_counter() - start)
    print(
        f"  whole command (start-up, reference load, check, JSON): median "
        f"{statistics.median(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms "
        f"over {runs} runs"
    )


def _bench_stages(draft: str, repeat: int) -> None:
    reference_time, reference = _timed(lambda: load_reference(default_reference_path()), 5)
    document_time, document = _timed(lambda: load_document(draft), repeat)
    extract_time, claims = _timed(lambda: extract_claims(document), repeat)
    link_time, linked = _timed(lambda: link_claims(document, claims, reference), repeat)
    verify_time, findings = _timed(lambda: verify_claims(document, linked, reference), repeat)
    from .models import Report

    report = Report(
        document=document,
        reference_path=reference.path,
        fact_count=len(reference.facts),
        findings=tuple(findings),
    )
    render_time, _ = _timed(lambda: render_page(report), repeat)
    words = len(document.text.split())
    print(f"  reference load ({len(reference.facts)} facts): {reference_time * 1000:.1f} ms")
    for name, seconds in [
        ("load", document_time),
        ("extract", extract_time),
        ("link", link_time),
        ("verify", verify_time),
        ("render html", render_time),
    ]:
        print(f"  {name:<12} {seconds * 1000:8.3f} ms/article")
    check = extract_time + link_time + verify_time
    print(
        f"  extract+link+verify: {1 / check:,.0f} articles/s, {words / check:,.0f} words/s "
        f"(one core, {len(claims)} claims)"
    )


def _timed(work: Callable[[], T], repeat: int) -> tuple[float, T]:
    result = work()  # warm caches once; the figure is the steady state
    start = time.perf_counter()
    for _ in range(repeat):
        result = work()
    return (time.perf_counter() - start) / repeat, result


if __name__ == "__main__":
    main()
