"""Who took part: the states, organisations or people a relation word ties to a
document, event or body: "the truce, brokered by Iran", "co-chaired by France,
Russia and the United States", "signed by the leaders of Armenia, Azerbaijan and
Russia", "whose members were Sweden, Switzerland, Poland and Czechoslovakia",
"representatives of the United States and France". The list may come first, the
relation after it: "France, Russia and the United States, which co-chaired the
group", "Armenia and Russia are both members of the CSTO".

A claim's value is the names as written, without a leading "the", joined by "|"
in written order; its unit the relation words as written (for a list before its
relation, the lexicon's row: "which co-chaired" is "co-chaired by"), from which
verification picks the property. The relation words are rows of the lexicon
(`set_relation`).
People with titles in such a list are office claims, not a set: the people family
claims them first, and a set that overlaps them is dropped.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from ..datetext import MONTHS, WEEKDAYS
from ..lexicon import Lexicon
from ..models import Claim, ClaimKind, Document, Span
from ..spans import Taken
from .scan import leads_before, matches_at, word_starts

NAME = "sets"

EXAMPLES = {
    "find": (
        ("The group was co-chaired by France, the U.S., and Russia.", ("France|U.S.|Russia",)),
        ("The truce, brokered by Iran, took effect at midnight.", ("Iran",)),
        (
            "From 1997 the group was co-chaired by France, Russia and the United States.",
            ("France|Russia|United States",),
        ),
        ("The group was co-chaired, from 1997, by France and Russia.", ("France|Russia",)),
        ("The co-chairs - France and Russia - could not meet.", ("France|Russia",)),
        (
            "The statement was signed by the leaders of Armenia, Azerbaijan and Russia.",
            ("Armenia|Azerbaijan|Russia",),
        ),
        (
            "The declaration, signed by Ilham Aliyev and Nikol Pashinyan, is short.",
            ("Ilham Aliyev|Nikol Pashinyan",),
        ),
        ("The deal was signed late on Wednesday by Amundsen and Osei.", ("Amundsen|Osei",)),
        (
            "A commission whose members were Sweden, Switzerland, Poland and Czechoslovakia.",
            ("Sweden|Switzerland|Poland|Czechoslovakia",),
        ),
        (
            "Its signatories were the commanders of the United Nations Command, the Korean "
            "People's Army and the Chinese People's Volunteers.",
            ("United Nations Command|Korean People's Army|Chinese People's Volunteers",),
        ),
        (
            "The consortium's members are Eastmoor University, the University of Calder "
            "and the Marlowe Institute.",
            ("Eastmoor University|University of Calder|Marlowe Institute",),
        ),
        (
            "The programme is co-chaired by Hannah Voss and Kenji Morita of Hokkaido.",
            ("Hannah Voss|Kenji Morita",),
        ),
        ("The treaty was concluded between Russia and Azerbaijan in 1997.", ("Russia|Azerbaijan",)),
        (
            "The co-chairs, representatives of Russia, France and Germany, met.",
            ("Russia|France|Germany",),
        ),
        (
            "A pact signed in Rome on 4 May 2001 by Ana Dias and Ivo Kral ended it.",
            ("Ana Dias|Ivo Kral",),
        ),
        (
            "Accredited representatives of the United States and France will take part.",
            ("United States|France",),
        ),
        (
            "Norway and Qatar, which mediated the talks from 2019, left.",
            ("Norway|Qatar",),
        ),
        ("Armenia and Russia are both members of the CSTO.", ("Armenia|Russia",)),
        ("In 1997 France, Russia and Italy became co-chairs of it.", ("France|Russia|Italy",)),
        ("France, Spain and Chile became the forum's co-chairs.", ("France|Spain|Chile",)),
        ("France, Spain and Chile became the Minsk Group's co-chairs.", ("France|Spain|Chile",)),
        (
            "Besides the co-chairs, Armenia and Azerbaijan, the group's members in its last "
            "years were Belarus, Finland and Sweden.",
            ("Belarus|Finland|Sweden",),
        ),
        (
            "| Co-chairs | France, Russia, United States (1997–2025) |",
            ("France|Russia|United States",),
        ),
        (
            "Members: China, United Kingdom of Great Britain and Northern Ireland, United States "
            "of America, Venezuela",
            (
                "China|United Kingdom of Great Britain and Northern Ireland"
                "|United States of America|Venezuela",
            ),
        ),
        ("Russia, which mediated the 1994 ceasefire, was absent.", ("Russia",)),
        (
            "France, Russia and the United States have co-chaired it since 1997.",
            ("France|Russia|United States",),
        ),
        (
            "The group, which France, Russia and the United States co-chaired from 1997, "
            "was wound up.",
            ("France|Russia|United States",),
        ),
        ("The truce that Russia brokered in 1994 held.", ("Russia",)),
    ),
    "ignore": (
        "The members of parliament voted.",
        # people with their countries: titled names, no set
        "The co-chairs - Igor Popov of Russia, Stephane Visconti of France and Andrew Schofer of "
        "the United States - attended.",
        "The co-chairs, Igor Popov of Russia and Stephane Visconti of France, attended.",
        "It was signed by 12 of the 15 members.",
        "Statement by the Co-Chairs of the OSCE Minsk Group.",
        "The talks were hosted by the government on Monday.",
        "Armenia is one of the members of the CSTO.",
        "Russia, which signed the treaty, objected.",  # a description of one, not a list
        "Apart from the co-chairs, Armenia and Azerbaijan sent envoys.",
        "The representatives of Armenia and Azerbaijan took their places.",
        "Russia assisted the parties, in support of the Minsk Group.",
        "| Members | Since |\n|---|---|\n| Armenia | 1992 |",  # a header is no row
        "France and Germany were today's co-chairs.",
        "Sweden and Finland were Russia's members of parliament.",
        "The treaty, which Armenia signed in 1997, lapsed.",  # one of its signatories
        "The group, which France and Russia co-chaired with the United States, closed.",
        "Officials said that France and Russia signed on Monday.",
    ),
}

# in lower case, in a pattern that ignores case: "Igor Popov of Russia" is no role
_FIRST_WORDS_OF_ROLES = r"(?-i:[a-z]+(?:\s+[a-z]+)?)"
_DETERMINER = r"(?:a|an|the|its|his|her|their|this|that|these|those)"
# A name in a list: capitalised words, "of" inside a body's name ("University of
# Calder", "Republic of Armenia"), possessives ("Korean People's Army").
# "U.S." (its last dot too when the list goes on: "France, the U.S., and Russia"); not
# the full stop after a name
_NAME_WORD = r"[A-Z](?:[\w'’-]|\.(?=\w)|(?<=\.[A-Z])\.(?=,|[ \t]+and\b))*"
_ITEM = rf"(?:the\s+)?{_NAME_WORD}(?:[ \t]+{_NAME_WORD})*"
_SEPARATOR = re.compile(r",?[ \t]+and[ \t]+|,[ \t]*(?:and[ \t]+)?")
_OF_IN_A_NAME = re.compile(rf"[ \t]+of[ \t]+(?:the[ \t]+)?{_NAME_WORD}(?:[ \t]+{_NAME_WORD})*")


def _verbs(lexicon: Lexicon) -> list[str]:
    """The relations a list follows at once: "signed by", "concluded between"."""
    return [w for w in lexicon["set_relation"] if w.split()[-1] in ("by", "between")]


def _nouns(lexicon: Lexicon) -> list[str]:
    """The relations that name who took part: "members", "the signatories"."""
    verbs = _verbs(lexicon)
    return [w for w in lexicon["set_relation"] if w not in verbs and w.split()[-1] != "of"]


@functools.lru_cache(maxsize=8)
def _relation(lexicon: Lexicon) -> re.Pattern[str]:
    """The relation words, then what leads into the list: "signed [late on Wednesday]
    by", "representatives of", "members were", "co-chairs, representatives of",
    "signed by the leaders of"."""
    before = [
        # "signed there on 12 December 2000 by": a few words may stand between a verb
        # and "by", but no object ("signed a decree dissolving them by January 1"), or
        # a few set off by commas ("co-chaired, from 1997, by")
        re.escape(" ".join(w.split()[:-1]))
        + rf"(?:,(?:\s+[^\s.;,:]+){{1,4}}?,|(?!\s+{_DETERMINER}\b)(?:\s+[^\s.;,:]+){{0,6}}?)"
        + rf"\s+{w.split()[-1]}"
        for w in sorted(_verbs(lexicon), key=len, reverse=True)
    ] + [  # a noun with its "of": "representatives of the United States and France",
        # but "the representatives of Armenia and Azerbaijan" are each party's own
        rf"(?<!\bthe\s){re.escape(w)}"
        for w in lexicon["set_relation"]
        if w.split()[-1] == "of"
    ]
    verb = "|".join(before)
    noun = "|".join(re.escape(w) for w in sorted(_nouns(lexicon), key=len, reverse=True))
    preposition = rf"(?:{'|'.join(_PREPOSITIONS)})\b"
    # "the group's permanent members in its last years were Belarus, ..."
    phrase_before_a_copula = rf"(?:\s+{preposition}(?:\s+[^\s.;,:|]+){{1,4}}?)?"
    return re.compile(
        # ("the three co-chairs - France, Russia and the United States - could not")
        rf"\b(?:(?P<verb>{verb})\s+|(?P<noun>{noun})(?:{phrase_before_a_copula}\s+"
        r"(?:were|are|was|is|include|included)\s+|\s*[,:]\s+|\s+[-–—]\s+"
        r"|(?P<cell>[ \t]+\|[ \t]+)))"
        # "the leaders of", "representatives of": who acted for the states listed
        # but not a preposition: "the parties, in support of the Minsk Group"
        rf"(?:(?:the\s+)?(?!{preposition}){_FIRST_WORDS_OF_ROLES}\s+of\s+)?"
        rf"(?=(?:the\s+)?[A-Z])",
        re.I,
    )


def extract(document: Document, lexicon: Lexicon) -> Iterator[Claim]:
    scan = document.scan
    relation = _relation(lexicon)
    anchors = word_starts(scan, _anchors(lexicon))
    set_apart = _set_apart(lexicon)
    claims = [
        _claim(document, names, _relation_words(match, lexicon))
        for match in matches_at(relation, scan, _relation_starts(scan, anchors))
        if not set_apart.search(scan, max(0, match.start() - 30), match.start())
        and (match["cell"] is None or _is_a_row_of_a_table(scan, match.start()))
        and (names := _names(scan, match.end()))
    ]
    taken = Taken()
    for claim in claims:
        taken.add(claim.span.start, claim.span.end)
    claims.extend(
        c
        for c in (
            *_lists_before(document, anchors, lexicon),
            *_object_relatives(document, anchors, lexicon),
        )
        if taken.take(c.span.start, c.span.end)
    )
    yield from sorted(claims, key=lambda c: c.span.start)


@functools.lru_cache(maxsize=8)
def _set_apart(lexicon: Lexicon) -> re.Pattern[str]:
    """What sets a relation's own list apart from the words after it: "Besides the
    co-chairs, Armenia and Azerbaijan, the members were ..." names no co-chairs."""
    if not lexicon["set_exclusion"]:
        return re.compile(r"(?!)")
    return re.compile(rf"\b(?:{lexicon.alternation('set_exclusion')})\s+(?:the\s+)?$", re.I)


