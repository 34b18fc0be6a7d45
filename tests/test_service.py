"""Indexing semantics of the Rag object, with the fast fake embedder."""

from pathlib import Path

import pytest

from rag import (
    SUPPORT_FEATURES,
    SUPPORT_MODEL,
    EmptyCorpusError,
    IndexMismatchError,
    LockedError,
    NotFoundError,
    Rag,
    Settings,
)


def test_index_is_idempotent_and_tracks_changes(fake_settings: Settings, tiny_corpus: Path) -> None:
    rag = Rag(fake_settings)
    first = rag.index([tiny_corpus])
    assert first.documents == 2 and first.chunks_embedded == first.chunks > 0
    again = rag.index([tiny_corpus])
    assert again.chunks_embedded == 0 and again.chunks_deleted == 0 and len(again.unchanged) == 2

    (tiny_corpus / "beta.txt").write_text("Beta Notes\n\nThe Neman flows through Hrodna instead.\n", encoding="utf-8")
    changed = rag.index([tiny_corpus])
    assert changed.updated == ("beta",) and changed.chunks_deleted > 0
    assert "Neman" in rag.search("Which river flows through Hrodna?", 1)[0].chunk.text

    (tiny_corpus / "beta.txt").unlink()
    removed = rag.index([tiny_corpus])
    assert removed.removed == ("beta",)
    assert rag.status()["documents"] == 1
    assert all(h.chunk.doc_id == "alpha" for h in rag.search("river", 5))
    assert rag.store.count() == rag.status()["chunks"]


def test_indexing_embeds_the_sentences_the_ranker_reads(fake_settings: Settings, tiny_corpus: Path) -> None:
    rag = Rag(fake_settings)
    rag.index([tiny_corpus])
    misses = rag.embedder.misses
    hits = rag.search("Which river flows through the capital?", 3)
    assert hits and all("passage" in h.scores for h in hits)
    assert rag.embedder.misses == misses  # every sentence read came from the cache


def test_the_passages_an_answer_may_need_several_of_are_chosen_by_passage_score(fake_settings: Settings,
                                                                                 tiny_corpus: Path) -> None:
    rag = Rag(fake_settings)
    rag.index([tiny_corpus])
    # Ordering a question's pool by best sentence would change which passages diversify keeps.
    several, _ = rag.answer_context("Which two things did the ministers and officials do?", 2)
    one, _ = rag.answer_context("What did the officials say?", 2)
    assert several and not any("passage" in h.scores for h in several)
    assert one and all("passage" in h.scores for h in one)


def test_bad_file_is_skipped_and_rest_indexes(fake_settings: Settings, tiny_corpus: Path) -> None:
    (tiny_corpus / "bad.txt").write_bytes(b"\xff\xfe\xfa not utf-8")
    report = Rag(fake_settings).index([tiny_corpus])
    assert report.documents == 2
    assert [Path(p.path).name for p in report.problems] == ["bad.txt"]


def test_errors_delete_nothing(fake_settings: Settings, tiny_corpus: Path, tmp_path: Path) -> None:
    rag = Rag(fake_settings)
    rag.index([tiny_corpus])
    with pytest.raises(NotFoundError):
        rag.index([tmp_path / "missing"])
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(EmptyCorpusError):
        rag.index([empty])
    with pytest.raises(IndexMismatchError, match="hash-256"):
        Rag(fake_settings.model_copy(update={"embedding_model": "hash-128"})).index([tiny_corpus])
    assert Rag(fake_settings).status()["documents"] == 2


def test_upload_replace_and_delete(fake_settings: Settings) -> None:
    rag = Rag(fake_settings)
    doc, n = rag.add_text("The lake is called Naroch. It is the largest lake in Belarus.", doc_id="lake")
    assert n == 1 and rag.status()["documents"] == 1
    rag.add_text("The lake is called Svitiaz now.", doc_id="lake")
    assert "Svitiaz" in rag.document("lake").text and rag.store.count() == 1
    rag.delete_document("lake")
    assert rag.store.count() == 0 and rag.status()["documents"] == 0
    with pytest.raises(NotFoundError):
        rag.delete_document("lake")


