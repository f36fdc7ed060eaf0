"""Loading drafts: formats, the article date, offsets as written."""

from __future__ import annotations

import datetime as dt

import pytest

from factcheck.document import document_from_text, load_document
from factcheck.errors import DocumentError
from factcheck.extract import extract_claims
from factcheck.link import link_claims
from factcheck.models import ClaimKind
from factcheck.verify import verify_claims
from factcheck.words import split_sentences

ARTICLE_HTML = """<!DOCTYPE html><html><head><title>Baku summons envoy | Example News</title>
<meta property="article:published_time" content="2019-11-06T10:00:00Z"></head>
<body><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news from 1999</a></li>
<li>Subscribe for 20 percent off</li></ul></nav>
<article><h1>Baku summons Russian envoy</h1>
<p>BAKU, Azerbaijan, Nov. 6 &mdash; Azerbaijan's foreign ministry summoned the Russian ambassador
on Wednesday over a visit to Moscow by separatist officials from Nagorno-Karabakh.</p>
<p>The ministry said the visit ran against the Treaty on Friendship, Cooperation and Mutual
Security, which the two countries signed on 3 July 1997, and recalled four resolutions of the
UN Security Council adopted in 1993.</p>
<p>The conflict began in 1988 and a ceasefire took effect on 12 May 1994, the ministry said.</p>
</article>
<footer><p>Copyright 2019 Example News. Call +1 555 0100. All rights reserved.</p></footer>
</body></html>"""


def test_dateline_gives_the_as_of_date_with_the_year_from_the_body():
    doc = document_from_text("BAKU, Azerbaijan, Nov. 6\n\nIt met on Nov. 6, 2019 in Baku.\n")
    assert doc.as_of == dt.date(2019, 11, 6)
    assert doc.as_of_source == "dateline"
    assert doc.dateline is not None and doc.dateline.text == "BAKU, Azerbaijan, Nov. 6"


def test_a_dateline_year_guessed_from_the_body_is_named_and_blocks_nothing(reference):
    text = "BAKU, Sept. 14 (Wire) - The fighting had flared on September 27, 2020.\n"
    doc = document_from_text(text)
    assert doc.as_of == dt.date(2020, 9, 14)
    assert doc.as_of_source.startswith("dateline; its year guessed")
    claims = extract_claims(doc)
    findings = verify_claims(doc, link_claims(doc, claims, reference), reference)
    assert [f.verdict.value for f in findings] == ["unverified"]
    # the same dateline with its year written: the body date is after it
    written = document_from_text(text.replace("Sept. 14", "Sept. 14, 2020"))
    claims = extract_claims(written)
    findings = verify_claims(written, link_claims(written, claims, reference), reference)
    assert [f.verdict.value for f in findings] == ["inconsistent"]


def test_dateline_with_agency_and_day_month_order():
    doc = document_from_text("MOSCOW, July 3 (Wire) - Signed on 3 July 1997.\n")
    assert doc.as_of == dt.date(1997, 7, 3)


def test_a_roundup_s_later_datelines_are_no_claims():
    text = (
        "MOSCOW, 10 November 2020 (Wire) - Talks ended.\n\n"
        "YEREVAN, 10 Nov (Wire) - Protests began on 9 November.\n\n"
        "BAKU, 10 Nov (Wire) - It was said on 10 Nov that BAKU, 10 Nov is a dateline.\n"
    )
    doc = document_from_text(text)
    assert doc.as_of == dt.date(2020, 11, 10)
    assert [d.text for d in doc.later_datelines] == ["YEREVAN, 10 Nov", "BAKU, 10 Nov"]
    dates = [c.span.text for c in extract_claims(doc) if c.kind is ClaimKind.DATE]
    assert dates == ["9 November", "10 Nov", "10 Nov"]


def test_front_matter_date_wins_over_the_dateline_and_cli_over_both():
    text = "---\ndate: 2020-01-02\ntitle: T\n---\nBAKU, Nov. 6 — In 2019 it met.\n"
    assert document_from_text(text).as_of == dt.date(2020, 1, 2)
    assert document_from_text(text, as_of=dt.date(2021, 5, 5)).as_of_source == "--as-of"


def test_bad_front_matter_date_is_a_clear_error():
    with pytest.raises(DocumentError, match="not an ISO date"):
        document_from_text("---\ndate: 6 Nov\n---\nText.\n", path="x.md")