# "| Co-chairs | France, Russia, United States |": a relation in the first cell
_FIRST_CELL = re.compile(r"[ \t]*\|[ \t]*$")
_DELIMITER_ROW = re.compile(r"\n[ \t]*\|?[ \t]*:?-{3,}")


def _is_a_row_of_a_table(scan: str, start: int) -> bool:
    """Whether the relation word at `start` opens a row of a table, not its header."""
    line_start = scan.rfind("\n", 0, start) + 1
    line_end = scan.find("\n", start)
    return _FIRST_CELL.match(scan, line_start, start) is not None and not (
        line_end >= 0 and _DELIMITER_ROW.match(scan, line_end)
    )


def _claim(document: Document, names: list[tuple[int, int]], unit: str) -> Claim:
    start, end = names[0][0], names[-1][1]
    return Claim(
        kind=ClaimKind.SET,
        span=Span(start=start, end=end, text=document.text[start:end]),
        value="|".join(" ".join(document.scan[a:b].split()) for a, b in names),
        extractor=NAME,
        unit=unit,
    )


# What leads from the end of a list to the relation word ("co-chaired", "members").
_PRONOUNS = ("which", "who")
_COPULAS = ("are", "were", "is", "was", "become", "became", "remain", "remained")
_ADVERBS = ("both", "all", "now", "still", "also")
_PERFECT = ("have", "has", "had")  # "France, Russia and the United States have co-chaired it"
_LEAD_WORDS = frozenset(_PRONOUNS + _COPULAS + _ADVERBS + _PERFECT)
_HAVE = rf"\s+(?:{'|'.join(_PERFECT)})"
_WHICH = rf"(?:,\s+(?:{'|'.join(_PRONOUNS)})(?:{_HAVE})?|{_HAVE})"
_COPULA = rf"\s+(?:{'|'.join(_COPULAS)})(?:\s+(?:{'|'.join(_ADVERBS)}))?"
# "became the Minsk Group's co-chairs", "its members": the body named before the noun,
# which then needs no "of"; not a day ("today's co-chairs")
_POSSESSIVES = ("its", "their")
_OWNER = (
    rf"(?:{'|'.join(_POSSESSIVES)}|(?:the\s+)?(?:[\w-]+\s+){{0,2}}"
    r"(?!(?:today|yesterday|tomorrow)['’]s)[\w-]+['’]s)"
)
# The relations one party can fill alone: "Russia, which mediated the 1994 ceasefire" is
# who mediated it, but "Russia, which signed the treaty" is one of its signatories.
_ONE_PARTY_RELATIONS = frozenset(("mediated by", "brokered by", "hosted by", "chaired by"))


