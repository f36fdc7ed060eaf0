"""Office-holders named with their titles, before or after the name:
"Deputy Foreign Minister Khalaf Khalafov", "Ambassador Extraordinary and
Plenipotentiary of the Russian Federation to the Republic of Azerbaijan Mikhail
Bocharnikov", "Ambassador Bocharnikov", "Khalaf Khalafov, Azerbaijan's deputy
foreign minister", "then-president Robert Kocharyan", "Justin Trudeau, Prime
Minister of Canada", coordinated titles ("Foreign Ministers A of Russia and B of
Azerbaijan": each person with his own country), and a second mention with the title
alone ("the ambassador said"), for the person last named with that title. A title
keeps every qualifier as written ("late", "acting", "then-", "deputy"): verification
reads them."""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from ..datetext import MONTHS, WEEKDAYS
from ..lexicon import Lexicon, alternation
from ..models import Claim, ClaimKind, Document, Span
from ..spans import Taken
from .scan import matches_at, windows, word_starts

NAME = "people"

EXAMPLES = {
    "find": (
        (
            "It was received by Deputy Foreign Minister Khalaf Khalafov on Monday.",
            ("Khalaf Khalafov",),
        ),
        ("Brightwell's head of quality, Nadia Ferrante, said it.", ("Nadia Ferrante",)),
        ("Two penalties came from Vale captain Luke Danvers.", ("Luke Danvers",)),
        ("The party's housing spokesperson, Jonas Ekdal, said it.", ("Jonas Ekdal",)),
        ("Chief Financial Officer Paul Denholm will leave.", ("Paul Denholm",)),
        (
            "Enquiries:\nRuth Okonjo, Chief Executive\nPaul Denholm, Chief Financial Officer\n",
            ("Ruth Okonjo", "Paul Denholm"),
        ),
        (
            "Speaking in Baku on Monday, Foreign Minister\nJeyhun Bayramov said it.",
            ("Jeyhun Bayramov",),
        ),
        (
            "Ambassador Extraordinary and Plenipotentiary of the Russian Federation to the "
            "Republic of Azerbaijan Mikhail Bocharnikov was invited.",
            ("Mikhail Bocharnikov",),
        ),
        ("Ambassador Bocharnikov underlined the point.", ("Bocharnikov",)),
        ("Russian Foreign Minister Sergey Lavrov said so.", ("Sergey Lavrov",)),
        ("Khalaf Khalafov, Azerbaijan's deputy foreign minister, said so.", ("Khalaf Khalafov",)),
        (
            "Ambassador Mikhail Bocharnikov was invited. The ambassador said he would reply.",
            ("Mikhail Bocharnikov", "Mikhail Bocharnikov"),
        ),
        ("It was signed by President Luiz Inacio Lula da Silva.", ("Luiz Inacio Lula da Silva",)),
        ("He met Brazil's new ambassador, Helena Moraes, on Monday.", ("Helena Moraes",)),
        ("Igor Khovaev, its Russian co-chair, took over.", ("Igor Khovaev",)),
        ("UN envoy Karin Alvestad told reporters.", ("Karin Alvestad",)),
        ("Executive Secretary Aigerim Nurlanovna spoke.", ("Aigerim Nurlanovna",)),
        ("Interior Minister Abdelouafi Laftit said so.", ("Abdelouafi Laftit",)),
        ("French Ambassador Jerome Bonnafont spoke.", ("Jerome Bonnafont",)),
        ("Coast guard spokesman Nikos Alexiou said so.", ("Nikos Alexiou",)),
        ("Russia's ambassador to Azerbaijan, Mikhail Evdokimov, attended.", ("Mikhail Evdokimov",)),
        ("Minister of State Khalifa Shaheen Al Marar spoke.", ("Khalifa Shaheen Al Marar",)),
        ("WFP country director Laurent Bukera said so.", ("Laurent Bukera",)),
        ("Uzbek Deputy Foreign Minister Bakhromjon Aloev spoke.", ("Bakhromjon Aloev",)),
        ("The Special Envoy for the Great Lakes Region Huang Xia left.", ("Huang Xia",)),
        (
            "The Minister of Foreign Trade of Uruguay, Ana Lopez Ferreira, signed.",
            ("Ana Lopez Ferreira",),
        ),
        ("Force Commander Major General Diodato Abagnara thanked them.", ("Diodato Abagnara",)),
        (
            "Outgoing President Andres Manuel Lopez Obrador congratulated her.",
            ("Andres Manuel Lopez Obrador",),
        ),
        ("Armenia's deputy foreign minister Shavarsh Kocharyan left.", ("Shavarsh Kocharyan",)),
        ("Russia's ambassador to Armenia Sergey Kopyrkin was recalled.", ("Sergey Kopyrkin",)),
        ("The US co-chair, James Warlick, said so.", ("James Warlick",)),
        ("It was signed by deputy foreign minister Andrey Rudenko.", ("Andrey Rudenko",)),
        ("It was hosted by then-president Dmitry Medvedev.", ("Dmitry Medvedev",)),
        ("The treaty bears the name of the late President Heydar Aliyev.", ("Heydar Aliyev",)),
        ("acting CEO Ben Osei signed it.", ("Ben Osei",)),
        ("Justin Trudeau, Prime Minister of Canada, spoke.", ("Justin Trudeau",)),
        ("Karine Jean-Pierre, the White House press secretary, said so.", ("Karine Jean-Pierre",)),
        ("Samvel Shahramanyan, the region's de facto president, agreed.", ("Samvel Shahramanyan",)),
        ("Russian mediator Vladimir Kazimirov said so.", ("Vladimir Kazimirov",)),
        ("Senator Bob Menendez, chairman of the committee, said so.", ("Bob Menendez",)),
        ("Presiding Judge Ingrid Solberg read the ruling.", ("Ingrid Solberg",)),
        ("Ambassador Andrzej Kasprzyk attended.", ("Andrzej Kasprzyk",)),
        (
            "It was signed by Lt. Gen. William K. Harrison Jr. for the UN.",
            ("William K. Harrison Jr.",),
        ),
        (
            "His Excellency Mr. António Guterres, Secretary-General of the United Nations",
            ("António Guterres",),
        ),
        (
            "Foreign Ministers Sergey Lavrov of Russia and Jeyhun Bayramov of Azerbaijan met.",
            ("Sergey Lavrov", "Jeyhun Bayramov"),
        ),
        (
            "The co-chairs Igor Popov of Russia, Stephane Visconti of France and Andrew Schofer "
            "of the United States left.",
            ("Igor Popov", "Stephane Visconti", "Andrew Schofer"),
        ),
        ("Judges Daniel Okafor and Priya Raman agreed.", ("Daniel Okafor", "Priya Raman")),
        ("Mara Lind, chair of the county election board, said so.", ("Mara Lind",)),
        (
            "Tove Brandt, director of the peace programme at the Baltic Institute for "
            "Conflict Studies, said so.",
            ("Tove Brandt",),
        ),
        ("Lena Ohr, spokesperson for the Finnish foreign ministry: no comment.", ("Lena Ohr",)),
        ("Omar Haddad, a partner at the law firm Reed Hall, spoke.", ("Omar Haddad",)),
        (
            "Amir Khan, the agency's director of science, said so. The director of science agreed.",
            ("Amir Khan", "Amir Khan"),
        ),
        ("It was signed before King Abdullah of Jordan.", ("Abdullah",)),
        ("King Charles III opened it.", ("Charles III",)),
        ("Crown Prince Mohammed bin Salman met them.", ("Mohammed bin Salman",)),
        ("Senator Angus King of Maine said so.", ("Angus King",)),
        ("Chief executive Marta Ruiz apologised.", ("Marta Ruiz",)),
        (
            "She met party leaders Ida Berg of the Greens and Ole Rask of the Centre Party.",
            ("Ida Berg", "Ole Rask"),
        ),
        ("Minister for Trade and Export Growth Dan Reid signed it.", ("Dan Reid",)),
        (
            "It was signed by Trade Minister Dan Reid and Eldor's Commerce Minister, Ines Vaz.",
            ("Dan Reid", "Ines Vaz"),
        ),
        ("Detective Constable Priya Shah said so.", ("Priya Shah",)),
        ("It was led by Lieutenant-General Rustam Muradov.", ("Rustam Muradov",)),
        ("Parliament Speaker Ararat Mirzoyan was beaten.", ("Ararat Mirzoyan",)),
        (
            "Professor Clara Mendes led it. Professor Mendes is available.",
            ("Clara Mendes", "Mendes"),
        ),
        ("It works, said head coach Anna Kovacs, who took over.", ("Anna Kovacs",)),
        ("Dr Ruth Avery, a GP and former councillor, won.", ("Ruth Avery",)),
        ("Jonas Pike, a co-author and senior lecturer in psychology, said so.", ("Jonas Pike",)),
        ("It was signed by Teodor Vasi. Vasi, Kestava's economy minister, said so.", ("Vasi",)),
        ("Ashby's barrister, Simon Hale, said so.", ("Simon Hale",)),
        ("It was declared by the acting returning officer, Janet Moss, at 3am.", ("Janet Moss",)),
        (
            "Green Party co-leaders Sasha Kim and Idris Bell campaigned.",
            ("Sasha Kim", "Idris Bell"),
        ),
        (
            "Their foreign ministers, Jeyhun Bayramov and Ararat Mirzoyan, initialled it.",
            ("Jeyhun Bayramov", "Ararat Mirzoyan"),
        ),
        ("A webinar with our senior fellow Ani Sargsyan.", ("Ani Sargsyan",)),
        ("Prime Minister Nikol Pashinyan's visit to Moscow.", ("Nikol Pashinyan",)),
        (
            "Co-chair Matthew Bryza left. The presidents of the co-chair countries met.",
            ("Matthew Bryza",),
        ),
    ),
    "ignore": (
        "The Ministry of Foreign Affairs said so.",
        "He thanked the minister for the help, Anna Berg said.",
        "The two ministers, Ararat Mirzoyan and Jeyhun Bayramov, initialled it.",
        "He thanked the minister for coming, Anna Berg.",
        "The ambassador said so.",
        "The Foreign Ministry of Azerbaijan issued a note.",
        "The ambassador of France left.",
        "He spoke as Permanent Representative of Moldova to the United Nations.",
        "Office of the Special Envoy for the Great Lakes Region\nNairobi, 11 February 2025",
        "**Minsk Group Co-Chairs Vote Against, Say Text Undermines Mediation**",
        "The Co-Chairs of the OSCE Minsk Group met.",
        "They won the Premier Division title.",
        "Mr. Aliyev told reporters so.",
        "He thanked the ambassador for his work.",
        "Researchers at the King Faisal Specialist Hospital said so.",
        "Martin Luther King Jr. Day is a holiday.",
        "The Queen Elizabeth II Conference Centre hosted it.",
        "The justice ministry said the chief justice would rule.",
        "- Statement of the Chairman-in-Office, Lisbon Summit, 3 December 1996\n"
        "- Joint statement of the presidents of the co-chair countries, L'Aquila, 10 July 2009",
        "In Yerevan, the foreign minister said so.",
        "In January Paul Okafor, was appointed ambassador to Canada.",
        "The Justice Department said so.",  # a body, not a person
    ),
}

