"""Loading, metadata and cleaning of documents."""

from pathlib import Path

import pytest

from rag import DocumentError, EmptyCorpusError, InputError, NotFoundError, load_paths, make_document
from rag.documents import clean_segments, validate_doc_id

ARTICLE = """Big News About Minsk

By Jane Roe

Feb. 15, 2025

The minister met the envoy in Minsk to discuss sanctions and prisoners.
The envoy said sanctions on potash could be eased if prisoners are released.
n
Subscribe to The Daily
Get the best stories delivered to your inbox every morning.
The minister also told the envoy that prisoners released in Minsk would be allowed to leave, and that potash sanctions were discussed.
Markets notch worst quarter in years as new tariffs loom
By Staff Writer
"""


def test_cleaning_drops_furniture_by_general_rules_and_keeps_offsets() -> None:
    segments = clean_segments(ARTICLE)
    kept = [ARTICLE[s:e] for s, e in segments]
    assert "n" not in kept
    assert not any("Subscribe" in k or "inbox" in k or "tariffs" in k for k in kept)
    assert any(k.startswith("The minister also told") for k in kept), "on-topic text after a marker stays"
    for s, e in segments:
        assert ARTICLE[s:e].strip() == ARTICLE[s:e] and ARTICLE[s:e]


def test_metadata_from_text_when_no_manifest() -> None:
    doc = make_document("news", ARTICLE)
    assert doc.title == "Big News About Minsk"
    assert doc.author == "Jane Roe"
    assert doc.published is not None and doc.published.isoformat() == "2025-02-15"


def test_manifest_metadata_wins(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "manifest.json").write_text('{"documents": {"a": {"title": "T", "published": "2020-01-02", '
                                            '"publisher": "P"}}}', encoding="utf-8")
    docs, problems = load_paths([tmp_path])
    assert problems == []
    assert (docs[0].title, docs[0].publisher, str(docs[0].published)) == ("T", "P", "2020-01-02")


def test_bad_files_are_reported_by_name_and_skipped(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("A good document about Minsk and its people.", encoding="utf-8")
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 in Minsk".encode("latin-1"))
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    docs, problems = load_paths([tmp_path])
    assert [d.doc_id for d in docs] == ["good"]
    reasons = {Path(p.path).name: p.reason for p in problems}
    assert "not valid UTF-8" in reasons["latin1.txt"]
    assert "binary" in reasons["binary.txt"]
    assert "empty" in reasons["empty.txt"]


def test_missing_path_and_empty_folder(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match="path not found"):
        load_paths([tmp_path / "nope"])
    with pytest.raises(EmptyCorpusError):
        load_paths([tmp_path])


def test_html_is_extracted_without_scripts() -> None:
    html = ("<html><head><title>Page</title><script>alert(1)</script></head><body><article>"
            "<h1>Visit to Minsk</h1><p>The delegation arrived in Minsk on a quiet morning and met officials.</p>"
            "<p>They discussed the release of prisoners and the easing of sanctions on potash.</p>"
            "</article></body></html>")
    doc = make_document("page", html, kind="html")
    assert "alert" not in doc.text and "delegation arrived in Minsk" in doc.text


def test_doc_ids_are_safe() -> None:
    assert validate_doc_id("002_cac94a10d226ae88") == "002_cac94a10d226ae88"
    for bad in ("../etc/passwd", "a/b", "", ".hidden", "a..b"):
        with pytest.raises(InputError, match="doc_id"):
            validate_doc_id(bad)


def test_unsupported_file_type(tmp_path: Path) -> None:
    f = tmp_path / "x.pdf"
    f.write_bytes(b"%PDF")
    with pytest.raises(DocumentError, match="unsupported file type"):
        load_paths([f])


def test_unchanged_text_reuses_its_cleaning_and_changed_text_is_cleaned_again(tmp_path: Path) -> None:
    from dataclasses import replace

    from rag import load_file

    f = tmp_path / "a.txt"
    f.write_text(ARTICLE, encoding="utf-8")
    fresh = load_file(f)
    marked = replace(fresh, segments=fresh.segments[:1])  # a stored version with a recognisable cleaning
    assert load_file(f, known=marked).segments == marked.segments
    f.write_text(ARTICLE + "\nA new closing paragraph about Minsk and the envoy's talks.\n", encoding="utf-8")
    assert load_file(f, known=marked).segments != marked.segments
