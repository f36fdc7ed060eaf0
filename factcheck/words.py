"""Words and sentences of a text: one tokenisation per draft, shared by the
extractors (where can a claim start?) and the linker (which names and trigger
words does it contain?), and the sentence splitter every stage reads claims by."""

from __future__ import annotations

import functools
import re
import unicodedata

_TOKEN = re.compile(r"[^\W_]+")

Token = tuple[int, int, str]


@functools.lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Case- and accent-insensitive form of one word."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@functools.lru_cache(maxsize=8)
def tokens(text: str) -> tuple[Token, ...]:
    """(start, end, folded word) for each word of a text; computed once per text
    because every stage asks for the words of the same draft."""
    if text.isascii():
        # Lower-casing ASCII keeps every offset, so one pass over the lowered text suffices.
        return tuple([(m.start(), m.end(), m[0]) for m in _TOKEN.finditer(text.lower())])
    return tuple([(m.start(), m.end(), fold(m[0])) for m in _TOKEN.finditer(text)])


@functools.lru_cache(maxsize=8)
def folded(text: str) -> tuple[str, ...]:
    """The folded words of a text, in order (the third field of its tokens)."""
    return tuple([word for _, _, word in tokens(text)])


@functools.lru_cache(maxsize=8)
def positions(text: str) -> dict[str, list[int]]:
    """Each folded word of a text and the indexes of its tokens: built once per
    draft, so that a stage looking for a few words never reads all of them."""
    index: dict[str, list[int]] = {}
    for i, word in enumerate(folded(text)):
        index.setdefault(word, []).append(i)
    return index


def normalise(text: str) -> tuple[str, ...]:
    """The folded words of a text."""
    # Units, names and titles recur in every draft and are worth remembering;
    # sentences are not (a long draft would fill the cache with them).
    return _short_normalised(text) if len(text) <= 64 else _normalised(text)


def _normalised(text: str) -> tuple[str, ...]:
    return tuple([fold(m[0]) for m in _TOKEN.finditer(text)])


_short_normalised = functools.lru_cache(maxsize=65536)(_normalised)


_ABBREVIATIONS = frozenset(
    [
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "no",
        "vs",
        "gen",
        "col",
        "lt",
        "sen",
        "rep",
        "gov",
        "prof",
        "jr",
        "sr",
        "u.s",
        "u.n",
        "e.g",
        "i.e",
        "etc",
        "approx",
        "fig",
        "art",
        "para",
    ]
)
# The end of a sentence, with the quotes, brackets and Markdown emphasis that close
# around it ("**Armenia.** Relations ...").
# A list item ("- ", "* ", "1. ") or a heading starts a sentence of its own too.
_SENTENCE_END = re.compile(
    r"[.!?][\"'”’)\]*_]*(?=\s+[\"'“‘(\[*_]*[A-Z0-9])|\n[ \t]*\n"
    r"|\n(?=[ \t]*(?:[-*•+][ \t]|\d{1,2}[.)][ \t]|#))"
)


def split_sentences(scan: str) -> tuple[tuple[int, int], ...]:
    sentences: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(scan):
        if match[0].startswith(".") and _ends_with_abbreviation(scan, match.start()):
            continue
        end = match.end() if not match[0].startswith("\n") else match.start()
        if scan[start:end].strip():
            sentences.append(_trimmed(scan, start, end))
        start = match.end()
    if scan[start:].strip():
        sentences.append(_trimmed(scan, start, len(scan)))
    return tuple(sentences)


def _ends_with_abbreviation(scan: str, dot: int) -> bool:
    word_start = dot
    while word_start > 0 and (scan[word_start - 1].isalpha() or scan[word_start - 1] == "."):
        word_start -= 1
    word = scan[word_start:dot].lower()
    if word_start > 0 and scan[word_start - 1] in "'’":
        return False  # "Azerbaijan's." ends a sentence; the "s" is no initial
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _trimmed(scan: str, start: int, end: int) -> tuple[int, int]:
    while start < end and scan[start].isspace():
        start += 1
    while end > start and scan[end - 1].isspace():
        end -= 1
    return start, end