_CONNECTORS = ("of", "the", "to", "and", "for", "on", "in")
# Particles inside a name: "Luiz Inacio Lula da Silva", "Khalifa Shaheen Al Marar".
_PARTICLES = ("da", "de", "do", "dos", "das", "di", "du", "van", "von", "der", "den", "al", "bin")
_CAPITALISED_PARTICLES = frozenset({"Al", "El", "Bin", "Ibn", "Abu", "Van", "Von", "De", "Da"})
_UPPER, _LOWER = "A-ZÀ-ÖØ-Þ", "a-zß-öø-ÿ"  # "António Guterres", "Stéphane Visconti"
_NAME_WORD = rf"(?:[{_UPPER}][{_LOWER}]+(?:[-'’][{_UPPER}]?[{_LOWER}]+)?|[A-Z]\.)"
# Ranks and suffixes abbreviated with a full stop: "Lt. Gen. William K. Harrison Jr."
_ABBREVIATED = r"(?:Gen|Lt|Col|Maj|Capt|Adm|Brig|Sgt|Gov|Sen|Jr|Sr)\."
_SUFFIXES = frozenset({"Jr.", "Sr.", "Jr", "Sr"})
_REGNAL_NUMBER = re.compile(r"[IVX]{1,5}")  # "King Charles III", "Queen Elizabeth II"
_CAP_WORD = rf"(?:{_ABBREVIATED}|(?:[A-Z]\.){{2,3}}|[A-Z]\.|[{_UPPER}][\w'’-]*)"
_FUNCTION_WORDS = r"(?:and|or|of|the|with|by|to|for|from|in|on|at|as|but|than)"
# What opens a clause after a name, never a title's words: "Paul Okafor, was appointed
# ambassador to Canada" names no ambassador.
_VERB = r"(?:is|was|are|were|has|had|have|been|be|will|would|who|whose|which|that|said|says|told)"
_PERSON = rf"{_NAME_WORD}\s+{_NAME_WORD}(?:\s+{_NAME_WORD})?"
# Months and weekdays, as they open a sentence or a name.
_CALENDAR_NAMES = (
    *(m.capitalize() for m in MONTHS if m.isalpha()),
    *(d.capitalize() for d in WEEKDAYS),
)
# A month or a weekday ends a title: "ambassador to Russia since January", "... in May".
_CALENDAR = "|".join(_CALENDAR_NAMES)
# An article or a possessive determiner, no part of a title before a comma: "the acting
# minister, Armen Grigoryan", "Their foreign ministers, Jeyhun Bayramov and ...".
_DETERMINER = r"(?:[Tt]he|[Tt]heir|[Ii]ts|[Hh]is|[Hh]er)"
# "U.S.", "Workers'"; not a full stop
_COMPLEMENT_WORD = rf"(?!(?:{_CALENDAR})\b)[A-Z](?:[\w'’-]|\.(?=\w))*"
# What a title's complement names: "of Canada", "to the Republic of Azerbaijan", "of
# Local 417 of the Appliance Workers' Union", "of epidemiology at Eastmoor University".
_COMPLEMENT = (
    r"(?:\s+(?:of|to|for|on|at|in)\s+(?:the\s+)?(?:[a-z]+\s+(?:(?:of|at|in)\s+)?(?:the\s+)?)??"
    rf"{_COMPLEMENT_WORD}(?:[ \t]+(?:{_COMPLEMENT_WORD}|\d+))*"
    r"(?:[ \t]+[a-z]+s\b(?!\s+[A-Z]))?){0,3}"  # "... of the Karabakh Armenian forces"
)
# A complement of up to three words in lower case before a comma and a name ("head of
# quality, Nadia Ferrante"); not a possessive ("thanked the minister for his work, X said").
_LOWER_COMPLEMENT = (
    r"(?!(?:his|her|their|its|our|my|your|this|that)\b|[a-z]+ing\b)"  # nor "for coming"
    r"[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2}"
)
_GAP = r"(?:[ \t]+|[ \t]*\n[ \t]*)"  # one line break may fall inside a name or title

