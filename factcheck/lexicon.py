"""The words the checker reads claims by: title words, nationalities, currencies,
the verbs of appointment and the like. They are rows of `lexicon.csv` in the
reference folder, not code, so that a newsroom's own vocabulary (or a second
language) is a reviewed change to the reference; `reference lint` checks them.

Grammar that every English text shares (months, number words, hedges, function
words) stays with the extractors that read it.
"""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Container, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from .bundled import default_reference_path
from .errors import ReferenceError
from .words import normalise

LEXICON_COLUMNS = ("category", "word", "note")

# Each category, and what the checker does with its words.
CATEGORIES: dict[str, str] = {
    "title": "heads a title before or after a name (Minister, Ambassador, Prime Minister)",
    "title_qualifier": "qualifies a capitalised title (Deputy, Acting, Foreign, Major)",
    "title_in_text": "heads a title written in lower case (deputy foreign minister X)",
    "qualifier_in_text": "qualifies a title written in lower case (deputy, acting, new)",
    "title_back_reference": "heads a second mention by title alone (the ambassador said)",
    "qualifier_back_reference": "qualifies such a second mention (the Russian envoy)",
    "noun_after_title": "a noun a title word before it qualifies, so the title names no one "
    "(the co-chair countries)",
    "nationality": "a nationality that does not end in -an, -ese or -ish (French, Uzbek)",
    "not_a_name": "a capitalised word that never starts or continues a person's name",
    "organisation": "a body named after a title (Office of the Special Envoy), not a person",
    "title_filler": "does not change which office a title names (the, new, outgoing)",
    "former": "makes a title a past one (former, ex, late)",
    "then": "dates a title by its sentence (then-president X)",
    "acting": "marks an acting post: a title the reference does not hold is then no error",
    "rank": "a title that is also a rank (Ambassador): alone, it need not name a post",
    "appointment": "a sentence with it dates the title by the sentence's date (appointed)",
    "departure": "a sentence with it may name a post just left (recalled, resigned)",
    "saying": "a verb of saying: a date after it belongs to what was said, not to the title "
    "before it (Foreign Minister X said the 2010 talks failed)",
    "looking_back": "dates the titles of its sentence by the date of the sentence before (was by "
    "then working, at the time)",
    "future": "puts a sentence in the future (will, scheduled), so a later date is no error",
    "partial_list": "before a list that names only some of what is counted (including)",
    "currency": "a unit of money: a figure in it is not a count",
    "not_counted": "a noun whose number states nothing checkable (points, pages, reasons)",
    "not_counted_compound": "a noun a number word before it makes an idiom of, not a count "
    "(a two-state solution, a two-time champion)",
    "generic_topic_word": "a word that does not tell one resolution topic from another (war)",
    "event_head": "names a kind of event (summit, war, talks): a thing built on it is an event",
    "document_head": "names a kind of document, meeting or event (treaty, summit, ceasefire): a "
    "name built on it that the reference does not hold is a thing of its own, and a bare one "
    "('the ceasefire') may mean another thing of its kind",
    "set_relation": "ties a list of who took part to a thing (brokered by, signed by, members)",
    "set_exclusion": "before a relation word, sets the names after it apart from its list "
    "(besides the co-chairs, A and B, ...): they are no set",
}


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: derived patterns cache on it
class Lexicon:
    words: Mapping[str, tuple[str, ...]]  # category -> words, in file order

    def __getitem__(self, category: str) -> tuple[str, ...]:
        return self.words.get(category, ())

    def set(self, category: str) -> frozenset[str]:
        return _as_set(self, category)

    def lower(self, category: str) -> frozenset[str]:
        return _as_lower_set(self, category)

    def folded(self, category: str) -> frozenset[str]:
        """Every word of the category's entries, folded as the drafts' words are
        ("Cease-fire" gives "cease" and "fire")."""
        return _folded(self, category)

    def alternation(self, category: str) -> str:
        """A regex alternation of the category's words, longest first (so that
        "director general" is tried before "director")."""
        return _alternation(self, category)

    def pattern(self, category: str) -> re.Pattern[str]:
        """The category's words as whole words, in any case."""
        return _pattern(self, category)


@functools.lru_cache(maxsize=256)
def _as_set(lexicon: Lexicon, category: str) -> frozenset[str]:
    return frozenset(lexicon[category])


