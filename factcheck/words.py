"""Words of a text, folded for matching: one tokenisation per draft, shared by the
extractors (where can a claim start?) and the linker (which names and trigger
words does it contain?)."""

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
