"""Tests of `rag eval` (eval/cli.py), run in-process on a tiny corpus with the hash embedder."""

from __future__ import annotations

import contextlib
import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from test_eval_runner import GOLD, write_corpus, write_gold

from eval import cli
from eval.metrics import DEFAULT_TOLERANCES, HEADLINE_METRICS
from rag import Rag, Settings

SUMMARY_KEYS = {
    "answer_accuracy", "retrieval_hit_at_5", "mrr", "ndcg_at_10", "citation_validity", "citation_support",
    "abstention_precision", "abstention_recall", "p50_ms", "p95_ms",
}


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """An indexed home, a gold file and a runs folder shared by the module's tests."""
    base = tmp_path_factory.mktemp("eval_cli")
    home = base / "home"
    rag = Rag(Settings(home=home, embedding_model="hash-256"))
    rag.index([write_corpus(base)])
    rag.close()
    return {"base": base, "home": home, "gold": write_gold(base / "gold.jsonl"), "runs": base / "runs"}


@pytest.fixture(autouse=True)
def env(monkeypatch: pytest.MonkeyPatch, workspace: dict[str, Path]) -> None:
    monkeypatch.setenv("RAG_HOME", str(workspace["home"]))
    monkeypatch.setenv("RAG_EMBEDDING_MODEL", "hash-256")


@pytest.fixture(scope="module")
def json_run(workspace: dict[str, Path]) -> dict[str, Any]:
    """One `rag eval --json` run: its exit code, parsed stdout and the run folder it wrote."""
    mp = pytest.MonkeyPatch()
    mp.setenv("RAG_HOME", str(workspace["home"]))
    mp.setenv("RAG_EMBEDDING_MODEL", "hash-256")
    out = workspace["base"] / "json_runs"
    buf = io.StringIO()
    try:
        with contextlib.redirect_stdout(buf):
            code = cli.main(["--json", "--gold", str(workspace["gold"]), "--out", str(out)])
    finally:
        mp.undo()
    (run_dir,) = list(out.iterdir())
    return {"code": code, "stdout": buf.getvalue(), "run_dir": run_dir}


def _args(workspace: dict[str, Path], *extra: str) -> list[str]:
    return ["--gold", str(workspace["gold"]), "--out", str(workspace["runs"]), *extra]


def test_json_output(json_run: dict[str, Any]) -> None:
    assert json_run["code"] == 0
    data = json.loads(json_run["stdout"])  # nothing but the JSON document on stdout
    assert set(data) == {"summary", "rows"}
    assert SUMMARY_KEYS <= set(data["summary"])
    assert [r["id"] for r in data["rows"]] == [g["id"] for g in GOLD]
    assert data["summary"]["n"] == 4
    assert (json_run["run_dir"] / "report.md").is_file()


def test_text_output_lists_tables_and_run_folder(workspace: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    code = cli.main(_args(workspace, "--curve", "--split", "test"))
    out = capsys.readouterr().out
    assert code == 0
    assert "answer_accuracy" in out and "abstention_recall" in out
    assert "unanswerable" in out and "number" in out  # the per-type table
    assert "threshold" in out and "0.35" in out  # the abstention curve
    assert "run folder: " in out
    run_dir = Path(out.split("run folder: ")[1].split()[0])
    assert (run_dir / "summary.json").is_file()
    assert json.loads((run_dir / "summary.json").read_text())["config"]["split"] == "test"


def test_baseline_written_then_equal_then_regressed(workspace: dict[str, Path], json_run: dict[str, Any],
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    baseline = workspace["base"] / "baseline.json"
    assert cli.main(_args(workspace, "--write-baseline", str(baseline))) == 0
    data = json.loads(baseline.read_text())
    assert set(data) >= {"summary", "tolerances", "gold", "created"}
    assert data["tolerances"] == DEFAULT_TOLERANCES and data["gold"] == str(workspace["gold"])
    capsys.readouterr()

    assert cli.main(_args(workspace, "--baseline", str(baseline), "--fail-on-regression")) == 0
    out = capsys.readouterr().out
    assert "no regressions" in out

    data["summary"]["answer_accuracy"] = 1.5  # unreachable, beyond the 0.02 tolerance
    data["summary"]["mrr"] = 1.5
    data["tolerances"] = {"mrr": 0.6}  # the file's tolerance overrides the default 0.02
    high = workspace["base"] / "high.json"
    high.write_text(json.dumps(data))
    assert cli.main(_args(workspace, "--baseline", str(high), "--fail-on-regression")) == 1
    out = capsys.readouterr().out
    assert "REGRESSION: answer_accuracy fell from 1.5000" in out
    assert "REGRESSION: mrr" not in out

    # without --fail-on-regression the regression is reported but the exit code stays 0
    assert cli.main(_args(workspace, "--json", "--baseline", str(high))) == 0
    captured = capsys.readouterr()
    assert set(json.loads(captured.out)) == {"summary", "rows"}
    assert "answer_accuracy fell" in captured.err


def test_compare_prints_deltas_and_flips(json_run: dict[str, Any], tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    run_a = json_run["run_dir"]
    run_b = tmp_path / "run_b"
    run_b.mkdir()
    rows = [json.loads(line) for line in (run_a / "rows.jsonl").read_text().splitlines()]
    assert rows[0]["abstained"] is False
    rows[0]["prediction"] = "Sometime in spring. [1]"  # t1 flips correct -> wrong
    (run_b / "rows.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))  # no summary.json: recomputed

    assert cli.main(["--compare", str(run_a), str(run_b)]) == 0
    out = capsys.readouterr().out
    assert "answer_accuracy" in out and "-0.2500" in out and "worse" in out
    assert "correct in A, wrong in B (1):" in out and "t1 [date]" in out
    assert "wrong in A, correct in B (0):" in out
    assert "paired bootstrap" in out and "McNemar: 0 fixed, 1 broken, p = 1.0000" in out

    assert cli.main(["--compare", str(run_a), str(run_b), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [f["id"] for f in data["broken"]] == ["t1"] and data["fixed"] == []
    assert data["deltas"]["answer_accuracy"]["delta"] == pytest.approx(-0.25)
    assert data["mcnemar"]["b10"] == 1 and data["n_paired"] == 4
    assert set(HEADLINE_METRICS) <= set(data["deltas"])


def test_errors_exit_nonzero(workspace: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--gold", str(tmp_path / "missing.jsonl")]) == 2
    assert "gold file not found" in capsys.readouterr().err
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(GOLD[0]) + "\n{oops\n")
    assert cli.main(["--gold", str(bad)]) == 2
    assert "line 2: invalid JSON" in capsys.readouterr().err
    assert cli.main(["--fail-on-regression"]) == 2
    assert cli.main(["--compare", str(tmp_path), str(tmp_path)]) == 2
    assert "not a run folder" in capsys.readouterr().err


def test_rag_cli_dispatches_to_eval(workspace: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    from rag.cli import main as rag_main

    code = rag_main(["eval", "--", "--json", "--split", "dev", *_args(workspace)])
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert [r["id"] for r in data["rows"]] == ["t1", "t2"]


def test_index_built_when_empty(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workspace: dict[str, Path],
                                capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("RAG_HOME", str(tmp_path / "fresh"))
    monkeypatch.chdir(workspace["base"])
    shutil.copytree(workspace["base"] / "docs", workspace["base"] / "seeds", dirs_exist_ok=True)
    code = cli.main(["--json", "--split", "dev", *_args(workspace)])
    captured = capsys.readouterr()
    assert code == 0
    assert "indexing seeds" in captured.err
    assert json.loads(captured.out)["summary"]["n"] == 2
