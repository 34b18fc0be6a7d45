"""Sanity checks for the gold question/answer set in eval/gold.jsonl.

The seed texts are read from the repository's seeds/ folder; set RAG_GOLD_SEEDS
to point at another copy (e.g. /work/shared/seeds) if needed.
"""
import json
import os
from collections import Counter
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
GOLD_PATH = REPO_ROOT / "eval" / "gold.jsonl"
SEEDS_DIR = Path(os.environ.get("RAG_GOLD_SEEDS", REPO_ROOT / "seeds"))

DOC_IDS = {
    "000_3400052cf046bda0",
    "001_c94472429a1dd2fc",
    "002_cac94a10d226ae88",
    "003_8cddab4abca9d9aa",
    "004_6eb74345262b4ace",
}
TYPES = {"date", "number", "entity", "list", "multi", "unanswerable"}
SPLITS = {"dev", "test"}
REQUIRED_KEYS = {"id", "question", "sources", "evidence", "type", "split"}
ALLOWED_KEYS = REQUIRED_KEYS | {"answers", "answers_all", "unanswerable"}


def _load_lines():
    return GOLD_PATH.read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="module")
def items():
    out = []
    for n, line in enumerate(_load_lines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:  # pragma: no cover - reported as failure
            pytest.fail(f"line {n} is not valid JSON: {exc}")
        assert isinstance(obj, dict), f"line {n} is not a JSON object"
        out.append(obj)
    return out


@pytest.fixture(scope="module")
def texts():
    found = {}
    for doc_id in DOC_IDS:
        path = SEEDS_DIR / f"{doc_id}.txt"
        if not path.exists():
            pytest.skip(f"seed text missing: {path}")
        found[doc_id] = path.read_text(encoding="utf-8")
    return found


def test_gold_file_exists():
    assert GOLD_PATH.is_file(), f"missing {GOLD_PATH}"


def test_every_line_parses():
    for n, line in enumerate(_load_lines(), 1):
        assert line.strip(), f"blank line {n}"
        assert isinstance(json.loads(line), dict), f"line {n} is not an object"


def test_ids_unique(items):
    ids = [it["id"] for it in items]
    dupes = [i for i, c in Counter(ids).items() if c > 1]
    assert not dupes, f"duplicate ids: {dupes}"


def test_keys_and_types(items):
    for it in items:
        iid = it.get("id")
        missing = REQUIRED_KEYS - it.keys()
        assert not missing, f"{iid}: missing keys {missing}"
        extra = it.keys() - ALLOWED_KEYS
        assert not extra, f"{iid}: unexpected keys {extra}"
        assert isinstance(it["id"], str) and it["id"], iid
        assert isinstance(it["question"], str) and it["question"].strip(), iid
        assert it["type"] in TYPES, f"{iid}: bad type {it['type']!r}"
        assert it["split"] in SPLITS, f"{iid}: bad split {it['split']!r}"
        assert isinstance(it["sources"], list), iid
        assert isinstance(it["evidence"], list), iid
        assert all(isinstance(e, str) and e for e in it["evidence"]), iid


def test_answer_fields(items):
    for it in items:
        iid = it["id"]
        has_ans = bool(it.get("answers"))
        has_all = bool(it.get("answers_all"))
        if it.get("unanswerable"):
            assert it["unanswerable"] is True, iid
            assert it["type"] == "unanswerable", f"{iid}: unanswerable item has type {it['type']}"
            assert not has_ans and not has_all, f"{iid}: unanswerable item has answers"
            assert it["sources"] == [] and it["evidence"] == [], f"{iid}: unanswerable item has sources/evidence"
        else:
            assert it["type"] != "unanswerable", f"{iid}: type unanswerable without flag"
            assert has_ans != has_all, f"{iid}: needs exactly one of answers / answers_all"
            key = "answers" if has_ans else "answers_all"
            vals = it[key]
            assert isinstance(vals, list), iid
            assert all(isinstance(v, str) and v.strip() for v in vals), f"{iid}: empty answer alias"
            assert it["sources"], f"{iid}: answerable item without sources"
            assert it["evidence"], f"{iid}: answerable item without evidence"


def test_sources_exist(items):
    for it in items:
        for src in it["sources"]:
            assert src in DOC_IDS, f"{it['id']}: unknown source {src!r}"
        assert len(set(it["sources"])) == len(it["sources"]), f"{it['id']}: duplicate sources"


def test_evidence_is_verbatim(items, texts):
    for it in items:
        for quote in it["evidence"]:
            assert any(quote in texts[src] for src in it["sources"]), (
                f"{it['id']}: evidence not found verbatim in {it['sources']}: {quote!r}"
            )


def test_multi_items_cite_each_source(items, texts):
    for it in items:
        if it["type"] != "multi":
            continue
        assert len(it["sources"]) >= 2, f"{it['id']}: multi item needs >= 2 sources"
        for src in it["sources"]:
            assert any(q in texts[src] for q in it["evidence"]), (
                f"{it['id']}: no evidence quote from source {src}"
            )


def test_coverage_minimums(items):
    types = Counter(it["type"] for it in items)
    splits = Counter(it["split"] for it in items)
    assert len(items) >= 60, f"only {len(items)} items"
    assert types["unanswerable"] >= 10, types
    multi = [it for it in items if it["type"] == "multi" and len(it["sources"]) >= 2]
    assert len(multi) >= 8, f"only {len(multi)} multi items with >= 2 sources"
    assert splits["dev"] > 0 and splits["test"] > 0, splits
    for t in ("date", "number", "entity", "list"):
        assert types[t] > 0, f"no {t} items"
    # every seed document is used by some answerable item
    used = {src for it in items for src in it["sources"]}
    assert used >= DOC_IDS - {"003_8cddab4abca9d9aa"}, used