# A run of capitalised words, joined by spaces and lower-case connectors, on one
# line: "Ambassador Extraordinary and Plenipotentiary of the Russian Federation to
# the Republic of Azerbaijan Mikhail Bocharnikov". Which part is the title and
# which the name is decided word by word in _title_first.
_RUN_JOINERS = "|".join(_CONNECTORS + _PARTICLES)
_CAPITALISED_RUN = re.compile(
    rf"(?=[A-Z])\b{_CAP_WORD}(?:{_GAP}(?:(?:{_RUN_JOINERS}){_GAP})*{_CAP_WORD})*"
)
_ACRONYM = r"(?:[A-Z]{2,6}|(?:[A-Z]\.){2,3})"  # "UN", "U.S."
# Capitalised words no name contains, besides the lexicon's not_a_name words.
_CALENDAR_WORDS = frozenset(w for w in _CALENDAR_NAMES if len(w) > 3)  # not "May", "Jan"

# A complement in lower case as well ("chair of the regional election board", "a partner
# at the law firm Brandt Cole", "director of the conflict programme at the Nordic Centre
# for Mediation Studies", "Minister for Trade and Export Growth"): only where the title
# closes (a comma, a colon, the end of the line), so that it never runs into the verb.
_NOT_IN_A_COMPLEMENT = "|".join(
    (
        *("of", "to", "for", "on", "at", "in", "the", "a", "an", "and", "or", "with"),
        *("since", "until", "from", "after", "before", "during", "between", "when", "while"),
        *("said", "says", "told", "who", "which", "that", "whose"),
        *("is", "was", "are", "were", "has", "had", "have", "will", "would"),
        # a time is no part of the title: "X, Azerbaijan's foreign minister at the time",
        # "X, Russia's co-chair for eleven years"
        *("time", "times", "years", "months", "weeks", "days", "decades"),
        _CALENDAR,
    )
)
_COMPLEMENT_ANY_WORD = rf"(?!(?:{_NOT_IN_A_COMPLEMENT})\b)[A-Za-z][\w'’.-]*(?<!\.)"
_CLOSED_COMPLEMENT = (
    r"(?:\s+(?:of|to|for|on|at|in)\s+(?:(?:the|a|an)\s+)?"
    rf"{_COMPLEMENT_ANY_WORD}(?:[ \t]+(?:and[ \t]+)?{_COMPLEMENT_ANY_WORD}){{0,5}}){{1,3}}"
    r"(?=[ \t]*(?:[,;:)]|\.(?!\w)|\n|$)|\s+[-–—]\s)"
)


@dataclass(frozen=True, slots=True)
class _Vocabulary:
    """The lexicon's title words as the patterns below read them, built once per
    lexicon."""

    title_tokens: frozenset[str]  # the words of every title head, as the scanner splits them
    title_words: frozenset[str]  # every word of a capitalised title head or qualifier
    head_words: frozenset[str]  # one-word heads: where a title + name may start
    head_anywhere: re.Pattern[str]  # a superset of the runs _titled_names reads
    not_names: frozenset[str]
    organisations: frozenset[str]
    nouns_after_a_title: frozenset[str]  # "the co-chair statement" names no co-chair
    nationalities: frozenset[str]
    name_first: re.Pattern[str]
    surname_first: re.Pattern[str]  # "Vasi, Kestava's economy minister": a surname named before
    title_comma_name: re.Pattern[str]
    lower_title_name: re.Pattern[str]
    second_mention: re.Pattern[str]
    bare_lower_title_name: re.Pattern[str]
    title_start_tokens: frozenset[str]  # where a title alone before a name may start
    qualifier_before: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class _TitleParts:
    """The regex pieces of titles that the patterns of _vocabulary share."""

    lower_qualifiers: str  # "deputy ", "acting ", any number of them
    lower_heads: str  # "foreign minister", "envoy"
    opening_lower_title: str  # the same at a sentence's start: "Chief executive"
    capitalised_title: str  # "Deputy Foreign Minister"


