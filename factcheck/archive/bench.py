"""The archive benchmark, `python -m factcheck.bench --archive N`.

Generates N articles from the project's drafts (each with its own date, and the
officials in it swapped for others the reference knows) as JSON Lines in a
temporary folder, then measures: index throughput with 1 and with 2 workers,
peak memory per worker, a full sweep, and a `--since` sweep after one fact
changes. Figures go to standard output; nothing is asserted.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

import factcheck

from . import store
from .cluster import dask_client
from .impact import impact_of
from .indexer import index_archive
from .lookup import articles_with_keys
from .reference_files import at_revision, changes_between, from_folders
from .sweep import sweep_archive

ROOT = Path(__file__).resolve().parent.parent.parent
DRAFT_FOLDERS = ("tests/corpus", "tests/clean_drafts", "examples")
FILES = 8  # JSON Lines files the archive is spread over
CHANGED_FACT = ("F001", "1997-07-04")  # the treaty's signing date, corrected by a day


def bench_archive(count: int) -> None:
    with tempfile.TemporaryDirectory(prefix="factcheck-archive-bench-") as temporary:
        base = Path(temporary)
        started = time.perf_counter()
        sources = generate_archive(base / "archive", count)
        size = sum(p.stat().st_size for p in sources) / 1e6
        print(
            f"archive: {count} articles generated in {time.perf_counter() - started:.1f} s "
            f"({size:.0f} MB of JSON Lines in {len(sources)} files)"
        )
        reference = reference_in_git(base / "reference")
        rates = {}
        for workers in (1, 2):
            rates[workers] = _bench_index(sources, base / f"index-{workers}", reference, workers)
        print(f"  2 workers / 1 worker: {rates[2] / rates[1]:.2f}x")
        index = base / "index-2"
        disk = sum(p.stat().st_size for p in index.rglob("*.parquet")) / 1e6
        print(f"  index size: {disk:.0f} MB of Parquet")
        _bench_sweeps(index, reference)


def _bench_index(sources: list[Path], index: Path, reference: Path, workers: int) -> float:
    with dask_client(None, workers) as client:
        started = time.perf_counter()
        result = index_archive([str(s) for s in sources], index, [str(reference)], cluster=client)
        seconds = time.perf_counter() - started
        peaks = client.run(_peak_mb)
    rate = result.indexed / seconds
    print(
        f"index, {workers} worker{'s' if workers > 1 else ''}: {result.indexed} articles, "
        f"{result.claims} claims in {seconds:.1f} s = {rate:.0f} articles/s; peak memory per "
        f"worker {', '.join(f'{mb:.0f} MB' for mb in peaks.values())}{_load()}"
    )
    return rate


def _bench_sweeps(index: Path, reference: Path) -> None:
    with dask_client(None, 2) as client:
        started = time.perf_counter()
        unchanged = sweep_archive(index, [str(reference)], cluster=client)
        print(
            f"full sweep, 2 workers, nothing changed: {unchanged.claims_judged} claims of "
            f"{unchanged.articles_judged} articles judged in "
            f"{time.perf_counter() - started:.1f} s{_load()}"
        )
        edit_facts(reference, {CHANGED_FACT[0]: {"value": CHANGED_FACT[1]}})
        started = time.perf_counter()
        full = sweep_archive(index, [str(reference)], cluster=client)
        print(
            f"full sweep, 2 workers, {CHANGED_FACT[0]} changed: {len(full.changes)} changes in "
            f"{time.perf_counter() - started:.1f} s{_load()}"
        )
    for run in ("first", "second", "third"):
        started = time.perf_counter()
        since = sweep_archive(index, [str(reference)], since="HEAD")
        seconds = time.perf_counter() - started
        print(
            f"--since HEAD, {CHANGED_FACT[0]} changed, in process, {run} call: "
            f"{len(since.changes)} changes, {since.articles_judged} articles judged, "
            f"{seconds:.2f} s{_load()}"
            + (
                " (same changes as the full sweep)"
                if since.changes == full.changes
                else " (DIFFERS)"
            )
        )
    _bench_keys_query(index, reference)
    _bench_since_command(index, reference)
    print(f"peak memory of this process: {_peak_mb():.0f} MB")


def _bench_keys_query(index: Path, reference: Path) -> None:
    """The part of `--since` that finds the articles: the lookup's keys file."""
    manifest = store.read_manifest(index)
    changes = changes_between(at_revision([str(reference)], "HEAD"), from_folders([str(reference)]))
    impact = impact_of(changes, factcheck.load_reference(reference))
    started = time.perf_counter()
    found = articles_with_keys(index, manifest, impact.judged | impact.relinked)
    seconds = time.perf_counter() - started
    print(
        f"  of which the keys query: {sum(len(a) for a in found.values())} articles in "
        f"{len(found)} parts found in {seconds * 1000:.0f} ms"
    )