@functools.lru_cache(maxsize=8)
def _relation_after(lexicon: Lexicon) -> tuple[re.Pattern[str], dict[str, str]]:
    """A relation after its list, from the comma or the verb that opens it: ", which
    co-chaired", " are both members of", " became co-chairs of"; and the lexicon row
    each active verb stands for ("co-chaired" for "co-chaired by")."""
    actives = {" ".join(w.split()[:-1]): w for w in _verbs(lexicon) if w.split()[-1] == "by"}
    nouns = {w.split(maxsplit=1)[1] if w.startswith("the ") else w for w in _nouns(lexicon)}
    pattern = re.compile(
        rf"(?:{_WHICH}\s+(?P<active>"
        + "|".join(re.escape(w) for w in sorted(actives, key=len, reverse=True))
        + rf")\b|{_COPULA}\s+(?:(?P<owner>{_OWNER})\s+)?(?P<noun>"
        + "|".join(re.escape(w) for w in sorted(nouns, key=len, reverse=True))
        + r")(?(owner)\b(?!\s+of\b)|\s+(?:of|to)\b))",
        re.I,
    )
    return pattern, actives


_LEAD_AFTER_A_LIST = re.compile(rf"(?:{_WHICH}|{_COPULA}(?:\s+{_OWNER})?)\s+$", re.I)

