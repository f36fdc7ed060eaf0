"""The word index: the fast paths read the same words as the word pattern."""

from __future__ import annotations

import re

import pytest

from factcheck.extract.scan import numeral_starts, phrases
from factcheck.lexicon import alternation, default_lexicon
from factcheck.words import _TOKEN, fold, positions, tokens

TEXTS = (
    "",
    "Resolution 884 (1993) of 12 November, signed by the co-chairs.",
    "snake_case and__double, HTTP/2 at 10:00; 1,200.5% of U.S. voters",
    "Tabs\tand\nnew lines\r\n\n# Heading ** bold** _x_",
    "Straße in İstanbul, Mäßig ﬁne: ŞƏKİ and Ελλάδα",  # folding changes lengths
    "\x00control\x7fcharacters\x1b[0m",
    "One, one and ONE: a word met three times",
)


@pytest.mark.parametrize("text", [*TEXTS, "the Word " * 70_000])  # the last is several pieces
def test_tokens_are_the_word_patterns_matches_folded(text: str) -> None:
    expected = [(m.start(), m.end(), fold(m[0])) for m in _TOKEN.finditer(text)]
    assert list(tokens(text)) == expected


@pytest.mark.parametrize("text", TEXTS)
def test_positions_index_every_token_of_each_word(text: str) -> None:
    words = tokens(text).words
    index = positions(text)
    assert {word: list(at) for word, at in index.items()} == {
        word: [i for i, w in enumerate(words) if w == word] for word in set(words)
    }


@pytest.mark.parametrize("text", [*TEXTS, "A320s, 21st, x2 and 1994; 3rd-party 007 - 12"])
def test_numerals_are_the_words_that_start_with_a_digit(text: str) -> None:
    # an ASCII draft's numerals are found by a pattern, not by reading its words
    expected = [start for start, _, word in tokens(text) if word[0].isdigit()]
    assert numeral_starts(text, len(text)) == expected
    longest = [start for start, end, word in tokens(text) if word[0].isdigit() and end - start <= 4]
    assert numeral_starts(text, 4) == longest


PHRASE_TEXT = (
    "The talks will resume, officials said; a vote is expected to follow. WILL they?\n"
    "It is due next week, set for Friday - _will and swill are no future words, "
    "and the Upset forecast ends with until at least May, a summit expected to be held then."
)


@pytest.mark.parametrize("start", range(0, len(PHRASE_TEXT), 7))
def test_phrases_find_what_the_lexicon_pattern_finds(start: int) -> None:
    future = phrases(default_lexicon(), "future")
    for end in range(start, len(PHRASE_TEXT) + 1, 5):
        expected = [m.span() for m in future.pattern.finditer(PHRASE_TEXT, start, end)]
        assert [m.span() for m in future.finditer(PHRASE_TEXT, start, end)] == expected
        first = future.pattern.search(PHRASE_TEXT, start, end)
        found = future.search(PHRASE_TEXT, start, end)
        assert (found and found.span()) == (first and first.span())


ALTERNATION_WORDS = (
    "minister", "Minister", "ministers", "mayor", "Deputy", "deputy head", "director",
    "director general", "Director-General", "co-chair", "co-chairs", "Gen.", "m", "Mister",
)  # fmt: skip
ALTERNATION_TEXT = (
    "Ministers and the minister met the Mayor; Deputy Head and deputy head-of-state; director "
    "generally and Director-General, Co-Chairs, co-chair, co-chairs, Gen. X, Mister M and m."
)


@pytest.mark.parametrize("flags", [0, re.IGNORECASE])
@pytest.mark.parametrize("template", [r"{}", r"\b(?:{})\b", r"(?:{})\s+\w+"])
def test_a_tree_alternation_matches_as_the_words_longest_first(flags: int, template: str) -> None:
    longest_first = "|".join(map(re.escape, sorted(ALTERNATION_WORDS, key=len, reverse=True)))
    flat = re.compile(template.format(f"(?:{longest_first})"), flags)
    tree = re.compile(template.format(f"(?:{alternation(ALTERNATION_WORDS)})"), flags)
    for start in range(len(ALTERNATION_TEXT)):
        expected = flat.match(ALTERNATION_TEXT, start)
        found = tree.match(ALTERNATION_TEXT, start)
        assert (found and found.span()) == (expected and expected.span()), start
