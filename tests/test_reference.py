"""The reference folder: the bundled one is valid and sourced; broken rows stop the run."""

from __future__ import annotations

import shutil

import pytest

import factcheck
from factcheck.errors import ReferenceError
from factcheck.reference import load_reference
from factcheck.reference.names import PhraseIndex

from .conftest import REFERENCE


@pytest.fixture
def copy(tmp_path):
    folder = tmp_path / "ref"
    shutil.copytree(REFERENCE, folder)
    return folder


def edit(folder, name, old, new):
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_bundled_reference_every_fact_sourced(reference):
    assert reference.fact_count >= 40
    for fact in reference.all_facts():
        assert fact.source_url.startswith(("http://", "https://")), fact.id
        assert fact.source_title, fact.id


def test_every_disputed_figure_has_several_positions(reference):
    disputed = {}
    for fact in reference.all_facts():
        if fact.status == "disputed":
            disputed.setdefault((fact.subject, fact.property), []).append(fact)
    assert disputed
    for key, positions in disputed.items():
        assert len(positions) >= 2, key
        assert len({p.source_url for p in positions}) == len(positions), key


def test_aliases_are_case_and_accent_insensitive(reference):
    assert reference.lookup("nagorno karabakh") == ("nagorno-karabakh",)
    assert reference.lookup("NAGORNO-KARABAKH") == ("nagorno-karabakh",)
    assert reference.lookup("Xalaf Xalafov") == ("khalaf-khalafov",)


def test_phrases_match_longest_first_and_only_where_the_next_word_lets_them():
    # "the" starts only a phrase that runs on: it matches nowhere else, and does
    # not hide "treaty" after it; "treaty" alone and "treaty of moscow" both match.
    index = PhraseIndex.build(
        {
            ("the", "situation", "in", "x"): ["situation"],
            ("treaty",): ["any-treaty"],
            ("treaty", "of", "moscow"): ["moscow-treaty"],
        }
    )
    text = "The treaty of Moscow, the situation in X and then the treaty"
    assert [(text[start:end], ids) for start, end, ids in index.match(text)] == [
        ("treaty of Moscow", ("moscow-treaty",)),
        ("the situation in X", ("situation",)),
        ("treaty", ("any-treaty",)),
    ]


@pytest.mark.parametrize(
    ("name", "old", "new", "message", "line"),
    [
        ("facts.csv", "F012,unsc-853", "F011,unsc-853", "used twice", 5),
        ("facts.csv", "F012,unsc-853", "F012,unsc-8530", "not an entity", 5),
        ("facts.csv", "unsc-853,adopted_on", "unsc-853,adopted", "not in properties.csv", 5),
        ("facts.csv", "1993-07-29", "29/07/1993", "not a date", 5),
        (
            "facts.csv",
            "established,http://absoluteastronomy.com/topics/United_Nations_Security_"
            "Council_Resolution_853,United Nations Security Council Resolution 853 (encyclopedia "
            'mirror),"Meeting',
            'established,ftp://x,t,"Meeting',
            "needs a source_url",
            5,
        ),
        (
            "facts.csv",
            ",2018-06,2023-06,",
            ",2023-06,2018-06,",
            "valid_from is after valid_to",
            None,
        ),
        (
            "facts.csv",
            "F020,nk-conflict,unsc_resolutions,4,",
            "F020,nk-conflict,unsc_resolutions,four,",
            "not a number",
            None,
        ),
        (
            "entities.csv",
            "azerbaijan,Azerbaijan,country",
            "azerbaijan,Azerbaijan,nation",
            "type 'nation'",
            2,
        ),
        (
            "entities.csv",
            "id,label,type,aliases,description",
            "id,label,kind,aliases,description",
            "missing column 'type'",
            1,
        ),
        ("properties.csv", "signed_on,date,", "signed_on,day,", "value_type 'day'", 2),
    ],
)
def test_broken_rows_name_file_and_line(copy, name, old, new, message, line):
    edit(copy, name, old, new)
    with pytest.raises(ReferenceError, match=message) as caught:
        load_reference(copy)
    assert caught.value.path.endswith(name)
    if line is not None:
        assert caught.value.line == line


def test_unquoted_comma_is_reported_with_its_line(copy):
    with (copy / "facts.csv").open("a", encoding="utf-8") as handle:
        handle.write("F999,azerbaijan,area_km2,86600,km2,,,,established,https://x.org,a, b,c\n")
    with pytest.raises(ReferenceError, match="quote cells") as caught:
        load_reference(copy)
    assert caught.value.line == len((copy / "facts.csv").read_text().splitlines())


def test_na_and_none_are_text_not_missing(copy):
    edit(
        copy,
        "entities.csv",
        "igor-khovaev,Igor Khovaev,person,Khovaev,Russian diplomat",
        "igor-khovaev,Igor Khovaev,person,NA|None,null",
    )
    table = load_reference(copy)
    assert table.entities["igor-khovaev"].aliases == ("NA", "None")
    assert table.entities["igor-khovaev"].description == "null"


def test_missing_folder(tmp_path):
    with pytest.raises(ReferenceError, match="folder not found"):
        load_reference(tmp_path / "nowhere")