_PREPOSITIONS = (
    *("of", "in", "on", "at", "by", "with", "from", "to", "for", "under", "among"),
    *("after", "before", "since", "between", "during", "until"),
)
# Words that open a sentence, not a name
_OPENERS = (
    *("and", "but", "or", "as", "when", "while", "if", "because", "although", "though"),
    *("then", "now", "so", "yet", "thus", "however", "meanwhile", "instead", "indeed"),
    *("also", "still", "earlier", "later", "finally", "yesterday", "today", "tomorrow"),
)
# A name in a list never starts with these: "On Monday, Russia and Turkey, which ...",
# "However, France and Germany, which ...", "a truce agreed between March and May".
_NOT_A_FIRST_WORD = frozenset(
    [
        *(w.capitalize() for w in (*_PREPOSITIONS, *_OPENERS)),
        *(m.capitalize() for m in MONTHS if m.isalpha()),
        *(d.capitalize() for d in WEEKDAYS),
    ]
)
_LIST_START = re.compile(r"\b(?:[Tt]he\s+)?[A-Z]")
# What a list before its relation does not follow: "and", an article, a preposition.
_INSIDE_A_PHRASE = frozenset(("and", "or", "the", *_PREPOSITIONS))


def _word_before(scan: str, at: int, floor: int = 0) -> str:
    """The word that ends just before `at`, as written (with its punctuation)."""
    words = scan[max(floor, at - 40) : at].split()
    return words[-1] if words else ""


