"""`python -m factcheck.eval CORPUS`: how well the extractors find claims, measured
on drafts whose every checkable claim is written down by hand.

A corpus draft `NAME.md` has a gold file `NAME.gold.json`:

    {"claims": [{"text": "July 3, 1997", "kind": "date", "value": "1997-07-03"},
                {"text": "1993", "occurrence": 2, "kind": "year", "value": "1993"}],
     "planted": [{"text": "3 July 1996", "verdict": "contradicted"}]}

`text` is the exact span as written; `occurrence` (default 1) picks which
appearance of that text is meant. A found claim counts as correct when its span
and kind are those of a gold claim; its value is scored separately. `planted`
lists deliberate errors and the verdict each must get. Every other finding that
would fail a CI run (a verdict in the default --fail-on set) is a false alarm.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..document import load_document
from ..errors import FactcheckError
from ..extract import extract_claims
from ..models import DEFAULT_FAIL_ON, Claim, ClaimKind, Verdict
from ..pipeline import check
from ..reference import ReferenceTable, load_reference


@dataclass(slots=True)
class Tally:
    gold: int = 0
    found: int = 0
    correct: int = 0
    right_value: int = 0

    @property
    def precision(self) -> float:
        return self.correct / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 1.0


@dataclass(slots=True)
class Genre:
    """What one genre of draft (the file name's first word: wire, analysis ...) got."""

    drafts: int = 0
    claims: Tally = field(default_factory=Tally)
    planted: int = 0
    caught: int = 0
    false_alarms: int = 0
    drafts_failed_by_noise: int = 0


@dataclass(slots=True)
class Evaluation:
    kinds: dict[str, Tally] = field(default_factory=dict)
    genres: dict[str, Genre] = field(default_factory=dict)
    # every blocking finding, planted or not, by the strength of its link
    blocking_links: Counter[str] = field(default_factory=Counter)
    planted: int = 0
    caught: int = 0
    drafts: int = 0
    false_alarms: list[str] = field(default_factory=list)
    drafts_failed_by_noise: int = 0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)

    def tally(self, kind: str) -> Tally:
        return self.kinds.setdefault(kind, Tally())

    @property
    def overall(self) -> Tally:
        total = Tally()
        for tally in self.kinds.values():
            total.gold += tally.gold
            total.found += tally.found
            total.correct += tally.correct
            total.right_value += tally.right_value
        return total


def evaluate(corpus: Path, reference: ReferenceTable | None = None) -> Evaluation:
    """Every draft with a gold file in the corpus folder and the folders below it."""
    table = reference or load_reference()
    result = Evaluation()
    drafts = sorted(p for p in corpus.rglob("*.md") if p.with_suffix(".gold.json").exists())
    if not drafts:
        raise FactcheckError(f"no drafts with gold files (NAME.md + NAME.gold.json) in {corpus}")
    for draft in drafts:
        _evaluate_draft(draft, table, result)
    return result


def genre_of(draft: Path) -> str:
    return draft.stem.split("-", 1)[0]


def _evaluate_draft(draft: Path, table: ReferenceTable, result: Evaluation) -> None:
    genre = result.genres.setdefault(genre_of(draft), Genre())
    gold = read_gold(draft.with_suffix(".gold.json"))
    document = load_document(draft)
    expected = {
        _span(document.text, g["text"], g.get("occurrence", 1), draft): g
        for g in gold.get("claims", [])
    }
    found: dict[tuple[int, int], Claim] = {
        (c.span.start, c.span.end): c for c in extract_claims(document, lexicon=table.lexicon)
    }
    genre.claims.gold += len(expected)
    genre.claims.found += len(found)
    for span, item in expected.items():
        result.tally(item["kind"]).gold += 1
        claim = found.get(span)
        if claim is not None and claim.kind.value == item["kind"]:
            result.tally(item["kind"]).correct += 1
            genre.claims.correct += 1
            if claim.value == str(item["value"]):
                result.tally(item["kind"]).right_value += 1
            else:
                result.misses.append(
                    f"{draft.name}: {item['text']!r} read as {claim.value!r}, "
                    f"gold {item['value']!r}"
                )
        else:
            result.misses.append(f"{draft.name}: missed {item['kind']} {item['text']!r}")
    for span, claim in found.items():
        result.tally(claim.kind.value).found += 1
        if span not in expected or expected[span]["kind"] != claim.kind.value:
            result.extras.append(
                f"{draft.name}: not a gold claim: {claim.kind.value} {claim.span.text!r}"
            )
    report = check(document, reference=table)
    verdicts = {(f.claim.span.start, f.claim.span.end): f.verdict.value for f in report.findings}
    planted: set[tuple[int, int]] = set()
    for item in gold.get("planted", []):
        result.planted += 1
        span = _span(document.text, item["text"], item.get("occurrence", 1), draft)
        planted.add(span)
        if verdicts.get(span) == item["verdict"]:
            result.caught += 1
            genre.caught += 1
        else:
            result.misses.append(
                f"{draft.name}: planted {item['verdict']} {item['text']!r} got "
                f"{verdicts.get(span, 'no finding')}"
            )
    result.drafts += 1
    genre.drafts += 1
    genre.planted += len(planted)
    blocking = report.blocking(DEFAULT_FAIL_ON)
    result.blocking_links.update(
        "against itself" if f.verdict is Verdict.INCONSISTENT else f.evidence.strength.value
        for f in blocking
    )
    alarms = [f for f in blocking if (f.claim.span.start, f.claim.span.end) not in planted]
    genre.false_alarms += len(alarms)
    result.false_alarms.extend(
        f"{draft.name}:{f.line}: false alarm: {f.verdict.value} {f.claim.span.text!r} - {f.message}"
        for f in alarms
    )
    if alarms and not planted:
        result.drafts_failed_by_noise += 1
        genre.drafts_failed_by_noise += 1