def test_no_date_anywhere_leaves_as_of_empty():
    assert document_from_text("Signed on 3 July 1997.").as_of is None


def test_markdown_offsets_are_those_of_the_file(tmp_path):
    path = tmp_path / "a.md"
    path.write_text(
        "---\ntitle: x\n---\n# Head\n\nSigned on **3 July 1997** in Moscow.\n", encoding="utf-8"
    )
    doc = load_document(path)
    start = doc.text.index("3 July 1997")
    assert doc.line_col(start) == (6, 13)
    assert doc.title == "x"
    assert doc.body_start == doc.text.index("# Head")


def test_crlf_files_keep_line_numbers(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"first line\r\nsecond 1997\r\n")
    doc = load_document(path)
    assert doc.line_col(doc.text.index("1997")) == (2, 8)


def test_html_article_text_is_extracted_without_boilerplate(tmp_path):
    path = tmp_path / "story.html"
    path.write_text(ARTICLE_HTML, encoding="utf-8")
    doc = load_document(path)
    assert "Treaty on Friendship" in doc.text
    assert "Subscribe" not in doc.text and "Copyright" not in doc.text
    assert doc.as_of == dt.date(2019, 11, 6)
    assert doc.title.startswith("Baku summons")


def test_html_without_an_article(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>x</title></head><body> </body></html>", encoding="utf-8")
    with pytest.raises(DocumentError, match="no article text"):
        load_document(path)


def test_sentences_do_not_break_after_abbreviations():
    text = "It met on Nov. 6 in Baku. Gen. Smith spoke. The U.N. agreed!\n\nNew paragraph"
    sentences = [text[s:e] for s, e in split_sentences(text)]
    assert sentences == [
        "It met on Nov. 6 in Baku.",
        "Gen. Smith spoke.",
        "The U.N. agreed!",
        "New paragraph",
    ]


def test_a_table_row_is_a_sentence_of_its_own():
    """An encyclopedia's box: "Formation | 24 March 1992" is no sentence with the
    "Closed" of the next row."""
    text = "| Formation | 24 March 1992, Helsinki |\n| Closed | 1 September 2025 |\n\nText."
    sentences = [text[s:e] for s, e in split_sentences(text)]
    assert sentences == [
        "| Formation | 24 March 1992, Helsinki |",
        "| Closed | 1 September 2025 |",
        "Text.",
    ]


@pytest.mark.parametrize(
    ("head", "date_text", "source"),
    [
        ("By Anna Petrova | 14 March 2024, 10:32 GMT", "14 March 2024", "byline"),
        ("**By Lena Hartmann** | 14 March 2024, 16:05 GMT", "14 March 2024", "byline"),
        ("By Helen Marwick\nPublished: 14 March 2024", "14 March 2024", "byline"),
        ("Updated 7:44 PM ET, Thu March 14, 2024", "Thu March 14, 2024", "byline"),
        ("**MINISTRY OF FOREIGN AFFAIRS**\n\nBaku, 14 March 2024", "14 March 2024", "letterhead"),
    ],
)
def test_a_byline_or_letterhead_date_is_the_article_date_and_no_claim(head, date_text, source):
    from factcheck.extract import extract_claims

    doc = document_from_text(f"---\ntitle: Talks\n---\n\n{head}\n\nTalks resumed on Tuesday.\n")
    assert (doc.as_of, doc.as_of_source) == (dt.date(2024, 3, 14), source)
    assert doc.byline is not None and doc.byline.text == date_text
    assert [c.value for c in extract_claims(doc)] == ["2024-03-12"]  # Tuesday; the byline is none


def test_front_matter_and_dateline_come_before_a_byline():
    text = "By Anna Petrova | 14 March 2024\n\nBAKU, March 13 (Wire) - It met on March 13, 2024.\n"
    assert document_from_text(text).as_of_source == "dateline"
    assert document_from_text(f"---\ndate: 2024-03-01\n---\n{text}").as_of == dt.date(2024, 3, 1)


def test_a_date_in_the_body_is_no_byline():
    doc = document_from_text("The treaty was signed on 3 July 1997 in Moscow by both presidents.\n")
    assert doc.byline is None and doc.as_of is None
