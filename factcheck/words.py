"""Words of a text, folded for matching: one tokenisation per draft, shared by the
extractors (where can a claim start?) and the linker (which names and trigger
words does it contain?)."""

from __future__ import annotations

import functools
import re
import unicodedata
from array import array
from collections.abc import Iterator, Sequence
from typing import overload

_TOKEN = re.compile(r"[^\W_]+")

Token = tuple[int, int, str]


@functools.lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Case- and accent-insensitive form of one word."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class Tokens(Sequence[Token]):
    """The words of a text as (start, end, folded word), kept as two arrays of
    offsets and one tuple of shared word strings: a tuple per word would take
    about twenty bytes of memory per character of the draft."""

    __slots__ = ("ends", "starts", "words")

    def __init__(self, starts: array[int], ends: array[int], words: tuple[str, ...]) -> None:
        self.starts = starts
        self.ends = ends
        self.words = words

    def __len__(self) -> int:
        return len(self.words)

    @overload
    def __getitem__(self, index: int) -> Token: ...

    @overload
    def __getitem__(self, index: slice) -> list[Token]: ...

    def __getitem__(self, index: int | slice) -> Token | list[Token]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        return self.starts[index], self.ends[index], self.words[index]

    def __iter__(self) -> Iterator[Token]:
        return zip(self.starts, self.ends, self.words, strict=True)


@functools.lru_cache(maxsize=8)
def tokens(text: str) -> Tokens:
    """(start, end, folded word) for each word of a text; computed once per text
    because every stage asks for the words of the same draft."""
    starts, ends = array("q"), array("q")
    words: list[str] = []
    shared: dict[str, str] = {}  # one string per distinct word, however often it recurs
    # Lower-casing ASCII keeps every offset, so one pass over the lowered text suffices.
    ascii_only = text.isascii()
    for match in _TOKEN.finditer(text.lower() if ascii_only else text):
        word = match[0] if ascii_only else fold(match[0])
        starts.append(match.start())
        ends.append(match.end())
        words.append(shared.setdefault(word, word))
    return Tokens(starts, ends, tuple(words))


@functools.lru_cache(maxsize=8)
def folded(text: str) -> tuple[str, ...]:
    """The folded words of a text, in order (the third field of its tokens)."""
    return tokens(text).words


@functools.lru_cache(maxsize=8)
def positions(text: str) -> dict[str, array[int]]:
    """Each folded word of a text and the indexes of its tokens: built once per
    draft, so that a stage looking for a few words never reads all of them."""
    index: dict[str, array[int]] = {}
    for i, word in enumerate(folded(text)):
        found = index.get(word)
        if found is None:
            found = index[word] = array("q")
        found.append(i)
    return index


def normalise(text: str) -> tuple[str, ...]:
    """The folded words of a text."""
    # Units, names and titles recur in every draft and are worth remembering;
    # sentences are not (a long draft would fill the cache with them).
    return _short_normalised(text) if len(text) <= 64 else _normalised(text)


def _normalised(text: str) -> tuple[str, ...]:
    return tuple([fold(m[0]) for m in _TOKEN.finditer(text)])


_short_normalised = functools.lru_cache(maxsize=65536)(_normalised)