def _title_parts(lexicon: Lexicon) -> _TitleParts:
    lower_qualifiers = rf"(?:(?:{lexicon.alternation('qualifier_in_text')})(?:\s+|-))*"
    lower_heads = rf"(?:{lexicon.alternation('title_in_text')})"
    return _TitleParts(
        lower_qualifiers=lower_qualifiers,
        lower_heads=lower_heads,
        # "Chief executive Marta Sousa", "Party leader X"
        opening_lower_title=(
            rf"(?:(?:{_sentence_case(lexicon['qualifier_in_text'])})(?:\s+|-){lower_qualifiers}"
            rf"{lower_heads}|(?:{_sentence_case(lexicon['title_in_text'])}))"
        ),
        capitalised_title=(
            rf"(?:(?:{lexicon.alternation('title_qualifier')})\s+)*"
            rf"(?:{lexicon.alternation('title')})"
        ),
    )


@functools.lru_cache(maxsize=8)
def _vocabulary(lexicon: Lexicon) -> _Vocabulary:
    heads = lexicon["title"]
    parts = _title_parts(lexicon)
    head_words = frozenset(h.lower() for h in heads if " " not in h) | {"minister"}
    title_after_name = _title_after_name(parts)
    # The last word of each title ("minister" of "Prime Minister", "officer" of "chief
    # executive officer"): where a title ends, a name may follow.
    tokens = {
        re.split(r"\W+", title.lower().rstrip("."))[-1]
        for title in (*heads, *lexicon["title_in_text"])
    }
    title_words = {w.lower() for h in (*heads, *lexicon["title_qualifier"]) for w in h.split()}
    # and the head of each lower-case title ("officer" of "medical officer"), which no
    # name contains and whose plural names several people: "District medical officers"
    lower_head_words = {t.split()[-1] for t in lexicon["title_in_text"]}
    qualifiers = lexicon["qualifier_in_text"]
    # and their plurals: "Foreign Ministers A of Russia and B of Azerbaijan"
    plural_tokens = frozenset(tokens | {f"{t}s" for t in tokens})
    return _Vocabulary(
        title_start_tokens=frozenset(
            re.split(r"\W+", " ".join((*qualifiers, *heads, *lexicon["title_in_text"])).lower())
        )
        - set(_CONNECTORS)
        | plural_tokens
        | {"then", "ex"},
        title_tokens=plural_tokens,
        title_words=frozenset(
            title_words | lower_head_words | {f"{w}s" for w in head_words | lower_head_words}
        ),
        head_words=head_words,
        # from a word's start ("Co-Chairs", "Vice-President"): \b lets the engine skip
        # the other positions, three times faster than trying every head at each
        head_anywhere=re.compile(r"\b(?:" + alternation(head_words) + ")", re.I),
        not_names=lexicon.set("not_a_name") | _CALENDAR_WORDS,
        organisations=lexicon.lower("organisation"),
        nouns_after_a_title=lexicon.lower("organisation")
        | lexicon.lower("document_head")
        | lexicon.lower("noun_after_title"),
        nationalities=lexicon.set("nationality"),
        name_first=re.compile(rf"\b(?P<name>{_PERSON}),\s+{title_after_name}"),
        surname_first=re.compile(rf"\b(?P<name>{_NAME_WORD}),\s+{title_after_name}"),
        title_comma_name=_title_comma_name(parts),
        lower_title_name=_lower_title_name(parts),
        second_mention=_second_mention(lexicon),
        bare_lower_title_name=_bare_lower_title_name(parts),
        # "late President Heydar Aliyev", "acting CEO Ben Osei", "then-President X".
        qualifier_before=re.compile(
            rf"(?:\b(?:[Tt]hen-|[Ee]x-|(?:{lexicon.alternation('qualifier_in_text')})\s+))+$"
        ),
    )


def _title_after_name(parts: _TitleParts) -> str:
    """The title after a name and its comma: "X, the White House press secretary"."""
    lower_qualifiers, lower_heads = parts.lower_qualifiers, parts.lower_heads
    return (
        r"(?P<title>(?:then\s+)?(?:(?:the|a|an|its|their|his|her)\s+)?"
        # "the State Department's new senior adviser", "the White House press secretary"
        r"(?:(?:[A-Z][\w.-]*\s+){0,3}[A-Za-z][\w.-]*(?:'s|’s)\s+|(?:[A-Z][\w.-]*\s+){1,3})?"
        # up to two words of its own before the title ("a co-author and senior lecturer",
        # "the region's de facto president"), never a verb: "X, was appointed ambassador"
        rf"(?:{lower_qualifiers}(?:(?!{_VERB}\b)[a-z][a-z-]*\s+){{0,2}}?{lower_qualifiers}"
        rf"{lower_heads}|{parts.capitalised_title})"
        rf"(?:\s+and\s+{lower_qualifiers}{lower_heads})?\b(?:{_CLOSED_COMPLEMENT}|{_COMPLEMENT}))"
    )


def _title_comma_name(parts: _TitleParts) -> re.Pattern[str]:
    """ "Brazil's new ambassador, Helena Moraes, ...": the title, a comma, then the
    name in apposition (followed by punctuation or a verb, so not a list)."""
    return re.compile(
        # "Porto Alto's sporting director, Rui Matos": the owner's whole name
        rf"(?P<title>(?:\b(?P<owner>(?:[A-Z][\w-]*\s+){{0,2}})(?P<possessor>[A-Za-z][\w-]*)(?:'s|’s)\s+"
        rf"|\b{_DETERMINER}\s+{_HOW_MANY}?(?:(?:[A-Z][a-z]+|{_ACRONYM})\s+)?)"
        # after a possessive, one word of the title's own before its head ("the Liberal
        # Alliance's housing spokesperson"), never a verb; not after "the" ("The two
        # ministers, A and B" is no title "two minister")
        # or an acronym ("Minsk Group's U.S. co-chair, Louis Bono")
        rf"{parts.lower_qualifiers}(?(possessor)(?:(?!{_VERB}\b)[a-z][a-z-]*\s+|{_ACRONYM}\s+)?)"
        rf"{parts.lower_heads}(?P<plural>s)?"
        # "... to Armenia", and in lower case up to the comma: "Brightwell's head of quality"
        r"(?:\s+(?:to|of|in|for)\s+(?:the\s+)?"
        rf"(?:[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*|(?P<lower>{_LOWER_COMPLEMENT})))?),\s+"
        rf"(?P<name>{_NAME_WORD}\s+{_NAME_WORD}(?:\s+{_NAME_WORD})?)"
        # a verb right after the name: a reporting clause may follow a lower-case phrase
        # ("thanked the minister for the help, Anna Berg said"); apposition is closed
        r"(?=\s*[,.;)]|(?(lower)(?!)|\s+(?:said|says|told|who|was|is|has|had|will|would)\b)"
        # a plural title names a list: "Their foreign ministers, A and B, initialled it"
        r"|(?(plural)\s+and\s|(?!)))",
    )


