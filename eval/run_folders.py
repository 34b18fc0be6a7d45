"""Run folders: create one, write a run's rows, summary and report into it, and read it back."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from eval.metrics import summarize, summarize_by
from eval.runner import abstention_curve

ROWS_FILE = "rows.jsonl"
SUMMARY_FILE = "summary.json"
REPORT_FILE = "report.md"


def make_run_dir(base: str | Path = "eval/runs") -> Path:
    """Create a new, empty, timestamped run folder under ``base``.

    Args:
        base: The folder holding runs; created when missing.

    Returns:
        The new folder, e.g. ``eval/runs/20250101-120000`` (``-2``, ``-3``... appended on a clash).
    """
    root = Path(base)
    root.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    for n in range(1, 10_000):
        path = root / (stamp if n == 1 else f"{stamp}-{n}")
        try:
            path.mkdir()
        except FileExistsError:
            continue
        return path
    raise RuntimeError(f"cannot create a run folder under {root}")


def write_run(run_dir: str | Path, rows: Sequence[Mapping[str, Any]], summary: Mapping[str, Any],
              by_type: Mapping[str, Any], config: Mapping[str, Any]) -> Path:
    """Write a run: rows.jsonl, summary.json, report.md and its charts.

    Args:
        run_dir: The run folder (see :func:`make_run_dir`); created when missing.
        rows: Runner rows.
        summary: Their summary.
        by_type: Their summary per question type.
        config: What the run used (see :func:`eval.runner.run_config`).

    Returns:
        The path of report.md.
    """
    from eval.report import write_report

    out = Path(run_dir)
    out.mkdir(parents=True, exist_ok=True)
    by_split = summarize_by(rows, "split")
    with (out / ROWS_FILE).open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    data = {"summary": dict(summary), "by_type": dict(by_type), "by_split": by_split, "config": dict(config)}
    (out / SUMMARY_FILE).write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    curve = abstention_curve(rows)
    return write_report(out, rows, summary, by_type, by_split, config, curve)


def load_run(path: str | Path) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Read a run folder written by :func:`write_run`.

    Args:
        path: The run folder (or any file inside it).

    Returns:
        (rows, summary); the summary is recomputed from the rows when summary.json is missing.

    Raises:
        FileNotFoundError: If the folder has no rows.jsonl.
        ValueError: If a line of rows.jsonl is not valid JSON.
    """
    folder = Path(path)
    if folder.is_file():
        folder = folder.parent
    rows_path = folder / ROWS_FILE
    if not rows_path.is_file():
        raise FileNotFoundError(f"not a run folder (no {ROWS_FILE}): {folder}")
    rows = []
    for lineno, line in enumerate(rows_path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as e:
                raise ValueError(f"{rows_path} line {lineno}: invalid JSON: {e.msg}") from e
    summary_path = folder / SUMMARY_FILE
    if summary_path.is_file():
        summary = dict(json.loads(summary_path.read_text(encoding="utf-8")).get("summary") or {})
    else:
        summary = summarize(rows)
    return rows, summary
