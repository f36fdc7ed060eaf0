"""Benchmark: `python -m factcheck.bench [DRAFT ...]`.

Times what an editor waits for (the whole command, start-up included) and each
stage of the pipeline in process, and reports peak memory. Figures go to
standard output; nothing is asserted, so that CI never fails on a slow machine.
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from ..document import load_document
from ..extract import FAMILIES, extract_claims, scan
from ..link import link_claims
from ..models import Document
from ..reference import ReferenceTable, default_reference_path, load_reference
from ..report.html import render_page
from ..verify import verify_claims
from ..words import folded, positions, tokens

T = TypeVar("T")
ROOT = Path(__file__).resolve().parents[2]  # the repository: factcheck/dev/bench.py


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
    parser.add_argument(
        "--citations",
        type=int,
        default=500,
        metavar="N",
        help="also fetch N citations across 50 hosts on a local server (0 to skip)",
    )
    parser.add_argument(
        "--corpus",
        default=str(ROOT / "tests" / "corpus"),
        metavar="DIR",
        help="time extract, link and verify over every draft of this folder "
        "(default: the evaluation corpus; '' to skip)",
    )
    parser.add_argument(
        "--reference-scale",
        type=int,
        default=0,
        metavar="N",
        help="also build a synthetic reference of N facts over N/5 entities and check "
        "against it (1000000 for the issue's target)",
    )
    parser.add_argument(
        "--serve",
        type=int,
        default=0,
        metavar="N",
        help="also time N requests per draft to factcheck serve's page API on loopback",
    )
    parser.add_argument(
        "--big-draft",
        type=float,
        default=0,
        metavar="MB",
        help="also check drafts of MB/4, MB/2 and MB megabytes to show the cost is linear",
    )
    parser.add_argument(
        "--archive",
        type=int,
        default=0,
        metavar="N",
        help="measure only the archive: index N generated articles with 1 and 2 Dask "
        "workers, sweep them, and sweep one changed fact with --since",
    )
    args = parser.parse_args(argv)
    if args.archive:
        from ..archive.bench import bench_archive

        bench_archive(args.archive)
        return
    missing = [draft for draft in args.drafts if not Path(draft).is_file()]
    if missing:
        print(f"error: {missing[0]}: no such draft — give the path of a .md file", file=sys.stderr)
        raise SystemExit(2)

    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {platform.system()}"
    )
    for draft in args.drafts:
        print(f"\ndraft: {draft} ({len(Path(draft).read_text(encoding='utf-8').split())} words)")
        if args.cli_runs:
            _bench_cli(draft, args.cli_runs)
        _bench_stages(draft, args.repeat)
    if args.corpus:
        _bench_corpus(Path(args.corpus), args.repeat)
    if args.folder:
        _bench_folder(args.drafts, args.folder)
    if args.citations:
        _bench_citations(args.citations, hosts=50)
    if args.serve:
        _bench_serve(args.drafts, args.serve)
    if args.big_draft:
        _bench_big_draft(args.drafts[0], args.big_draft)
    if args.reference_scale:
        _bench_reference_scale(args.drafts[0], args.reference_scale)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak memory of this process: {peak_mb:.0f} MB")


_BENCH_PAGE = (
    b"<html><body><nav>Home | World</nav><article><h1>Report</h1><p>The treaty was "
    b"signed on 3 July 1997 and took effect the following year, the ministry said.</p>"
    b"</article></body></html>"
)


def _serve_bench_pages(port: Any) -> None:
    """A local web server in its own process, so that it does not share the
    benchmark's interpreter lock."""
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(_BENCH_PAGE)))
            self.send_header("ETag", '"bench"')
            self.end_headers()
            self.wfile.write(_BENCH_PAGE)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    port.value = server.server_address[1]
    server.serve_forever()


def _bench_citations(count: int, hosts: int) -> None:
    """`count` links spread over `hosts` host names, all served by one local
    server, fetched with the default per-host limits; then again from the cache."""
    import asyncio
    import multiprocessing

    from ..fetch import FetchPolicy, FetchStats, fetch_pages

    port = multiprocessing.Value("i", 0)
    server = multiprocessing.Process(target=_serve_bench_pages, args=(port,), daemon=True)
    server.start()
    while not port.value:
        time.sleep(0.01)

    async def resolve(host: str, _port: int) -> list[str]:
        await asyncio.sleep(0)
        return ["127.0.0.1"]

    urls = [f"http://host{i % hosts:02d}.bench.test:{port.value}/page/{i}" for i in range(count)]
    try:
        with tempfile.TemporaryDirectory() as cache:
            policy = FetchPolicy(allow_private=True, resolve=resolve, cache_dir=Path(cache))
            for label in ("first run", "second run"):
                stats = FetchStats()
                start = time.perf_counter()
                pages = fetch_pages(urls, policy, stats)
                seconds = time.perf_counter() - start
                ok = sum(1 for p in pages.values() if p.reachable)
                print(
                    f"\ncitations, {label}: {count} links over {hosts} hosts, {ok} read, "
                    f"{stats.requests} requests, {stats.cache_hits} from the cache, "
                    f"{seconds:.2f} s ({stats.requests / seconds:,.0f} requests/s; at most "
                    f"{policy.per_host} at once per host, {policy.host_spacing} s apart)"
                )
    finally:
        server.terminate()