def test_second_writer_gets_a_clear_lock_error(fake_settings: Settings, tiny_corpus: Path) -> None:
    from filelock import FileLock

    fake_settings.home.mkdir(parents=True)
    with FileLock(str(fake_settings.home / "write.lock")):
        rag = Rag(fake_settings)
        with pytest.raises(LockedError, match="another process"):
            with rag.write_lock(timeout=0.1):
                pass


def test_ask_validates_input(fake_settings: Settings, tiny_corpus: Path) -> None:
    from rag import InputError

    rag = Rag(fake_settings)
    rag.index([tiny_corpus])
    with pytest.raises(InputError, match="empty"):
        rag.ask("   ")
    with pytest.raises(InputError, match="over the limit"):
        rag.ask("x" * 5000)
    with pytest.raises(InputError, match="k: must be between"):
        rag.search("treaty", 0)


def test_date_filters(fake_settings: Settings, tmp_path: Path) -> None:
    folder = tmp_path / "dated"
    folder.mkdir()
    (folder / "old.txt").write_text("Old\n\nMarch 1, 2019\n\nThe envoy visited Minsk.\n", encoding="utf-8")
    (folder / "new.txt").write_text("New\n\nMarch 1, 2025\n\nThe envoy visited Minsk again.\n", encoding="utf-8")
    rag = Rag(fake_settings)
    rag.index([folder])
    import datetime as dt

    assert {h.chunk.doc_id for h in rag.search("envoy Minsk", 5, since=dt.date(2020, 1, 1))} == {"new"}
    assert {h.chunk.doc_id for h in rag.search("envoy Minsk", 5, until=dt.date(2020, 1, 1))} == {"old"}


def test_a_named_source_is_read_though_retrieval_ranks_it_low(fake_settings: Settings, tmp_path: Path) -> None:
    folder = tmp_path / "press"
    folder.mkdir()
    # Passages that match the question's words better than the named source does, each its own story.
    stories = ["The envoy visited Minsk to discuss potash exports.", "An envoy visited Minsk before the election.",
               "The envoy who visited Minsk met the foreign minister.", "Minsk welcomed the envoy who visited in spring."]
    for i, story in enumerate(stories):
        (folder / f"wire{i}.txt").write_text(f"Wire {i}\n\n{story}\n", encoding="utf-8")
    (folder / "week.txt").write_text("Notes\n\nA diplomat went to the Belarusian capital.\n", encoding="utf-8")
    (folder / "manifest.json").write_text('{"week": {"publisher": "The Week"}}', encoding="utf-8")
    rag = Rag(fake_settings.model_copy(update={"collapse_duplicates": False}))  # short wires look alike to hashing
    rag.index([folder])
    question = "Which envoy visited Minsk, according to The Week?"
    assert "week" not in {h.chunk.doc_id for h in rag.search(question, 2)}
    hits, _ = rag.answer_context(question, 2)
    assert [h.chunk.doc_id for h in hits][-1] == "week" and len(hits) == 3
    assert rag.explain(question, k=2)["citations"][0]["n"] == 3  # the named source's passage answers
    plain, _ = rag.answer_context("Which envoy visited Minsk?", 2)
    assert "week" not in {h.chunk.doc_id for h in plain}


def test_a_compound_question_is_answered_part_by_part(fake_settings: Settings, tiny_corpus: Path) -> None:
    rag = Rag(fake_settings)
    rag.index([tiny_corpus])
    answer = rag.ask("Where was the treaty signed, and which river flows through Kyiv?", k=1)
    assert not answer.abstained
    assert {c.doc_id for c in answer.citations} == {"alpha", "beta"}
    assert "Vienna" in answer.answer and "Dnieper" in answer.answer