def test_second_load_reads_the_cache_not_the_csv(copy, monkeypatch):
    import factcheck.reference.load as module

    first = load_reference(copy)
    assert first.lookup("Bocharnikov") == ("mikhail-bocharnikov",)

    def no_csv(*args, **kwargs):
        raise AssertionError("the CSV files were read again")

    monkeypatch.setattr(module, "read_rows", no_csv)
    again = load_reference(copy)
    assert again.fact_count == first.fact_count
    assert again.facts_for("unsc-822", "adopted_on")[0].value == "1993-04-30"


def test_changed_csv_is_read_again(copy):
    before = load_reference(copy)
    edit(copy, "facts.csv", "1993-04-30", "1993-05-01")
    after = load_reference(copy)
    assert before.facts_for("unsc-822", "adopted_on")[0].value == "1993-04-30"
    assert after.facts_for("unsc-822", "adopted_on")[0].value == "1993-05-01"


def test_without_a_writable_cache_the_reference_still_loads(copy, monkeypatch, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would go", encoding="utf-8")
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(blocker))
    table = load_reference(copy)
    assert table.lookup("Lavrov") == ("sergey-lavrov",)


def test_a_bad_row_leaves_no_cache_behind(copy, monkeypatch, tmp_path):
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path / "cache"))
    edit(copy, "facts.csv", "1993-07-29", "1993-13-29")
    with pytest.raises(ReferenceError):
        load_reference(copy)
    assert not list((tmp_path / "cache").rglob("*.sqlite"))
    assert not list((tmp_path / "cache").rglob("*.tmp"))


# -- words and roles are data ---------------------------------------------------


def test_a_renamed_term_property_still_checks_offices(copy, draft):
    """The verifier finds a person's offices by the property's role, not its name."""
    for name in ("properties.csv", "facts.csv"):
        path = copy / name
        path.write_text(
            path.read_text(encoding="utf-8").replace("position_held", "office_held"),
            encoding="utf-8",
        )
    table = load_reference(copy)
    assert table.role_property("term") == "office_held"
    text = "---\ndate: 2019-11-06\n---\n\nRussian Ambassador Vladimir Dorokhin attended.\n"
    [finding] = factcheck.check(draft(text), reference=table).findings
    assert finding.verdict.value == "outdated"
    assert finding.property == "office_held"


def test_a_role_held_by_two_properties_is_refused(copy):
    edit(copy, "properties.csv", "adopted_on,date,adoption,", "adopted_on,date,term,")
    with pytest.raises(ReferenceError, match="role 'term' is already adopted_on's") as error:
        load_reference(copy)
    assert error.value.line is not None


def test_a_newsroom_lexicon_adds_title_words(copy, tmp_path, draft):
    """A title word the bundled lexicon lacks is one row in a newsroom's folder."""
    text = "---\ndate: 2019-11-06\n---\n\nAlderman Khalaf Khalafov attended.\n"
    assert factcheck.check(draft(text), reference=load_reference(copy)).findings == ()
    own = tmp_path / "newsroom"
    own.mkdir()
    (own / "lexicon.csv").write_text("category,word,note\ntitle,Alderman,\n", encoding="utf-8")
    table = load_reference([copy, own])
    [finding] = factcheck.check(draft(text), reference=table).findings
    assert (finding.claim.kind.value, finding.claim.value) == ("office", "Khalaf Khalafov")


def test_a_bad_lexicon_row_stops_with_its_line(copy):
    path = copy / "lexicon.csv"
    path.write_text(path.read_text(encoding="utf-8") + "titel,Alderman,\n", encoding="utf-8")
    with pytest.raises(ReferenceError, match="category 'titel' is not one of") as error:
        load_reference(copy)
    assert error.value.path == str(path)
    assert error.value.line == len(path.read_text(encoding="utf-8").splitlines())


def test_a_folder_without_a_lexicon_reads_the_bundled_one(copy):
    (copy / "lexicon.csv").unlink()
    assert load_reference(copy).lexicon["title"] == load_reference(REFERENCE).lexicon["title"]


def test_a_fact_speaks_only_of_its_period(tmp_path, draft):
    """Two rows of one figure for two years: the sentence's year picks the row."""
    folder = tmp_path / "ref"
    shutil.copytree(REFERENCE, folder)
    with (folder / "properties.csv").open("a", encoding="utf-8") as handle:
        handle.write("jobless_rate,percent,,unemployment|jobless rate,Share out of work\n")
    with (folder / "facts.csv").open("a", encoding="utf-8") as handle:
        for year, value in (("2021", "7.5"), ("2022", "6.1")):
            handle.write(
                f"U{year},azerbaijan,jobless_rate,{value},percent,,{year},{year},established,"
                f"https://example.org/{year},Statistics {year},\n"
            )
    table = load_reference(folder)
    verdicts = {
        sentence: next(
            f.verdict.value
            for f in factcheck.check(draft(sentence), reference=table).findings
            if f.claim.kind.value == "percent"
        )
        for sentence in (
            "In 2022 Azerbaijan's unemployment stood at 6.1 percent.",
            "In 2022 Azerbaijan's unemployment stood at 7.5 percent.",
            "In 2021 Azerbaijan's unemployment stood at 7.5 percent.",
        )
    }
    assert list(verdicts.values()) == ["supported", "contradicted", "supported"]