# Runs in a fresh interpreter: the command, then its own peak memory on stderr.
# The child's own peak: VmHWM belongs to the address space exec made, while
# ru_maxrss keeps the peak of the (forked) benchmark process before exec.
_MEASURED = (
    "import pathlib, resource, sys\n"
    "from factcheck.cli import main\n"
    "try:\n"
    "    main(sys.argv[1:])\n"
    "finally:\n"
    "    status = pathlib.Path('/proc/self/status')\n"
    "    lines = status.read_text().splitlines() if status.exists() else []\n"
    "    hwm = [int(line.split()[1]) for line in lines if line.startswith('VmHWM:')]\n"
    "    peak = (hwm[0] if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss) / 1024\n"
    "    print(f'peak {peak:.0f} MB', file=sys.stderr)\n"
)


def _measured(arguments: list[str], environment: dict[str, str]) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _MEASURED, *arguments],
        capture_output=True,
        text=True,
        env=environment,
        check=False,
    )
    seconds = time.perf_counter() - start
    peak = next((line for line in done.stderr.splitlines() if line.startswith("peak ")), "")
    return seconds, peak.removeprefix("peak ")


def _bench_big_draft(draft: str, megabytes: float) -> None:
    """One long draft made of the given one repeated: time per stage at three
    sizes, so that a quadratic step shows as a growing time per megabyte."""
    from ..document import document_from_text

    reference = load_reference(default_reference_path())
    body = Path(draft).read_text(encoding="utf-8")
    print(f"\nlong drafts made of {draft} repeated:")
    for size in (megabytes / 4, megabytes / 2, megabytes):
        text = body * max(1, int(size * 1e6 / len(body)))
        start = time.perf_counter()
        document = document_from_text(text)
        load = time.perf_counter() - start
        (extract, link, verify), claims = _stage_seconds(document, reference)
        mb = len(text) / 1e6
        print(
            f"  {mb:5.2f} MB, {claims:6,} claims: load {load:5.2f} s, extract {extract:5.2f} s, "
            f"link {link:5.2f} s, verify {verify:5.2f} s — "
            f"{(load + extract + link + verify) / mb:.2f} s per MB"
        )
        _bench_big_draft_command(text)


def _bench_big_draft_command(text: str) -> None:
    """The whole command on the long draft, in a fresh interpreter: its time and
    its peak memory, with the default outputs (terminal + HTML page) and with JSON."""
    with tempfile.TemporaryDirectory() as work:
        draft = Path(work) / "long.md"
        draft.write_text(text, encoding="utf-8")
        size = draft.stat().st_size / 1e6
        limit = ["--max-draft-size", f"{size + 1:.0f}"]
        environment = {**os.environ, "CI": "true"}
        for label, arguments in (
            ("text + html", ["-o", str(Path(work) / "out")]),
            ("json", ["--format", "json"]),
        ):
            seconds, peak = _measured(["check", str(draft), *limit, *arguments], environment)
            print(
                f"      `factcheck check` ({label}): {seconds:5.1f} s, "
                f"{seconds / size:.2f} s per MB, peak {peak}"
            )


def _stage_seconds(
    document: Document, reference: ReferenceTable
) -> tuple[tuple[float, float, float], int]:
    """Extract, link and verify one draft: the seconds each stage took, and how
    many claims it had."""
    started = time.perf_counter()
    claims = extract_claims(document, lexicon=reference.lexicon)
    extracted = time.perf_counter()
    linked = link_claims(document, claims, reference)
    was_linked = time.perf_counter()
    verify_claims(document, linked, reference)
    done = time.perf_counter()
    return (extracted - started, was_linked - extracted, done - was_linked), len(claims)


def _a_number_property(properties: Path) -> str:
    """A property the generated facts can use: any with plain numbers for values."""
    with properties.open(encoding="utf-8", newline="") as handle:
        return next(
            row["property"] for row in csv.DictReader(handle) if row["value_type"] == "number"
        )