_CLAIM_KINDS = frozenset(k.value for k in ClaimKind)
_VERDICTS = frozenset(v.value for v in Verdict)


def read_gold(path: Path) -> dict[str, list[dict[str, Any]]]:
    """A gold file, checked item by item: a mistake in one names the file, the
    line and what to write instead, rather than failing somewhere later."""
    raw = path.read_text(encoding="utf-8")
    try:
        gold = json.loads(raw)
    except ValueError as error:
        line = getattr(error, "lineno", None)
        raise FactcheckError(
            f"not valid JSON ({getattr(error, 'msg', error)}) — fix the gold file",
            path=str(path),
            line=line,
        ) from None
    if not isinstance(gold, dict) or not isinstance(gold.get("claims", []), list):
        raise FactcheckError('write {"claims": [...], "planted": [...]}', path=str(path), line=1)
    for item in gold.get("claims", []):
        _check_item(item, path, raw, ("text", "kind", "value"), "kind", _CLAIM_KINDS)
    for item in gold.get("planted", []):
        _check_item(item, path, raw, ("text", "verdict"), "verdict", _VERDICTS)
    return gold


def _check_item(
    item: object, path: Path, raw: str, keys: tuple[str, ...], field: str, allowed: frozenset[str]
) -> None:
    if not isinstance(item, dict):
        raise FactcheckError(f"each entry is an object with {', '.join(keys)}", path=str(path))
    line = raw.count("\n", 0, max(0, raw.find(json.dumps(item.get("text", ""))))) + 1
    missing = [k for k in keys if not isinstance(item.get(k), str)]
    if missing:
        raise FactcheckError(
            f"an entry has no {missing[0]!r} — give {', '.join(keys)} as strings",
            path=str(path),
            line=line,
        )
    if item[field] not in allowed:
        raise FactcheckError(
            f"{field} {item[field]!r} is not one of {', '.join(sorted(allowed))}",
            path=str(path),
            line=line,
        )
    occurrence = item.get("occurrence", 1)
    if not isinstance(occurrence, int) or occurrence < 1:
        raise FactcheckError("occurrence is a whole number from 1", path=str(path), line=line)


def _span(text: str, needle: str, occurrence: int, draft: Path) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence):
        start = text.find(needle, start + 1)
        if start < 0:
            raise FactcheckError(
                f"gold text {needle!r} (occurrence {occurrence}) is not in the "
                "draft — fix the gold file",
                path=str(draft),
            )
    return start, start + len(needle)


def table(result: Evaluation) -> str:
    lines = [
        "| kind | gold | found | precision | recall | values right |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    rows = sorted(result.kinds.items())
    for kind, tally in [*rows, ("overall", result.overall)]:
        values = tally.right_value / tally.correct if tally.correct else 1.0
        lines.append(
            f"| {kind} | {tally.gold} | {tally.found} | {tally.precision:.2f} | "
            f"{tally.recall:.2f} | {values:.2f} |"
        )
    if result.planted:
        lines.append(
            f"\nplanted errors caught: {result.caught} of {result.planted} "
            f"({result.caught / result.planted:.0%})"
        )
    lines.append(
        f"false alarms (a failing verdict on a claim that is not a planted error): "
        f"{len(result.false_alarms)}; drafts without planted errors that would fail CI: "
        f"{result.drafts_failed_by_noise} of {result.drafts}"
    )
    links = ", ".join(f"{n} {strength}" for strength, n in sorted(result.blocking_links.items()))
    lines.append(f"blocking findings by the strength of their link: {links or 'none'}")
    lines.extend(["", *genre_table(result)])
    return "\n".join(lines)


def genre_table(result: Evaluation) -> list[str]:
    lines = [
        "| genre | drafts | claims | precision | recall | planted caught | false alarms "
        "| drafts failed by noise |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, genre in sorted(result.genres.items()):
        lines.append(
            f"| {name} | {genre.drafts} | {genre.claims.gold} | {genre.claims.precision:.2f} | "
            f"{genre.claims.recall:.2f} | {genre.caught} of {genre.planted} | "
            f"{genre.false_alarms} | {genre.drafts_failed_by_noise} |"
        )
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m factcheck.eval",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--reference", help="reference folder (default: the bundled one)")
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses and extras")
    args = parser.parse_args(argv)
    try:
        result = evaluate(args.corpus, load_reference(args.reference) if args.reference else None)
    except FactcheckError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(table(result))
    if args.verbose:
        for line in [*result.misses, *result.extras, *result.false_alarms]:
            print(line)
    counts = Counter(m.split(":")[0] for m in result.misses)
    if counts and not args.verbose:
        print(f"({sum(counts.values())} misses, {len(result.extras)} extras; -v lists them)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
