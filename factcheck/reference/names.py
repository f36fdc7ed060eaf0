"""Names in a text: the longest-first phrase matching behind the alias and trigger
indexes, and titles reduced to their wording and countries."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass

from ..words import normalise, positions, tokens


@dataclass(frozen=True, slots=True, kw_only=True)
class Mention:
    """Where the draft names an entity by one of its aliases."""

    start: int
    end: int
    entities: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Title:
    """A title reduced to its wording and its countries: "Ambassador of the
    Russian Federation to the Republic of Azerbaijan" -> (ambassador), russia,
    azerbaijan."""

    core: tuple[str, ...]
    origin: str = ""
    host: str = ""


@dataclass(frozen=True, slots=True)
class OfficeWording:
    """Every way the reference words one office, with the countries it names."""

    cores: frozenset[tuple[str, ...]]
    origins: frozenset[str]
    hosts: frozenset[str]

    def accepts(self, title: Title) -> bool:
        return (
            title.core in self.cores
            and (not title.origin or not self.origins or title.origin in self.origins)
            and (not title.host or not self.hosts or title.host in self.hosts)
        )


# Where a phrase stands in a text, and the ids it names.
PhraseMatch = tuple[int, int, tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class PhraseStart:
    """The phrases that begin with one word, as far as matching needs them."""

    lengths: tuple[int, ...]  # longest first
    # The second words of those of two words or more: where the text goes on with
    # any other word, only a phrase of this one word can start here, and the longer
    # lengths are not looked up at all.
    next_words: frozenset[str]


@dataclass(frozen=True, slots=True)
class PhraseIndex:
    """Phrases (as folded token tuples) -> ids, matched longest first in a text.

    The cost of a match grows with the text, not with the number of phrases:
    each token is looked up once unless a phrase starts with it."""

    phrases: Mapping[tuple[str, ...], tuple[str, ...]]
    starts: Mapping[str, PhraseStart]  # by first word
    first_words: frozenset[str]

    @classmethod
    def build(cls, phrases: Mapping[tuple[str, ...], Iterable[str]]) -> PhraseIndex:
        table = {k: tuple(v) for k, v in phrases.items() if k}
        return cls(
            phrases=table, starts=phrase_starts(table), first_words=frozenset(k[0] for k in table)
        )

    def get(self, key: tuple[str, ...]) -> tuple[str, ...]:
        return self.phrases.get(key, ())

    def match(self, text: str) -> list[PhraseMatch]:
        return longest_matches(text, self.first_words, self.starts.get, self.get)


def phrase_starts(phrases: Iterable[tuple[str, ...]]) -> dict[str, PhraseStart]:
    """Each first word of the phrases, and what matching needs of those it begins."""
    lengths: dict[str, set[int]] = defaultdict(set)
    next_words: dict[str, set[str]] = defaultdict(set)
    for phrase in phrases:
        lengths[phrase[0]].add(len(phrase))
        if len(phrase) > 1:
            next_words[phrase[0]].add(phrase[1])
    return {
        word: PhraseStart(tuple(sorted(n, reverse=True)), frozenset(next_words.get(word, ())))
        for word, n in lengths.items()
    }


def longest_matches(
    text: str,
    first_words: frozenset[str],
    starts: Callable[[str], PhraseStart | None],
    lookup: Callable[[tuple[str, ...]], tuple[str, ...]],
) -> list[PhraseMatch]:
    """Left to right, the longest phrase starting at each word; `first_words` are
    the words a phrase can start with, `starts` tells of the phrases that start
    with a word."""
    found: list[PhraseMatch] = []
    reached = 0
    words, index = tokens(text), positions(text)
    folded_words, count = words.words, len(words.words)
    # Few words start a phrase: only the tokens of the draft's distinct words that
    # can start one are read. The intersection looks each distinct word up in
    # `first_words`, never the other way round: a large reference has far more.
    # What starts with a word is asked once per distinct word, and a token whose
    # phrases all run on is kept only where the next word lets one ("the" is
    # common, "the situation in ..." is not).
    candidates = sorted(
        (i, start)
        for word in first_words.intersection(index)
        if (start := starts(word)) is not None
        for i in index[word]
        if start.lengths[-1] == 1 or (i + 1 < count and folded_words[i + 1] in start.next_words)
    )
    for i, start in candidates:
        if i < reached:
            continue
        goes_on = i + 1 < count and folded_words[i + 1] in start.next_words
        for n in start.lengths:
            if i + n > count or (n > 1 and not goes_on):
                continue
            hit = lookup(folded_words[i : i + n])
            if hit:
                found.append((words.starts[i], words.ends[i + n - 1], hit))
                reached = i + n
                break
    return found


def parse_title(
    title: str, countries: Mapping[tuple[str, ...], str], filler: frozenset[str]
) -> Title:
    """The title's core words and its countries; `filler` words (the lexicon's
    title_filler: "the", "new", "outgoing") do not change which office it names."""
    words = normalise(title)
    core: list[str] = []
    origin = host = ""
    for i, country, word in countries_in(words, countries):
        if country:
            preceding = [t for t in words[max(0, i - 2) : i] if t != "the"]
            if preceding and preceding[-1] in ("to", "in"):
                host = country
            else:
                origin = country
        elif word not in filler:
            core.append(word)
    return Title(tuple(core), origin, host)


def countries_in(
    words: tuple[str, ...], countries: Mapping[tuple[str, ...], str]
) -> Iterator[tuple[int, str, str]]:
    """(position, country, "") where a country is named (its longest name first),
    else (position, "", word) for each other word."""
    longest = max((len(k) for k in countries), default=1)
    i = 0
    while i < len(words):
        for n in range(min(longest, len(words) - i), 0, -1):
            country = countries.get(words[i : i + n])
            if country:
                yield i, country, ""
                i += n
                break
        else:
            yield i, "", words[i]
            i += 1