def _extend_csv(source: Path, target: Path, rows: Iterable[list[str]]) -> None:
    """The bundled file's rows, then the generated ones."""
    import csv

    with target.open("w", encoding="utf-8", newline="") as handle:
        handle.write(source.read_text(encoding="utf-8"))
        csv.writer(handle, lineterminator="\n").writerows(rows)


def _bench_reference_scale(draft: str, facts: int) -> None:
    """A synthetic reference (the bundled rows plus `facts` generated ones over
    facts/5 entities with two aliases each): the first load, which validates the
    CSVs and builds the cache, then checks that open the cache."""
    entities = max(1, facts // 5)
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work) / "reference"
        folder.mkdir()
        bundled = default_reference_path()
        (folder / "properties.csv").write_bytes((bundled / "properties.csv").read_bytes())
        (folder / "lexicon.csv").write_bytes((bundled / "lexicon.csv").read_bytes())
        prop = _a_number_property(bundled / "properties.csv")
        _extend_csv(
            bundled / "entities.csv",
            folder / "entities.csv",
            (
                [
                    f"synthetic-{i}",
                    f"Synthetic Place {i}",
                    "place",
                    f"Synthplace {i}|SP-{i} District",
                    "generated for the benchmark",
                ]
                for i in range(entities)
            ),
        )
        _extend_csv(
            bundled / "facts.csv",
            folder / "facts.csv",
            (
                [
                    f"S{i}",
                    f"synthetic-{i % entities}",
                    prop,
                    str(1000 + i),
                    "km2",
                    "",
                    "",
                    "",
                    "established",
                    f"https://example.org/source/{i}",
                    f"Source {i}",
                    "",
                ]
                for i in range(facts)
            ),
        )
        environment = {**os.environ, "CI": "true", "FACTCHECK_CACHE_DIR": str(Path(work) / "c")}
        size = sum(f.stat().st_size for f in folder.iterdir()) / 1e6
        print(
            f"\nreference of {facts:,} generated facts over {entities:,} entities "
            f"({size:,.0f} MB of CSV)"
        )
        command = ["check", draft, "--format", "json", "--reference", str(folder)]
        seconds, peak = _measured(command, environment)
        print(f"  first check (validate the CSVs, build the cache): {seconds:.1f} s, peak {peak}")
        runs = [_measured(command, environment) for _ in range(3)]
        best = min(runs)
        print(f"  check one draft, cache built: {best[0]:.2f} s wall (best of 3), peak {best[1]}")
        drafts = Path(work) / "drafts"
        drafts.mkdir()
        text = Path(draft).read_text(encoding="utf-8")
        for i in range(1000):
            (drafts / f"d{i:04d}.md").write_text(text + f"\nDraft {i}.\n", encoding="utf-8")
        seconds, peak = _measured(
            ["check", str(drafts), "--format", "json", "--reference", str(folder)], environment
        )
        print(
            f"  check 1,000 drafts against it: {seconds:.1f} s ({1000 / seconds:,.0f} "
            f"drafts/s on {os.cpu_count()} cores), peak {peak} in the main process"
        )


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
        environment = {**os.environ, "CI": "true"}
        rates = []
        for jobs in (1, 2):
            command = [
                *(sys.executable, "-m", "factcheck", "check", str(Path(folder) / "drafts")),
                *("--format", "sarif,github", "-o", str(Path(folder) / f"out-{jobs}")),
                *("-j", str(jobs)),
            ]
            start = time.perf_counter()
            done = subprocess.run(command, check=False, capture_output=True, env=environment)
            seconds = time.perf_counter() - start
            if done.returncode not in (0, 1):
                raise SystemExit(done.stderr.decode("utf-8", "replace"))
            rates.append(f"-j {jobs}: {seconds:.2f} s, {count / seconds:,.0f} drafts/s")
        print(
            f"\nfolder of {count} drafts, `factcheck check DIR --format sarif,github -o OUT` "
            f"(HTML pages, index, SARIF, annotations) on {os.cpu_count()} cores: "
            + "; ".join(rates)
        )