@functools.lru_cache(maxsize=256)
def _as_lower_set(lexicon: Lexicon, category: str) -> frozenset[str]:
    return frozenset(word.lower() for word in lexicon[category])


@functools.lru_cache(maxsize=256)
def _folded(lexicon: Lexicon, category: str) -> frozenset[str]:
    return frozenset(word for entry in lexicon[category] for word in normalise(entry))


@functools.lru_cache(maxsize=256)
def _alternation(lexicon: Lexicon, category: str) -> str:
    return alternation(lexicon[category])


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words that prefers the longest match, as the
    words joined longest first do, written as a tree of their common beginnings
    ("minister(?:s)?|m(?:ayor|...)"): the engine tries one branch per first letter at a
    position, not every word (and, case-insensitively, cannot rule a word out cheaply)."""
    return _branches(sorted(set(words), key=lambda word: (-len(word), word)))


def _branches(words: list[str]) -> str:
    """The tree below one node: `words` are what follows it, longest first; "" is a
    word that ends there, tried after every longer one."""
    ends = "" in words
    rest = [word for word in words if word]
    if not rest:
        return ""
    # one branch per first letter, its case variants together: "M" and "m" would both
    # match where case is ignored, and there the words' order alone decides
    by_first: dict[str, list[str]] = {}
    for word in rest:
        by_first.setdefault(word[0].casefold(), []).append(word)
    branches = [
        re.escape(group[0][0]) + _branches([word[1:] for word in group])
        if len({word[0] for word in group}) == 1
        else "(?:" + "|".join(map(re.escape, group)) + ")"
        for group in by_first.values()
    ]
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if ends else body


@functools.lru_cache(maxsize=256)
def _pattern(lexicon: Lexicon, category: str) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{_alternation(lexicon, category)})\b", re.I)


def read_lexicon(paths: Sequence[Path]) -> Lexicon:
    """The words of every lexicon file given, later files adding to earlier ones;
    the first bad row stops with its file and line."""
    words: dict[str, list[str]] = {}
    for path in paths:
        seen: set[tuple[str, str]] = {(c, w) for c, ws in words.items() for w in ws}
        for line, row in lexicon_rows(path):
            for message in lexicon_row_problems(row, seen):
                raise ReferenceError(message, path=str(path), line=line)
            seen.add((row["category"], row["word"]))
            words.setdefault(row["category"], []).append(row["word"])
    return Lexicon({category: tuple(found) for category, found in words.items()})


def lexicon_rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """The rows of a lexicon file as (line, {column: text})."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle)
            header = [cell.strip() for cell in next(reader, [])]
            if header != list(LEXICON_COLUMNS):
                raise ReferenceError(
                    f"the header must be {','.join(LEXICON_COLUMNS)}", path=str(path), line=1
                )
            for cells in reader:
                if not any(cell.strip() for cell in cells):
                    continue
                if len(cells) != len(LEXICON_COLUMNS):
                    raise ReferenceError(
                        f"a row needs {len(LEXICON_COLUMNS)} cells "
                        f"({','.join(LEXICON_COLUMNS)}) — quote cells that contain commas",
                        path=str(path),
                        line=reader.line_num,
                    )
                yield (
                    reader.line_num,
                    dict(zip(LEXICON_COLUMNS, (c.strip() for c in cells), strict=True)),
                )
    except UnicodeDecodeError:
        raise ReferenceError("is not valid UTF-8 — save it as UTF-8", path=str(path)) from None
    except OSError as error:
        raise ReferenceError(
            f"cannot be read ({error.strerror}) — check the reference folder", path=str(path)
        ) from None


def lexicon_row_problems(row: Mapping[str, str], seen: Container[tuple[str, str]]) -> Iterator[str]:
    if row["category"] not in CATEGORIES:
        yield (
            f"category {row['category']!r} is not one of {', '.join(CATEGORIES)} "
            "— fix the name (reference/README.md lists what each is for)"
        )
    if not row["word"]:
        yield "empty word — every row needs one"
    elif (row["category"], row["word"]) in seen:
        yield f"{row['word']!r} is listed twice under {row['category']} — keep one row"


@functools.lru_cache(maxsize=4)
def _lexicon_of(folder: Path) -> Lexicon:
    return read_lexicon([folder / "lexicon.csv"])


def default_lexicon() -> Lexicon:
    """The lexicon of the default reference folder, for extraction without a loaded
    reference."""
    return _lexicon_of(default_reference_path().resolve())
