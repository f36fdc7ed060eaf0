"""Names in a text: the longest-first phrase matching behind the alias and trigger
indexes, and titles reduced to their wording and countries."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from collections.abc import Set as AbstractSet
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


@dataclass(frozen=True, slots=True)
class PhraseIndex:
    """Phrases (as folded token tuples) -> ids, matched longest first in a text.

    The cost of a match grows with the text, not with the number of phrases:
    each token is looked up once unless a phrase starts with it."""

    phrases: Mapping[tuple[str, ...], tuple[str, ...]]
    # For each first word, the lengths of the phrases that begin with it, longest first.
    lengths: Mapping[str, tuple[int, ...]]

    @classmethod
    def build(cls, phrases: Mapping[tuple[str, ...], Iterable[str]]) -> PhraseIndex:
        table = {k: tuple(v) for k, v in phrases.items() if k}
        lengths: dict[str, set[int]] = defaultdict(set)
        for key in table:
            lengths[key[0]].add(len(key))
        return cls(
            phrases=table,
            lengths={word: tuple(sorted(n, reverse=True)) for word, n in lengths.items()},
        )

    def get(self, key: tuple[str, ...]) -> tuple[str, ...]:
        return self.phrases.get(key, ())

    def match(self, text: str) -> list[Mention]:
        return longest_matches(text, self.lengths.keys(), self.lengths.get, self.get)


def longest_matches(
    text: str,
    first_words: AbstractSet[str],
    lengths: Callable[[str], tuple[int, ...] | None],
    lookup: Callable[[tuple[str, ...]], tuple[str, ...]],
) -> list[Mention]:
    """Left to right, the longest phrase starting at each word; `first_words` are
    the words a phrase can start with, `lengths` gives the lengths of the phrases
    that start with a word, longest first."""
    mentions: list[Mention] = []
    reached = 0
    words, index = tokens(text), positions(text)
    folded_words, count = words.words, len(words.words)
    # Few words start a phrase: the draft's distinct words meet the phrases' first
    # words as two sets, then only their tokens are read.
    for i in sorted(i for word in index.keys() & first_words for i in index[word]):
        if i < reached:
            continue
        for n in lengths(folded_words[i]) or ():
            if i + n > count:
                continue
            hit = lookup(folded_words[i : i + n])
            if hit:
                mentions.append(
                    Mention(start=words.starts[i], end=words.ends[i + n - 1], entities=hit)
                )
                reached = i + n
                break
    return mentions


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