def _lower_title_name(parts: _TitleParts) -> re.Pattern[str]:
    """ "UN envoy Karin Alvestad", "Coast guard spokesman Nikos Alexiou", "Armenia's
    deputy foreign minister Shavarsh Kocharyan": a lower-case title after an acronym
    or a capitalised (possessive) word, then the name."""
    lower_title = f"{parts.lower_qualifiers}{parts.lower_heads}"
    return re.compile(
        # (?=[A-Z]) first: the engine then skips to a capital, which halves the time
        # of a search through a window
        rf"(?=[A-Z])(?P<title>\b(?!(?:The|A|An)\b)(?:{_ACRONYM}|[A-Z][a-z]+(?:'s|’s)?)"
        rf"(?:\s+(?:{_ACRONYM}|[A-Z][a-z]+(?:'s|’s)?))*"
        rf"(?:\s+(?!{_FUNCTION_WORDS}\b)[a-z]+\s+{lower_title}"
        # a plural after capitals alone: "Green Party co-leaders A and B"; not after
        # a word in lower case ("Last month deputy prime ministers A and B")
        rf"|\s+{lower_title}s?)"
        # One capitalised word of complement: "ambassador to Armenia Sergey Kopyrkin".
        r"(?:\s+(?:to|of|in)\s+[A-Z][a-z]+(?=\s+[A-Z]))?)\s+"
        rf"(?P<name>{_NAME_WORD}\s+{_NAME_WORD}(?:\s+{_NAME_WORD})?)\b",
    )


def _second_mention(lexicon: Lexicon) -> re.Pattern[str]:
    """ "the ambassador said": a title without a name, for the person last named with
    it; not "the ambassador of France", "the minister for Europe". A complement in
    lower case may follow ("the director of science"): the person meant then had it
    in his title (_second_mentions)."""
    return re.compile(
        r"\b[Tt]he\s+(?P<title>(?i:(?:(?:"
        + lexicon.alternation("qualifier_back_reference")
        + r")\s+)*(?P<head>"
        + lexicon.alternation("title_back_reference")
        + r")))\b(?:(?P<complement>[ \t]+(?:of|for)[ \t]+(?:the[ \t]+)?[a-z][\w-]*"
        r"(?:[ \t]+[a-z][\w-]*){0,2})|(?!\s+(?:of|to|and|or)\b|\s+for\s+[A-Z]|\s+[A-Z]))",
    )


def _bare_lower_title_name(parts: _TitleParts) -> re.Pattern[str]:
    """ "then-president Robert Kocharyan", "deputy foreign minister Andrey Rudenko",
    "late chairman Harold Kestrel": a lower-case title alone before the name."""
    return re.compile(
        # "Chairman and chief executive officer Walter J. Hoch"
        rf"(?P<title>(?:\b(?:{parts.capitalised_title})\s+and\s+)?"
        rf"\b(?:[Tt]hen-|[Ee]x-)?(?:{parts.lower_qualifiers}{parts.lower_heads}"
        rf"|{parts.opening_lower_title})s?)\s+"
        rf"(?P<name>{_PERSON})\b",
    )


def _sentence_case(words: tuple[str, ...]) -> str:
    """An alternation of the words with their first letter capitalised."""
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(word[:1].upper() + word[1:]) for word in ordered)


def extract(document: Document, lexicon: Lexicon) -> Iterator[Claim]:
    scan = document.scan
    vocabulary = _vocabulary(lexicon)
    # Every pattern below holds a title word; read only the text around them: around a
    # capitalised one for "Deputy Foreign Minister Khalaf Khalafov", a lower-case one
    # for "Khalaf Khalafov, deputy foreign minister" and "UN envoy Karin Alvestad".
    heads = sorted(word_starts(scan, vocabulary.title_tokens))
    capitalised = windows([h for h in heads if scan[h].isupper()], before=120, after=200)
    # A lower-case title names someone only when a name follows it ("envoy Karin
    # Alvestad", "ambassador, Helena Moraes"); a title after a name follows a comma.
    named_heads = [
        h for h in heads if not scan[h].isupper() and _NAME_AFTER.match(scan, _word_end(scan, h))
    ]
    lower_case = windows(named_heads, before=100, after=120)
    taken = Taken()
    named: list[Claim] = []
    for start, end in capitalised:
        for run in _CAPITALISED_RUN.finditer(scan, start, end):
            if vocabulary.head_anywhere.search(scan, run.start(), run.end()) is None:
                continue  # most runs are places and names with no title in them
            if _in_title_case_line(scan, run.start()):
                continue  # "Minsk Group Co-Chairs Vote Against": capitals name nobody
            found = [
                c for c in _titled_names(document, run, vocabulary) if not _ends_a_line(scan, c)
            ]
            # A title the run ends on may have its name after a comma: "The Minister of
            # Foreign Trade of Uruguay, Ana Lopez Ferreira", "... Helen Okoro and Corrin's
            # Commerce Minister, Ana Ribeiro".
            rest = found[-1].span.end if found else run.start()
            found.extend(_apposition(document, rest, run.end(), vocabulary))
            for claim in found:
                taken.add(claim.span.start, claim.span.end)
                named.append(claim)
    found_by_patterns = (
        # "X, Prime Minister of Canada" and "X, deputy foreign minister": capitalised or not
        _names_before_titles(vocabulary, scan, heads),
        _in_windows(vocabulary.title_comma_name, scan, lower_case),
        _in_windows(vocabulary.lower_title_name, scan, lower_case),
        matches_at(
            vocabulary.bare_lower_title_name,
            scan,
            _starts_before(word_starts(scan, vocabulary.title_start_tokens), named_heads),
        ),
    )
    for matches in found_by_patterns:
        for match in matches:
            if taken.overlaps(match.start(), match.end()):
                continue
            name = match["name"]
            if any(
                word in vocabulary.not_names or word.lower() in vocabulary.title_words
                for word in name.split()
            ):
                continue
            taken.add(match.start(), match.end())
            start, title = match.start(), match["title"]
            if match.groupdict().get("owner"):  # "Porto Alto's sporting director, X"
                opening = _opening_words(scan, match["owner"], match["possessor"])
                start, title = start + opening, title[opening:]
            # the article is no part of a title before a comma: "the acting minister,
            # Armen Grigoryan" is the claim "acting minister, Armen Grigoryan"
            article = _ARTICLE.match(title) if match.start("title") == start else None
            if article is not None:
                start, title = start + article.end(), title[article.end() :]
            elif match.start("title") == start:  # "then-U.S. co-chair Matthew Bryza"
                qualifiers = vocabulary.qualifier_before.search(scan, max(0, start - 40), start)
                if qualifiers is not None:
                    start, title = qualifiers.start(), scan[qualifiers.start() : start] + title
            named.append(_claim(document, start, match.end(), name, title))
    named = [found for claim in named for found in _coordinated(document, claim, taken, vocabulary)]
    named.sort(key=lambda c: c.span.start)
    yield from named
    # "the ambassador said": tried from each "the" with a title word soon after it
    the_starts = _starts_before(word_starts(scan, ("the",)), heads, reach=40)
    mentions = matches_at(vocabulary.second_mention, scan, the_starts)
    yield from _second_mentions(document, named, taken, mentions, vocabulary.nouns_after_a_title)