def test_explain_gives_the_offline_reply_before_abstention(fake_settings: Settings, tiny_corpus: Path) -> None:
    rag = Rag(fake_settings)
    rag.index([tiny_corpus])
    reply = rag.explain("Where was the treaty signed?", k=2)
    assert "Vienna" in reply["answer"]
    assert set(reply["evidence"]) == set(SUPPORT_FEATURES)
    assert reply["support"] == pytest.approx(SUPPORT_MODEL.probability(reply["evidence"]), abs=1e-3)
    asked = rag.ask("Where was the treaty signed?", k=2)
    assert asked.confidence == pytest.approx(reply["support"])


_ENVOY = " ".join(f"Paragraph {i} tells how the envoy and the minister talked about potash and prisoners."
                  for i in range(30))


def _week_piece(settings: Settings, tmp_path: Path, text: str, record: str = '{"publisher": "The Week"}') -> Rag:
    """A Rag over one piece by The Week, with its record in the folder's manifest."""
    folder = tmp_path / "press"
    folder.mkdir()
    (folder / "week.txt").write_text(text, encoding="utf-8")
    (folder / "manifest.json").write_text(f'{{"week": {record}}}', encoding="utf-8")
    rag = Rag(settings)
    rag.index([folder])
    return rag


def test_a_question_about_when_a_named_source_ran_reads_its_opening_passage(fake_settings: Settings,
                                                                            tmp_path: Path) -> None:
    weather = " ".join(f"Note {i} says the weather in spring was mild and the rivers were high." for i in range(12))
    rag = _week_piece(fake_settings, tmp_path, f"Feb. 15, 2025\n\nSpring notes\n\n{weather}\n\n{_ENVOY}\n")
    question = "When did The Week publish its piece about the envoy, potash and prisoners?"
    hits, _ = rag.answer_context(question, 2)
    assert any(h.chunk.doc_id == "week" and h.chunk.start == 0 for h in hits)
    assert rag.explain(question, k=2)["citations"][0]["quote"] == "Feb. 15, 2025"


def test_a_question_about_who_wrote_a_named_source_reads_its_closing_passage(fake_settings: Settings,
                                                                            tmp_path: Path) -> None:
    rag = _week_piece(fake_settings, tmp_path, f"Envoy in Minsk\n\n{_ENVOY} {_ENVOY}\n\nJane Roe week.com\n",
                      '{"publisher": "The Week", "author": "Jane Roe"}')
    question = "Who is the author credited at the end of The Week's piece on the envoy, potash and prisoners?"
    hits, _ = rag.answer_context(question, 2)
    last = max(c.end for c in rag.state().catalog.chunks.values() if c.doc_id == "week")
    assert any(h.chunk.doc_id == "week" and h.chunk.end == last for h in hits)
    reply = rag.explain(question, k=2)
    assert reply["citations"][0]["quote"] == "Jane Roe week.com" and not reply["abstained"]


def test_a_question_about_a_named_sources_headline_reads_its_opening_passage(fake_settings: Settings,
                                                                              tmp_path: Path) -> None:
    body = " ".join(f"Paragraph {i} tells how the envoy and the minister talked about potash and prisoners in Minsk."
                    for i in range(30))
    rag = _week_piece(fake_settings, tmp_path, f"A new chapter for Minsk and Washington?\n\n{body}\n")
    question = "What does the headline of The Week's piece say about the envoy, potash and prisoners in Minsk?"
    hits, _ = rag.answer_context(question, 2)
    assert any(h.chunk.doc_id == "week" and h.chunk.start == 0 for h in hits)
    assert rag.explain(question, k=2)["citations"][0]["quote"] == "A new chapter for Minsk and Washington?"
    # Not asked about the headline, the headline is no answer.
    assert rag.explain("What does The Week say about the envoy, potash and prisoners?", k=2)["citations"][0]["quote"] \
        != "A new chapter for Minsk and Washington?"