def _opens_a_list(word_before: str) -> bool:
    """Whether a list may start after this word: not after a comma, "and", a
    preposition or a capitalised word (it would start inside a name), but after a
    speaker's label ("**SERGEY LAVROV:**")."""
    return (
        not word_before
        or word_before.rstrip("*_").endswith(":")
        or not (
            word_before.endswith(",")
            or word_before.lower() in _INSIDE_A_PHRASE
            or word_before[0].isupper()
        )
    )


def _lists_before(document: Document, anchors: list[int], lexicon: Lexicon) -> Iterator[Claim]:
    """Lists that end where a relation after them begins: the longest list of the
    sentence that ends there and opens it, or follows a word that leads into no list
    (a verb, a year, a dash). Not after a comma, "and", a preposition or inside a
    name: "Under the Collective Security Treaty, Armenia and Russia are members" holds
    no treaty, and "talks with France, Germany and Italy, which ..." no list of two."""
    scan = document.scan
    pattern, actives = _relation_after(lexicon)
    # most relation words follow no lead ("the co-chair", "signed on"): read the word
    # before each first, the lead only where that word may end one
    led = [a for a in anchors if _leads_to_a_relation(_word_before(scan, a).lower())]
    ends = leads_before(scan, led, _LEAD_AFTER_A_LIST, 30, keep_bare=False)
    for match in matches_at(pattern, scan, ends):
        end = match.start()
        sentence_start, _ = document.sentence_at(end)
        for start in (m.start() for m in _LIST_START.finditer(scan, sentence_start, end)):
            if not _opens_a_list(_word_before(scan, start, sentence_start)):
                continue
            names = _names(scan, start)
            if names and names[-1][1] == end:
                unit = actives[match["active"].lower()] if match["active"] else match["noun"]
                # a list, or one who mediated: "Russia, which signed it" describes Russia
                if len(names) > 1 or unit in _ONE_PARTY_RELATIONS:
                    yield _claim(document, names, unit)
                    break


# "The group, which France, Russia and the United States co-chaired": the list between
# the pronoun and its verb
_OBJECT_PRONOUN = re.compile(r"\b(?:which|that|whom)\s+")
# "said that France, Russia and ...": a "that" after a verb of saying opens no relative
_SAYING_BEFORE = re.compile(
    r"\b(?:said|says|say|told|announced|reported|stated|noted|added|argued|claimed|"
    r"insisted|warned|confirmed|agreed)\s+$",
    re.I,
)
# "which France and Russia co-chaired with the United States": the list is part of the set
_SHARED_WITH = re.compile(r"[^,.;:]{0,40}?\b(?:with|alongside)\b", re.I)


def _object_relatives(document: Document, anchors: list[int], lexicon: Lexicon) -> Iterator[Claim]:
    """Lists that are the subject of a relative clause about the body or document
    before it: "the OSCE Minsk Group, which France, Russia and the United States
    co-chaired from 1997" (the verb the active of a lexicon row: "co-chaired by")."""
    scan = document.scan
    _, actives = _relation_after(lexicon)
    verb = _active_verb(lexicon)
    for match in matches_at(verb, scan, [a for a in anchors if scan[a - 1 : a] == " "]):
        sentence_start, _ = document.sentence_at(match.start())
        pronouns = list(_OBJECT_PRONOUN.finditer(scan, sentence_start, match.start()))
        if not pronouns or _SHARED_WITH.match(scan, match.end()):
            continue
        if _SAYING_BEFORE.search(scan, max(0, pronouns[-1].start() - 12), pronouns[-1].start()):
            continue
        names = _names(scan, pronouns[-1].end())
        unit = actives[match[0].lower()]
        # a list, or one who mediated: "which Armenia signed" is one of several
        ends_at_the_verb = bool(names) and names[-1][1] == match.start() - 1
        if ends_at_the_verb and (len(names) > 1 or unit in _ONE_PARTY_RELATIONS):
            yield _claim(document, names, unit)


