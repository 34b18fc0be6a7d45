"""Shared fixtures: settings under tmp_path, tiny corpora, and one real-model index of the seeds."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"

TINY = {
    "alpha.txt": "Alpha Report\n\nThe treaty was signed in Vienna on 3 May 2001. It ended a long dispute.\n\n"
    "The signing ceremony lasted two hours. Ministers from four countries attended.\n",
    "beta.txt": "Beta Notes\n\nThe river Dnieper flows through Kyiv. The city has many bridges.\n\n"
    "Potash exports rose sharply last year, officials said.\n",
}


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing a test does touches the working directory's .rag/."""
    monkeypatch.setenv("RAG_HOME", str(tmp_path / "rag-home"))
    for var in ("RAG_EMBEDDING_MODEL", "RAG_MODEL", "RAG_API_KEY", "RAG_CHROMA_HOST"):
        monkeypatch.delenv(var, raising=False)


@pytest.fixture
def tiny_corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in TINY.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def fake_settings(tmp_path: Path):  # type: ignore[no-untyped-def]
    from rag import Settings

    return Settings(home=tmp_path / "home", embedding_model="hash-256")


@pytest.fixture(scope="session")
def seeded(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The real packaged model over the real seeds, indexed once per test session."""
    from rag import Rag, Settings

    home = tmp_path_factory.mktemp("seeded")
    rag = Rag(Settings(home=home))
    report = rag.index([SEEDS])
    yield rag, report
    rag.close()


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    dest = tmp_path / "seeds"
    shutil.copytree(SEEDS, dest)
    return dest
