"""Fast scanning: try a pattern only where it can start.

A pattern that opens with a long alternation ("about|almost|...", "January|
Feb|...") is slow under `finditer`, which tries it at every character. The
families find the few words a match can start with first (one cheap pass over
the words), then `match` the full pattern there: the same matches, several
times faster on long drafts.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence, Set
from dataclasses import dataclass

from ..lexicon import Lexicon
from ..words import normalise, positions, tokens


@functools.lru_cache(maxsize=8)
def _numerals(scan: str) -> tuple[tuple[int, int], ...]:
    """(length, start) of each word that starts with a digit."""
    if scan.isascii():  # the pattern finds the few numerals without reading every word
        return tuple([(m.end() - m.start(), m.start()) for m in _ASCII_NUMERAL.finditer(scan)])
    return tuple([(end - start, start) for start, end, word in tokens(scan) if word[0].isdigit()])


_ASCII_NUMERAL = re.compile(r"[0-9](?<![a-zA-Z0-9][0-9])[a-zA-Z0-9]*")


def word_starts(scan: str, words: Iterable[str]) -> list[int]:
    """Offsets of the given (lower-case) words, in text order."""
    if isinstance(words, frozenset | tuple):
        return list(_word_starts(scan, words))
    return list(_word_starts(scan, tuple(words)))


@functools.lru_cache(maxsize=64)
def _word_starts(scan: str, words: frozenset[str] | tuple[str, ...]) -> tuple[int, ...]:
    # Cached: the families of one draft ask for the same words ("from", the months).
    index, starts = positions(scan), tokens(scan).starts
    found = [starts[i] for word in _present(index, words) for i in index[word]]
    found.sort()
    return tuple(found)


def _present(
    index: Mapping[str, Sequence[int]], words: frozenset[str] | tuple[str, ...]
) -> Set[str]:
    """The words the draft holds: a set intersection walks the smaller of the two in C,
    a vocabulary of titles being larger than a short draft, a draft than the months."""
    if len(words) > len(index) and isinstance(words, frozenset):
        return words.intersection(index)
    return index.keys() & words


def numeral_starts(scan: str, longest: int, shortest: int = 1) -> list[int]:
    """Offsets of the words that start with a digit and are `shortest` to `longest`
    characters long ("3", "21st", "1994")."""
    return [start for length, start in _numerals(scan) if shortest <= length <= longest]


def followed_by(scan: str, starts: Iterable[int], words: frozenset[str], within: int) -> list[int]:
    """The starts (of words) that one of the given words follows within `within`
    words, the word at the start counting as the first: a pattern that must read one
    of them is tried only there."""
    offsets, index = tokens(scan).starts, positions(scan)
    found = sorted(i for word in words for i in index.get(word, ()))
    kept = []
    for start in starts:
        first = bisect.bisect_left(offsets, start)
        nearest = bisect.bisect_left(found, first)
        if nearest < len(found) and found[nearest] < first + within:
            kept.append(start)
    return kept


def matches_at(
    pattern: re.Pattern[str], scan: str, starts: Iterable[int]
) -> Iterator[re.Match[str]]:
    """Non-overlapping matches beginning at the given offsets, left to right,
    as `finditer` would find them if every match begins at one of them."""
    reached = 0
    for start in sorted(set(starts)):
        if start < reached:
            continue
        match = pattern.match(scan, start)
        if match and match.end() > match.start():
            reached = match.end()
            yield match


@dataclass(frozen=True)
class Phrases:
    """A lexicon category's phrases ("will", "is expected to", "set for") found in a
    range of a draft from the words they begin with: a search for the category's
    pattern would try its alternation at every character of the range."""

    pattern: re.Pattern[str]  # the category's words as whole words (Lexicon.pattern)
    first_words: frozenset[str]

    def finditer(self, scan: str, start: int, end: int) -> Iterator[re.Match[str]]:
        """The matches `pattern.finditer(scan, start, end)` finds."""
        offsets = _word_starts(scan, self.first_words)
        reached = start
        for at in offsets[bisect.bisect_left(offsets, start) : bisect.bisect_left(offsets, end)]:
            if at >= reached and (match := self.pattern.match(scan, at, end)) is not None:
                reached = match.end()
                yield match

    def search(self, scan: str, start: int, end: int) -> re.Match[str] | None:
        return next(self.finditer(scan, start, end), None)


@functools.lru_cache(maxsize=64)
def phrases(lexicon: Lexicon, category: str) -> Phrases:
    firsts = frozenset(words[0] for words in map(normalise, lexicon[category]) if words)
    return Phrases(lexicon.pattern(category), firsts)


def leads_before(
    scan: str,
    offsets: Iterable[int],
    lead: re.Pattern[str],
    reach: int,
    *,
    keep_bare: bool,
    last_words: frozenset[str] | None = None,
) -> list[int]:
    """Where the words before each offset that `lead` (anchored with `$`) reads
    begin, within `reach` characters: a pattern that opens with common words
    ("the", "in", "a") is found from its rare word instead ("1990s", "dozen").
    Without a lead an offset is kept as it is when `keep_bare`, else dropped.

    `last_words`, where given, holds every word a lead can end with before a space
    (lower-case): an offset after a space that follows any other word has no lead,
    and the search, which tries every character of the reach, is not made."""
    found = []
    for offset in offsets:
        match = lead_before(scan, offset, lead, reach, last_words)
        if match is not None and (keep_bare or match.start() < offset):
            found.append(match.start())
        elif keep_bare:
            found.append(offset)
    return found


def lead_before(
    scan: str, offset: int, lead: re.Pattern[str], reach: int, last_words: frozenset[str] | None
) -> re.Match[str] | None:
    """The match of `lead` (anchored with `$`) that ends at `offset`, searched
    within `reach` characters before it; with `last_words` (as in `leads_before`),
    not searched where the word before the offset cannot end the lead."""
    if last_words is not None and not _may_end_a_lead(scan, offset, last_words):
        return None
    return lead.search(scan, max(0, offset - reach), offset)


def _may_end_a_lead(scan: str, offset: int, last_words: frozenset[str]) -> bool:
    if not scan[offset - 1 : offset].isspace():
        return True  # a bracket or a hyphen: "(1993)", "mid-1990"
    found = tokens(scan)
    before = bisect.bisect_right(found.ends, offset) - 1
    word = found.words[before] if before >= 0 else ""
    # a lead read case-insensitively also takes letters folding alone does not ("ı")
    return word in last_words or not word.isascii()


def windows(offsets: Iterable[int], *, before: int, after: int) -> list[tuple[int, int]]:
    """Merged (start, end) ranges reaching `before` characters back and `after`
    forward from each offset: where a pattern anchored on a rare word can match."""
    merged: list[tuple[int, int]] = []
    for offset in sorted(offsets):
        start, end = max(0, offset - before), offset + after
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
