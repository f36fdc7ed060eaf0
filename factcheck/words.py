"""Words and sentences of a text: one tokenisation per draft, shared by the
extractors (where can a claim start?) and the linker (which names and trigger
words does it contain?), and the sentence splitter every stage reads claims by."""

from __future__ import annotations

import bisect
import functools
import itertools
import operator
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
    split = _ascii_words if text.isascii() else _unicode_words
    for offset, piece in _pieces(text):
        first, last, found = split(piece, offset)
        starts.extend(first)
        ends.extend(last)
        words.extend(map(shared.setdefault, found, found))
    return Tokens(starts, ends, tuple(words))


def _ascii_words(piece: str, offset: int) -> tuple[array[int], array[int], list[str]]:
    """The starts, ends and words of an ASCII piece. One C pass turns every character
    that is no part of a word into a space and every capital into its lower case
    (which keeps every offset); cut at single spaces, part k starts after the parts
    before it and a space after each, and the empty parts are the gaps'. That split
    takes a fourth of the time of splitting with the word pattern."""
    parts = piece.encode("ascii").translate(_ASCII_WORDS_APART).decode("ascii").split(" ")
    bounds = itertools.accumulate(map(_PLUS_ONE, map(len, parts)), initial=offset)
    starts = list(itertools.compress(bounds, parts))
    found = list(filter(None, parts))
    return _offsets(starts), _offsets(list(map(operator.add, starts, map(len, found)))), found


def _unicode_words(piece: str, offset: int) -> tuple[array[int], array[int], list[str]]:
    """The starts, ends and folded words of a piece: split at its words, a piece
    alternates gap, word, gap ... gap, and the running total of their lengths is
    where each word starts and ends (folding may change a word's length)."""
    parts = _WORD_SPLIT.split(piece)
    bounds = _offsets(list(itertools.accumulate(map(len, parts), initial=offset)))
    return bounds[1:-1:2], bounds[2::2], list(map(fold, parts[1::2]))


def _offsets(found: list[int]) -> array[int]:
    # An array is filled from a list at half the cost of filling it from an iterator
    # (an append per word would cost twice as much again); the list is one piece's.
    return array("q", found)


# [^\W_] in ASCII, lower-cased; any other byte a space
_ASCII_WORDS_APART = bytes(
    ord(c.lower()) if c.isascii() and c.isalnum() else ord(" ") for c in map(chr, range(256))
)
_PLUS_ONE = (1).__add__
_WORD_SPLIT = re.compile(f"({_TOKEN.pattern})")
_PIECE = 1 << 18  # characters split at a time: a long draft's words are not all strings at once
_NOT_A_WORD = re.compile(r"[\W_]")


def _pieces(text: str) -> Iterator[tuple[int, str]]:
    """The text in pieces of about _PIECE characters (with their offsets), cut where no
    word runs on; a short text is one piece."""
    start = 0
    while start < len(text):
        cut = _NOT_A_WORD.search(text, start + _PIECE)
        end = cut.start() if cut else len(text)
        yield start, text[start:end]
        start = end


@functools.lru_cache(maxsize=8)
def folded(text: str) -> tuple[str, ...]:
    """The folded words of a text, in order (the third field of its tokens)."""
    return tokens(text).words


@functools.lru_cache(maxsize=8)
def positions(text: str) -> dict[str, Sequence[int]]:
    """Each folded word of a text and the indexes of its tokens, in order: built
    once per draft, so that a stage looking for a few words never reads all of them."""
    index: dict[str, Sequence[int]] = {}
    get = index.get
    for i, word in enumerate(folded(text)):
        found = get(word)
        # Most words of a draft are met once: a one-item tuple costs a fourth of an
        # array (each item appended to an array is parsed); a word met again gets an
        # array, which holds no object per item however often the word recurs.
        if found is None:
            index[word] = (i,)
        elif isinstance(found, array):
            found.append(i)
        else:
            index[word] = array("q", (found[0], i))
    return index


def folded_between(text: str, start: int, end: int) -> tuple[str, ...]:
    """The folded words of `text[start:end]` (a span that cuts no word, such as a
    sentence), read from the text's tokens rather than by tokenising the span again."""
    found = tokens(text)
    return found.words[
        bisect.bisect_left(found.starts, start) : bisect.bisect_left(found.starts, end)
    ]


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
# A list item ("- ", "* ", "1. "), a heading or a table row ("| Formed | 1992 |") starts a
# sentence of its own too.
_SENTENCE_END = re.compile(
    r"[.!?][\"'”’)\]*_]*(?=\s+[\"'“‘(\[*_]*[A-Z0-9])|\n[ \t]*\n"
    r"|\n(?=[ \t]*(?:[-*•+][ \t]|\d{1,2}[.)][ \t]|#|\|))"
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