_COUNTRY = r"(?:the\s+)?[A-Z][\w’'-]*(?:[ \t]+[A-Z][\w’'-]*)*"
_OF_COUNTRY = re.compile(rf"\s+of\s+(?P<country>{_COUNTRY})")
_NEXT_PERSON = re.compile(
    rf"(?:,[ \t]*(?:and[ \t]+)?|[ \t]+and[ \t]+)(?P<name>{_PERSON})"
    rf"(?:\s+of\s+(?P<country>{_COUNTRY}))?"
)


def _coordinated(
    document: Document, claim: Claim, taken: Taken, vocabulary: _Vocabulary
) -> Iterator[Claim]:
    """The claim, and when its title is plural everyone the title names: "Foreign
    Ministers A of Russia and B of Azerbaijan", "the co-chairs A of France, B of the
    United States and C of Russia", "Judges A and B". Each person gets the title in the
    singular, with his own country."""
    last = claim.title.split()[-1] if claim.title else ""
    if not (last.endswith("s") and last[:-1].lower() in vocabulary.title_words):
        yield claim
        return
    scan, title = document.scan, claim.title[:-1]
    country = _OF_COUNTRY.match(scan, claim.span.end)
    yield replace(claim, title=_with_country(title, country))
    end = country.end() if country else claim.span.end
    while (following := _NEXT_PERSON.match(scan, end)) is not None:
        start, name_end = following.span("name")
        name = following["name"]
        if any(word in vocabulary.not_names for word in name.split()) or not taken.take(
            start, name_end
        ):
            break
        yield _claim(document, start, name_end, name, _with_country(title, following))
        end = following.end()


def _with_country(title: str, match: re.Match[str] | None) -> str:
    return f"{title} of {match['country']}" if match and match["country"] else title


_SECOND_MENTION_REACH = 20  # named people to look back over


def _title_words(title: str) -> list[str]:
    """ "Azerbaijan's Director-General" -> ["azerbaijan", "director", "general"]; a
    co-chair stays one word ("cochair"): "the chair" is not the co-chair."""
    lowered = _CO.sub("co", title.lower().replace("'s", "").replace("’s", ""))
    return lowered.replace("-", " ").split()


_CO = re.compile(r"\bco-")


def _second_mentions(
    document: Document,
    named: list[Claim],
    taken: Taken,
    matches: Iterable[re.Match[str]],
    nouns_after_a_title: frozenset[str],
) -> Iterator[Claim]:
    starts = [c.span.start for c in named]
    for match in matches:
        if taken.overlaps(match.start(), match.end()):
            continue
        following = _NEXT_WORD.match(document.scan, match.end("title"))
        if following is not None and following[1] in nouns_after_a_title:
            continue  # "the justice ministry", "the co-chair countries": nobody
        words = set(_title_words(match["title"])) - {"new"}
        before = bisect.bisect_left(starts, match.start())
        for extra, end in _complements(match):
            person = _last_with_title(named, before, words | extra)
            if person is not None:
                yield _claim(document, match.start(), end, person.value, person.title)
                break


_NEXT_WORD = re.compile(r"[ \t]+([a-z]+)")
_FUNCTION_WORDS_OF_A_COMPLEMENT = frozenset({"of", "for", "the", "a", "an"})
_LOWER_WORD = re.compile(r"[a-z][\w-]*")


def _complements(match: re.Match[str]) -> Iterator[tuple[set[str], int]]:
    """The words a second mention adds to its title, longest first, with where each
    reading ends: "the director of science said" is "the director of science" when
    someone was named with that title; "the ambassador for his work" is "the
    ambassador"."""
    if not match["complement"]:
        yield set(), match.end()
        return
    words = list(_LOWER_WORD.finditer(match.string, match.start("complement"), match.end()))
    for count in range(len(words), 1, -1):  # "of" and at least one word after it
        # a reading ends on a word of its own: "the director of the museum" is never
        # "the director of the" of someone directing something else
        if words[count - 1][0] not in _FUNCTION_WORDS_OF_A_COMPLEMENT:
            yield {w[0] for w in words[:count]}, words[count - 1].end()
    if words[0][0] == "for":  # "thanked the ambassador for his work"; never "the X of"
        yield set(), match.end("title")


def _last_with_title(named: list[Claim], before: int, words: set[str]) -> Claim | None:
    """The last person named before the `before`th with every one of the title words.
    Only recent ones: looking further back would make a long draft quadratic."""
    for i in range(before - 1, max(-1, before - 1 - _SECOND_MENTION_REACH), -1):
        if words <= set(_title_words(named[i].title)):
            return named[i]
    return None