def _bench_serve(drafts: list[str], requests: int) -> None:
    """What an editor waits for at the page: a check as they type, through the real
    server (uvicorn) on a loopback port, the report's parts rendered."""
    import threading

    import httpx
    import uvicorn

    from factcheck.serve import Desk, create_app
    from factcheck.serve.server import address, bind

    listener = bind("127.0.0.1", 0)
    url = address("127.0.0.1", listener.getsockname()[1])
    server = uvicorn.Server(uvicorn.Config(create_app(Desk(None)), log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    try:
        with httpx.Client(base_url=url, timeout=30) as client:
            while client.get("/api/session").status_code != 200:
                time.sleep(0.05)
            print("\nfactcheck serve, one request at a time on loopback:")
            for draft in drafts:
                text = Path(draft).read_text(encoding="utf-8")
                for path in ("/api/report", "/api/check"):
                    times = []
                    for _ in range(requests):
                        start = time.perf_counter()
                        client.post(path, json={"text": text}).raise_for_status()
                        times.append(time.perf_counter() - start)
                    times.sort()
                    print(
                        f"  POST {path} {Path(draft).name}: median "
                        f"{statistics.median(times) * 1000:.1f} ms, 95th percentile "
                        f"{times[int(len(times) * 0.95) - 1] * 1000:.1f} ms, max "
                        f"{times[-1] * 1000:.1f} ms over {requests} requests"
                    )
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        listener.close()


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
    extract_time, claims = _timed(
        lambda: extract_claims(document, lexicon=reference.lexicon), repeat
    )
    link_time, linked = _timed(lambda: link_claims(document, claims, reference), repeat)
    verify_time, findings = _timed(lambda: verify_claims(document, linked, reference), repeat)
    from ..models import Report

    report = Report(
        document=document,
        reference_path=reference.path,
        fact_count=reference.fact_count,
        findings=tuple(findings),
    )
    render_time, _ = _timed(lambda: render_page(report), repeat)
    words = len(document.text.split())
    print(f"  reference load ({reference.fact_count} facts): {reference_time * 1000:.1f} ms")
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


def _bench_corpus(corpus: Path, repeat: int) -> None:
    """Each stage over a whole corpus, draft after draft as a folder run meets
    them (so no per-draft cache is warm), best of five rounds."""
    reference = load_reference(default_reference_path())
    documents = [load_document(p) for p in sorted(corpus.glob("*.md")) if p.name != "README.md"]
    if not documents:
        print(
            f"error: {corpus}: no drafts (*.md) to time — give --corpus a folder", file=sys.stderr
        )
        raise SystemExit(2)
    words = sum(len(d.text.split()) for d in documents)
    rounds = max(1, repeat // 20)
    best = {"extract": float("inf"), "link": float("inf"), "verify": float("inf")}
    for _ in range(5):
        spent = dict.fromkeys(best, 0.0)
        for _ in range(rounds):
            for document in documents:
                _forget_earlier_drafts()
                times, _ = _stage_seconds(document, reference)
                for stage, taken in zip(spent, times, strict=True):
                    spent[stage] += taken
        best = {stage: min(best[stage], spent[stage] / rounds) for stage in best}
    count = len(documents)
    print(
        f"\ncorpus: {corpus} ({count} drafts, {words:,} words, {words / count:.0f} words "
        "per draft), one core, best of 5 rounds"
    )
    for stage, seconds in [*best.items(), ("extract+link+verify", sum(best.values()))]:
        print(
            f"  {stage:<20} {count / seconds:8,.0f} articles/s {words / seconds:12,.0f} words/s "
            f"({seconds / count * 1000:.3f} ms/article)"
        )
    slowest = max(best, key=best.__getitem__)
    share = best[slowest] / sum(best.values())
    print(f"  the slowest stage is {slowest} ({share:.0%} of the time)")
    _bench_families(documents, reference, rounds)


def _bench_families(documents: list[Document], reference: ReferenceTable, rounds: int) -> None:
    """Where extract spends its time: the shared word index, then each family."""
    spent = {"word index": 0.0, **{family.name: 0.0 for family in FAMILIES}}
    for _ in range(rounds):
        for document in documents:
            _forget_earlier_drafts()
            started = time.perf_counter()
            scan.word_starts(document.scan, ())
            scan.numeral_starts(document.scan, 1)
            spent["word index"] += time.perf_counter() - started
            for family in FAMILIES:
                started = time.perf_counter()
                list(family.extract(document, reference.lexicon))
                spent[family.name] += time.perf_counter() - started
    per_article = {name: seconds / rounds / len(documents) for name, seconds in spent.items()}
    print(
        "  inside extract, per article: "
        + ", ".join(f"{name} {seconds * 1000:.3f} ms" for name, seconds in per_article.items())
    )


def _forget_earlier_drafts() -> None:
    """Empty the per-draft caches (words): a folder run meets each draft once, so a
    figure measured with them warm would flatter the checker."""
    tokens.cache_clear()
    folded.cache_clear()
    positions.cache_clear()
    scan._numerals.cache_clear()
    scan._word_starts.cache_clear()


def _timed(work: Callable[[], T], repeat: int) -> tuple[float, T]:
    result = work()  # warm caches once; the figure is the steady state
    start = time.perf_counter()
    for _ in range(repeat):
        result = work()
    return (time.perf_counter() - start) / repeat, result


if __name__ == "__main__":
    main()
