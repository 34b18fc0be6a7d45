"""End to end with the real packaged model on the real seeds."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rag import Rag, Settings
from rag.citations import is_valid

pytestmark = pytest.mark.slow


def test_example_question_answers_january_2019_with_verified_citations(seeded) -> None:  # type: ignore[no-untyped-def]
    rag, _ = seeded
    ans = rag.ask("When was the cap on U.S. diplomats in Minsk lifted?")
    assert not ans.abstained
    assert "January 2019" in ans.answer and "[1]" in ans.answer
    assert ans.citations and all(is_valid(c, rag.state().catalog.docs) for c in ans.citations)
    assert "lifted the cap" in ans.citations[0].quote
    assert len(ans.answer.split()) <= 60


def test_unanswerable_question_abstains(seeded) -> None:  # type: ignore[no-untyped-def]
    rag, _ = seeded
    ans = rag.ask("What is the population of Belarus?")
    assert ans.abstained and ans.citations == () and "Not in the corpus" in ans.answer


def test_a_question_typed_in_chat_shorthand_is_read_as_written_prose(seeded) -> None:  # type: ignore[no-untyped-def]
    rag, _ = seeded
    hits, features = rag.answer_context("who did hale meet w in minsk b4 the ambassador plan")
    # "w" and "b4" are spelt out, and "minsk" is the name the passages write: its name key is weighed
    assert features is not None and "w" not in features["terms"] and "b4" not in features["terms"]
    assert "~mnsk" in features["terms"]
    ans = rag.ask("how many us diplomats did belarus allow b4 the cap got lifted")
    assert not ans.abstained and "five" in ans.citations[0].quote


def test_reindexing_unchanged_seeds_embeds_nothing(seeded) -> None:  # type: ignore[no-untyped-def]
    rag, first = seeded
    assert first.documents == 5 and first.chunks_embedded == first.chunks
    again = rag.index([Path(__file__).resolve().parents[1] / "seeds"])
    assert again.chunks_embedded == 0 and again.chunks_deleted == 0


def test_translation_is_grouped_under_the_original(seeded) -> None:  # type: ignore[no-untyped-def]
    rag, _ = seeded
    assert rag.status()["duplicate_groups"] == [["002_cac94a10d226ae88", "003_8cddab4abca9d9aa"]]
    hits = rag.search("deputy assistant secretary of state Christopher Smith", 5)
    assert all(h.chunk.doc_id != "003_8cddab4abca9d9aa" for h in hits)


def test_another_embedding_model_is_refused(seeded) -> None:  # type: ignore[no-untyped-def]
    from rag import IndexMismatchError

    rag, _ = seeded
    other = Rag(rag.settings.model_copy(update={"embedding_model": "hash-384"}))
    with pytest.raises(IndexMismatchError):
        other.search("anything")
    assert rag.status()["documents"] == 5


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_chroma_server_mode(tmp_path: Path, tiny_corpus: Path) -> None:
    """The same code indexes and queries through a real `chroma run` server on 127.0.0.1."""
    port = _free_port()
    chroma = Path(sys.executable).with_name("chroma")
    proc = subprocess.Popen([str(chroma), "run", "--path", str(tmp_path / "server"), "--host", "127.0.0.1",
                             "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                time.sleep(0.3)
        settings = Settings(home=tmp_path / "client", embedding_model="hash-256", chroma_host="127.0.0.1",
                            chroma_port=port)
        rag = Rag(settings)
        report = rag.index([tiny_corpus])
        assert report.chunks_embedded > 0 and rag.store.count() == report.chunks
        assert rag.search("Where was the treaty signed?", 1)[0].chunk.doc_id == "alpha"
        assert not (tmp_path / "client" / "chroma").exists(), "no local Chroma in server mode"
    finally:
        proc.terminate()
        proc.wait(timeout=30)