def _titled_names(
    document: Document, run: re.Match[str], vocabulary: _Vocabulary
) -> Iterator[Claim]:
    """Every "title + name" in a run; one run can hold several ("Deputy Minister
    John Smith and Ambassador Mikhail Bocharnikov")."""
    words = [(m.start() + run.start(), m[0]) for m in re.finditer(r"\S+", run[0])]
    position = 0
    while position < len(words):
        heads = [
            i
            for i in range(position, len(words))
            if _is_head(words[i][1], vocabulary) and not _is_suffix(words, i + 1)
        ]  # "Martin Luther King Jr.": a surname, not a title
        if not heads:
            return
        name_start = _name_start(words, heads[0], vocabulary)
        if name_start is None:
            return
        name_end = _name_end(words, name_start, vocabulary)
        if name_end < len(words) and words[name_end][1] in vocabulary.not_names:
            position = name_end  # "the Co-Chairs of the OSCE Minsk Group": a body's name
            continue
        first = max(_title_start(words, heads[0], vocabulary), position)
        if _names_an_organisation(words, first, vocabulary.organisations):
            position = name_end  # "Office of the Special Envoy ...": a body, not a person
            continue
        start = words[first][0]
        title = " ".join(w for _, w in words[first:name_start])
        qualifiers = vocabulary.qualifier_before.search(document.scan, max(0, start - 40), start)
        if qualifiers is not None and first == 0:  # "late President X", "acting CEO X"
            title = document.scan[qualifiers.start() : start] + title
            start = qualifiers.start()
        if name_end - name_start == 1 and "\n" in run[0][: words[name_start][0] - run.start()]:
            position = name_end  # "Minister for Foreign Affairs\nAnswered on: ...": a label
            continue
        name = " ".join(w for _, w in words[name_start:name_end])
        end = words[name_end - 1][0] + len(words[name_end - 1][1])
        if name.endswith(("'s", "’s")):  # "Prime Minister Nikol Pashinyan's visit"
            name, end = name[:-2], end - 2
        yield _claim(document, start, end, name, title)
        position = name_end


def _opening_words(scan: str, owner: str, possessor: str) -> int:
    """How much of the capitalised words before a possessive opens the sentence rather
    than names the owner ("Even Russia's co-chair, X"): all of it but a name the draft
    writes elsewhere too ("Porto Alto's sporting director" after "from Porto Alto")."""
    for word in re.finditer(r"\S+\s+", owner):
        name = " ".join([*owner[word.start() :].split(), possessor])
        if len(re.findall(rf"\b{re.escape(name)}\b", scan)) > 1:
            return word.start()
    return len(owner)


_NAME_AND_COMMA = re.compile(rf"[ \t]*{_PERSON},[ \t]*")


def _ends_a_line(scan: str, claim: Claim) -> bool:
    """A title after a name and its comma, at the end of its line: the name on the
    next line is another person's ("Ruth Okonjo, Chief Executive" over "Paul Denholm,
    Chief Financial Officer" in a release's contacts)."""
    if "\n" not in claim.span.text:
        return False
    line_start = scan.rfind("\n", 0, claim.span.start) + 1
    # a name alone before the comma: not "Speaking in Baku on Monday, Foreign Minister"
    return _NAME_AND_COMMA.fullmatch(scan, line_start, claim.span.start) is not None


def _in_windows(
    pattern: re.Pattern[str], scan: str, ranges: list[tuple[int, int]]
) -> Iterator[re.Match[str]]:
    return (match for start, end in ranges for match in pattern.finditer(scan, start, end))


def _names_before_titles(
    vocabulary: _Vocabulary, scan: str, heads: list[int]
) -> Iterator[re.Match[str]]:
    """ "X, Prime Minister of Canada": tried from the name of two or three words
    before the last comma ahead of each title word; not from a word that is no name
    ("The Hon Helen Okoro, Minister for Trade")."""
    commas = sorted({scan.rfind(",", max(0, head - _COMMA_REACH), head) for head in heads} - {-1})
    for at in commas:
        starts = _starts_of_words_before(scan, at, 3)
        if not starts or not scan[starts[0]].isupper():
            continue  # a name ends in a capitalised word
        match = _full_name_before(vocabulary, scan, starts, at) or _surname_before(
            vocabulary, scan, starts[0], at
        )
        if match is not None:
            yield match


def _full_name_before(
    vocabulary: _Vocabulary, scan: str, starts: list[int], comma: int
) -> re.Match[str] | None:
    for start in starts[:0:-1]:  # a name of two or three words
        # from the word itself, not the emphasis or quote before it ("*Helga Marten")
        first_word = _WORD.search(scan, start, comma)
        if first_word is None or first_word[0] in vocabulary.not_names:
            continue
        match = vocabulary.name_first.match(scan, first_word.start())
        if match is not None:
            return match
    return None


def _surname_before(
    vocabulary: _Vocabulary, scan: str, start: int, comma: int
) -> re.Match[str] | None:
    """ "Vasi, Kestava's economy minister", "Ashby, treasurer of the hospice": a
    surname alone, when the draft gave it earlier as the last word of a full name
    ("Teodor Vasi"); a place before a comma ("In Yerevan, the minister") never was."""
    word = _WORD.search(scan, start, comma)
    if word is None or word.end() != comma or word[0] in vocabulary.not_names:
        return None
    match = vocabulary.surname_first.match(scan, word.start())
    if match is None:
        return None
    full_name = re.compile(rf"\b{_NAME_WORD}[ \t]+{re.escape(word[0])}\b")
    return match if full_name.search(scan, 0, word.start()) else None


def _starts_of_words_before(scan: str, end: int, count: int) -> list[int]:
    """Where each of the `count` words before `end` starts, nearest first."""
    starts: list[int] = []
    at = end
    while len(starts) < count:
        start = at
        while start > 0 and not scan[start - 1].isspace():
            start -= 1
        if start == at:
            break
        starts.append(start)
        at = start
        while at > 0 and scan[at - 1] in " \t":
            at -= 1
    return starts


def _starts_before(starts: list[int], heads: list[int], reach: int = 60) -> list[int]:
    """The starts at most `reach` characters before one of the heads."""
    ordered = sorted(starts)
    near: set[int] = set()
    for head in heads:
        first = bisect.bisect_left(ordered, head - reach)
        last = bisect.bisect_right(ordered, head)
        near.update(ordered[first:last])
    return sorted(near)


# After a title word (its plural, a complement): a name, perhaps after a comma.
_NAME_AFTER = re.compile(
    r"s?(?:\s+(?:to|of|in|for)\s+(?:the\s+)?"
    rf"(?:[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*|{_LOWER_COMPLEMENT}(?=,)))?,?\s+[A-ZÀ-Þ]"
)
_WORD = re.compile(r"[\w'’]+(?:-[\w'’]+)*")
_COMMA_REACH = 80  # "X, the region's de facto president": from the comma to the title word


def _word_end(scan: str, start: int) -> int:
    """The end of the (hyphenated) word at `start`: "co-chairs", not "co"."""
    found = _WORD.match(scan, start)
    return found.end() if found else start


_LONG_WORD = re.compile(r"[^\W\d_]{4,}")