@functools.lru_cache(maxsize=8)
def _active_verb(lexicon: Lexicon) -> re.Pattern[str]:
    """The active verbs of the relations read by "by" ("co-chaired", "mediated")."""
    _, actives = _relation_after(lexicon)
    alternation = "|".join(re.escape(w) for w in sorted(actives, key=len, reverse=True))
    return re.compile(rf"(?:{alternation})\b", re.I)


def _leads_to_a_relation(word: str) -> bool:
    return word in _LEAD_WORDS or word in _POSSESSIVES or word.endswith(("'s", "’s"))


@functools.lru_cache(maxsize=8)
def _anchors(lexicon: Lexicon) -> frozenset[str]:
    return frozenset(
        next(w for w in re.split(r"\W+", row.lower()) if w != "the")
        for row in lexicon["set_relation"]
    )


_THE_BEFORE = re.compile(r"\b[Tt]he\s+$")


def _relation_starts(scan: str, anchors: list[int]) -> list[int]:
    """Where a relation may start: at its first word other than "the" (which is
    everywhere), and at a "the" before that word ("the parties")."""
    return [*anchors, *leads_before(scan, anchors, _THE_BEFORE, 4, keep_bare=False)]


def _relation_words(match: re.Match[str], lexicon: Lexicon) -> str:
    """The relation words as written, without what stands between a verb and its
    "by": "signed late on Wednesday by" gives "signed by"."""
    if match["noun"]:
        return " ".join(match["noun"].split())
    written = match["verb"].split()
    for row in lexicon["set_relation"]:
        head = row.split()[:-1]
        if head and [w.lower() for w in written[: len(head)]] == head:
            return " ".join([*written[: len(head)], written[-1]])
    return " ".join(written)


_ITEM_PATTERN = re.compile(_ITEM)
_ARTICLE = re.compile(r"[Tt]he\s+")
_BODY_WORDS = frozenset(
    {"University", "Institute", "Republic", "Bank", "Council", "Court", "College", "School",
     "Organization", "Organisation", "Office", "Ministry", "Commonwealth", "Union", "League",
     "Federation", "Kingdom", "Assembly", "Academy", "Museum", "Department", "Agency",
     "States"}
)  # fmt: skip
# "United Kingdom of Great Britain and Northern Ireland, United States of America": an
# "and" that more names of the list follow joins two words of a body's name
_AND_INSIDE_A_NAME = re.compile(
    rf"[ \t]+and[ \t]+{_NAME_WORD}(?:[ \t]+{_NAME_WORD})*(?=,[ \t]*(?:the[ \t]+)?[A-Z])"
)


# A person's place, then more of the list: each name is a titled person's, not a member
# of a set ("the co-chairs - Igor Popov of Russia, Stephane Visconti of France and ...").
_PLACE_THEN_MORE = re.compile(rf"[ \t]+of[ \t]+(?:the[ \t]+)?{_ITEM}(?:{_SEPARATOR.pattern})[A-Z]")


def _names(scan: str, at: int) -> list[tuple[int, int]]:
    """(start, end) of each name of the list that starts at `at`, leading "the"
    left out."""
    names: list[tuple[int, int]] = []
    while (item := _ITEM_PATTERN.match(scan, at)) is not None:
        start, end = item.span()
        if item[0].split(maxsplit=1)[0] in _NOT_A_FIRST_WORD:
            break
        article = _ARTICLE.match(scan, start, end)  # not the "The" of "Thessaloniki"
        if article is not None:
            start = article.end()
        last_word = item[0].split()[-1]
        inside = _OF_IN_A_NAME.match(scan, end) if last_word in _BODY_WORDS else None
        if inside is not None:  # "University of Calder", not "Kenji Morita of Hokkaido"
            end = inside.end()
            if (joined := _AND_INSIDE_A_NAME.match(scan, end)) is not None:
                end = joined.end()
        names.append((start, end))
        separator = _SEPARATOR.match(scan, end)
        if separator is None and _PLACE_THEN_MORE.match(scan, end):
            return []  # "Igor Popov of Russia, Stephane Visconti of France and ...": people
        if separator is None or "and" in scan[at - 5 : at].split():
            break  # a list has one "and": "... and Russia, and the Kazan summit"
        at = separator.end()
    if names and scan[names[-1][0] : names[-1][1]] in ("The", "the"):
        return []
    return names