def _bench_since_command(index: Path, reference: Path) -> None:
    """What the standards editor waits for: the whole command, interpreter start included."""
    report = index.parent / "since.json"
    command = [sys.executable, "-m", "factcheck", "archive", "sweep", str(index)]
    command += ["--reference", str(reference), "--since", "HEAD", "--format", "json"]
    started = time.perf_counter()
    subprocess.run([*command, "--exit-zero", "-o", str(report)], check=True, capture_output=True)
    seconds = time.perf_counter() - started
    changes = len(json.loads(report.read_text(encoding="utf-8"))["changes"])
    print(
        f"  the whole command, archive sweep --since HEAD --format json: {changes} changes in "
        f"{seconds:.2f} s{_load()}"
    )


def _peak_mb() -> float:
    """This process's peak resident memory. Not ru_maxrss: Linux carries that over
    fork and exec, so a worker started by a large client would report its peak."""
    status = Path("/proc/self/status")
    lines = status.read_text().splitlines() if status.exists() else []
    hwm = [int(line.split()[1]) for line in lines if line.startswith("VmHWM:")]
    return (hwm[0] if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss) / 1024


def _load() -> str:
    """The machine's load, to read a figure against (the machine may be shared)."""
    return f" (load average {os.getloadavg()[0]:.1f})"


# -- the generated archive ---------------------------------------------------------------


def generate_archive(folder: Path, count: int, seed: int = 15) -> list[Path]:
    """`count` articles as JSON Lines: the drafts in turn, each with a date of its own
    (1995-2025) and each person the reference knows by name swapped for another."""
    folder.mkdir(parents=True)
    drafts = [
        p.read_text(encoding="utf-8")
        for name in DRAFT_FOLDERS
        for p in sorted((ROOT / name).glob("*.md"))
        if p.name != "README.md"
    ]
    people = _people()
    swap = re.compile("|".join(re.escape(name) for name in sorted(people, key=len, reverse=True)))
    chooser = random.Random(seed)
    paths = [folder / f"archive-{i}.jsonl" for i in range(FILES)]
    handles = [p.open("w", encoding="utf-8") for p in paths]
    try:
        for number, text in enumerate(_cycle(drafts, count)):
            others = {}

            def replace(match: re.Match[str]) -> str:
                name = match.group(0)
                return others.setdefault(name, chooser.choice(people))  # noqa: B023

            record = {
                "id": f"article-{number:07d}",
                "url": f"https://news.example/{number}",
                "date": (
                    dt.date(1995, 1, 1) + dt.timedelta(days=chooser.randrange(11000))
                ).isoformat(),
                "text": swap.sub(replace, text),
            }
            handles[number % FILES].write(json.dumps(record, ensure_ascii=False) + "\n")
    finally:
        for handle in handles:
            handle.close()
    return paths


def _cycle(drafts: list[str], count: int) -> Iterator[str]:
    for number in range(count):
        yield drafts[number % len(drafts)]


def _people() -> list[str]:
    entities = (Path(factcheck.load_reference().path) / "entities.csv").read_text(encoding="utf-8")
    return [
        row["label"] for row in csv.DictReader(io.StringIO(entities)) if row["type"] == "person"
    ]


def reference_in_git(target: Path, source: str | Path | None = None) -> Path:
    """A copy of a reference folder (default: the one factcheck loads), committed in
    a new git repository, for `--since`."""
    shutil.copytree(source or factcheck.load_reference().path, target)
    for command in (["init", "-q"], ["add", "."], ["commit", "-qm", "reference"]):
        subprocess.run(
            [
                "git",
                "-C",
                str(target),
                "-c",
                "user.name=factcheck",
                "-c",
                "user.email=factcheck@localhost",
                *command,
            ],
            check=True,
            capture_output=True,
            env={**os.environ, "GIT_CONFIG_GLOBAL": os.devnull},
        )
    return target


def edit_facts(
    reference: Path, edits: Mapping[str, Mapping[str, str]], new: Iterable[Mapping[str, str]] = ()
) -> None:
    """Change fact rows by id and append new ones, as a curator would."""
    path = reference / "facts.csv"
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    columns = list(rows[0])
    for row in rows:
        row.update(edits.get(row["id"], {}))
    rows.extend({c: extra.get(c, "") for c in columns} for extra in new)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