def _in_title_case_line(scan: str, offset: int) -> bool:
    """A headline (a paragraph of one line) that capitalises every word, where
    capitals tell no name."""
    start = scan.rfind("\n", 0, offset) + 1
    end = scan.find("\n", offset)
    end = len(scan) if end < 0 else end
    if scan[start:end].rstrip().endswith(".") or scan[end + 1 : end + 2].strip():
        return False
    words = _LONG_WORD.findall(scan, start, end)
    return len(words) >= 4 and all(word[0].isupper() for word in words)


def _is_head(word: str, vocabulary: _Vocabulary) -> bool:
    """A title word a name may follow, in the singular or the plural ("Judges")."""
    lowered = word.lower()
    return lowered in vocabulary.head_words or (
        lowered.endswith("s") and lowered[:-1] in vocabulary.head_words
    )


def _names_an_organisation(
    words: list[tuple[int, str]], first: int, organisations: frozenset[str]
) -> bool:
    """ "Office of the Special Envoy", "Ministry of the Foreign Minister"."""
    before = [w.lower() for _, w in words[max(0, first - 3) : first]]
    while before and before[-1] in _CONNECTORS:
        before.pop()
    return bool(before) and before[-1] in organisations


# "The Minister of Foreign Trade of Uruguay, Ana Lopez Ferreira, said": a whole
# capitalised title, a comma, then the name in apposition.
_NAME_IN_APPOSITION = re.compile(
    rf",\s+(?P<name>{_NAME_WORD}\s+{_NAME_WORD}(?:\s+{_NAME_WORD})?)"
    # or the end of its line: "hearing with the Minister for Foreign Affairs, Dora Kessel"
    r"(?=\s*[,.;)]|[ \t]*(?:\n|\Z)|\s+(?:said|says|told|who|was|is|has|had|will|would|and|today)\b)"
)
# What stands before a title in a run and is no part of it: an article (the claim
# starts at the title, as with "the acting minister, Armen Grigoryan"), the "and"
# after an earlier titled name.
_BEFORE_A_TITLE = re.compile(r"[\s,]*(?:(?:[Tt]he|and)\s+)*")
# "The two foreign ministers, Ararat Mirzoyan and Jeyhun Bayramov": how many people a
# plural title names is no part of it either ("The two ministers, A and B" names no
# post: a word of the title's own must follow)
_HOW_MANY = r"(?:(?:two|three|four|both)\s+(?=[a-z-]+\s+[a-z]))"
_ARTICLE = re.compile(rf"{_DETERMINER}\s+{_HOW_MANY}?")


def _apposition(document: Document, start: int, end: int, vocabulary: _Vocabulary) -> list[Claim]:
    """The name after a comma that follows the title standing from `start` to `end`."""
    match = _NAME_IN_APPOSITION.match(document.scan, end)
    if match is None or any(
        w in vocabulary.not_names or w.lower() in vocabulary.title_words
        for w in match["name"].split()
    ):
        return []
    filler = _BEFORE_A_TITLE.match(document.scan, start, end)
    start = filler.end() if filler else start
    if vocabulary.head_anywhere.search(document.scan, start, end) is None:
        return []
    # "Our new Director of Finance, Tomasz Lewandowski"
    qualifiers = vocabulary.qualifier_before.search(document.scan, max(0, start - 40), start)
    start = qualifiers.start() if qualifiers is not None else start
    title = document.scan[start:end]
    return [_claim(document, start, match.end("name"), match["name"], title)]


def _name_start(words: list[tuple[int, str]], head: int, vocabulary: _Vocabulary) -> int | None:
    """After the first title word, a capitalised word that follows a connector
    belongs to the title ("of the Russian Federation", "to the Republic of
    Azerbaijan"); the first one that follows a title or place word starts the
    name ("... of Azerbaijan Mikhail Bocharnikov")."""
    for i in range(head + 1, len(words)):
        word = words[i][1]
        previous = words[i - 1][1].lower()
        if word.lower() in _CONNECTORS or word.lower() in vocabulary.title_words:
            continue
        if previous not in _CONNECTORS and _could_be_name(word, vocabulary):
            return i
    return None


def _name_end(words: list[tuple[int, str]], start: int, vocabulary: _Vocabulary) -> int:
    """Up to four capitalised words ("Andres Manuel Lopez Obrador"); a particle
    ("da", "von") and the surname after it extend the name: "Luiz Inacio Lula da
    Silva"."""
    end, capitalised = start, 0
    while end < len(words):
        word = words[end][1]
        if (
            capitalised < 4
            and _could_be_name(word, vocabulary)
            and word not in _CAPITALISED_PARTICLES
        ):
            capitalised, end = capitalised + 1, end + 1
        elif (
            capitalised
            and (word in _PARTICLES or word in _CAPITALISED_PARTICLES)
            and end + 1 < len(words)
            and _could_be_name(words[end + 1][1], vocabulary)
        ):
            capitalised, end = 2, end + 2
        elif capitalised and _is_suffix(words, end):
            end += 1
        elif (
            capitalised
            and _is_head(word, vocabulary)
            and re.fullmatch(_NAME_WORD, word)
            and _name_start(words, end, vocabulary) is None
        ):
            return end + 1  # "Senator Angus King (of Maine)": a title word naming nobody
        else:
            break
    return end


def _is_suffix(words: list[tuple[int, str]], at: int) -> bool:
    return at < len(words) and (
        words[at][1] in _SUFFIXES or _REGNAL_NUMBER.fullmatch(words[at][1]) is not None
    )


def _could_be_name(word: str, vocabulary: _Vocabulary) -> bool:
    return (
        re.fullmatch(_NAME_WORD, word) is not None
        and word not in vocabulary.not_names
        and word.lower() not in vocabulary.title_words
    )


def _title_start(words: list[tuple[int, str]], head: int, vocabulary: _Vocabulary) -> int:
    """Walk back from the first title word over qualifiers and nationality words
    ("Russian Foreign Minister", "Azerbaijan's deputy")."""
    first = head
    while first > 0:
        word = words[first - 1][1]
        lowered = word.lower()
        if (
            lowered in vocabulary.title_words
            or re.search(r"(?:an|ani|ian|ese|ish|'s|’s)$", word)
            or word in vocabulary.nationalities
            or re.fullmatch(r"[A-Z]{2,6}", word)  # UN, OSCE, EU, UNIFIL
        ):
            first -= 1
        else:
            break
    return first


def _claim(document: Document, start: int, end: int, name: str, title: str) -> Claim:
    return Claim(
        kind=ClaimKind.OFFICE,
        span=Span(start=start, end=end, text=document.text[start:end]),
        value=name,
        extractor=NAME,
        title=" ".join(title.split()),
    )
