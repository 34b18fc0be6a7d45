"""The `rag` command, in process."""

import json
from pathlib import Path

import pytest

from rag.cli import main


@pytest.fixture(autouse=True)
def _fake_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RAG_EMBEDDING_MODEL", "hash-256")


def test_index_search_ask_status(tiny_corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["index", str(tiny_corpus), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["documents"] == 2
    assert main(["status", "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert status["documents"] == 2 and status["chunks"] >= 2
    assert main(["search", "potash exports", "--k", "1", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["hits"][0]["doc_id"] == "beta"
    assert main(["ask", "Where was the treaty signed?", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) >= {"question", "answer", "abstained", "citations", "model", "timings_ms"}
    assert main(["ask", "Where was the treaty signed?"]) == 0
    assert "[1]" in capsys.readouterr().out
    assert main(["ask", "Where was the treaty signed?", "--explain"]) == 0
    assert "support" in capsys.readouterr().out
    assert main(["ask", "Where was the treaty signed?", "--explain", "--json"]) == 0
    assert set(json.loads(capsys.readouterr().out)["explain"]["evidence"]) == {"coverage", "similarity", "unfilled",
                                                                               "missing"}


def test_errors_exit_non_zero_with_a_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["index", str(tmp_path / "missing")]) == 2
    assert "path not found" in capsys.readouterr().err
    assert main(["ask", ""]) == 2
    assert "must not be empty" in capsys.readouterr().err
