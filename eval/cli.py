"""The `rag eval` command: run the gold set, report, compare runs, guard against regressions."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from eval.compare import (
    baseline_summary,
    baseline_tolerances,
    compare_runs,
    format_baseline_check,
    format_comparison,
    make_baseline,
)
from eval.data import GoldError, load_gold
from eval.metrics import (
    regressions,
    summarize,
    summarize_by,
)
from eval.report import (
    format_ablation,
    format_curve,
    format_failures,
    format_group_table,
    format_table,
)
from eval.run_folders import load_run, make_run_dir, write_run
from eval.runner import ablation, abstention_curve, run_config, run_eval
from rag import (
    ConfigError,
    Rag,
    RagError,
    Settings,
    exit_code,
)

log = logging.getLogger(__name__)

DEFAULT_GOLD = "eval/gold.jsonl"
DEFAULT_RUNS = "eval/runs"
SEEDS = "seeds"

EXIT_REGRESSION = 1
EXIT_USAGE = 2
EXIT_CONFIG = 3


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of `rag eval`.

    Returns:
        The parser.
    """
    p = argparse.ArgumentParser(
        prog="rag eval",
        description="Run the gold questions through the system and report answer, retrieval, citation, "
                    "abstention and latency metrics.",
    )
    p.add_argument("--gold", default=DEFAULT_GOLD, help=f"gold JSONL file (default {DEFAULT_GOLD})")
    p.add_argument("--json", action="store_true", help='print {"summary": ..., "rows": [...]} and nothing else')
    p.add_argument("--retriever", choices=["dense", "lexical", "hybrid"], help="override RAG_RETRIEVER")
    p.add_argument("--model", help="override RAG_MODEL (a litellm model string)")
    p.add_argument("--split", choices=["dev", "test"], help="only this split of the gold set")
    p.add_argument("--out", default=DEFAULT_RUNS, help=f"folder for run folders (default {DEFAULT_RUNS})")
    p.add_argument("--baseline", metavar="FILE", help="compare the headline metrics with this baseline")
    p.add_argument("--fail-on-regression", action="store_true",
                   help="exit 1 when a headline metric is worse than the baseline by more than its tolerance")
    p.add_argument("--write-baseline", metavar="FILE", help="write this run's summary as a baseline file")
    p.add_argument("--compare", nargs=2, metavar=("RUN_A", "RUN_B"),
                   help="compare two run folders (A = base, B = candidate) without running anything")
    p.add_argument("--ablation", action="store_true",
                   help="evaluate dense, lexical, hybrid, hybrid+rerank and hybrid+rerank+collapse")
    p.add_argument("--curve", action="store_true", help="print the abstention curve over confidence thresholds")
    p.add_argument("-v", "--verbose", action="store_true", help="log progress")
    return p


# ---------------------------------------------------------------------------
# Pure helpers
# ---------------------------------------------------------------------------


# ---------------------------------------------------------------------------
# Commands
# ---------------------------------------------------------------------------


def _read_json(path: str) -> dict[str, Any]:
    p = Path(path)
    if not p.is_file():
        raise FileNotFoundError(f"file not found: {p}")
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except ValueError as e:
        raise ValueError(f"{p} is not valid JSON: {e}") from e
    if not isinstance(data, dict):
        raise ValueError(f"{p} must hold a JSON object")
    return data


def _seeds_dir() -> Path:
    here = Path(SEEDS)
    return here if here.is_dir() else Path(__file__).resolve().parents[1] / SEEDS


def open_rag(args: argparse.Namespace, err: TextIO) -> Rag:
    overrides = {key: getattr(args, key) for key in ("model", "retriever") if getattr(args, key)}
    try:
        settings = Settings(**overrides)
    except ValueError as e:  # pydantic's ValidationError is a ValueError
        raise ConfigError(f"invalid settings: {e}") from e
    rag = Rag(settings)
    if rag.status()["documents"] == 0:
        seeds = _seeds_dir()
        print(f"the index at {settings.home} is empty: indexing {seeds}", file=err)
        report = rag.index([seeds])
        print(f"indexed {report.documents} documents, {report.chunks} chunks", file=err)
    return rag


def cmd_compare(args: argparse.Namespace) -> int:
    """Compare two run folders and print the result.

    Args:
        args: Parsed arguments with ``compare`` and ``json``.

    Returns:
        The exit code.
    """
    a, b = args.compare
    rows_a, summary_a = load_run(a)
    rows_b, summary_b = load_run(b)
    result = compare_runs(rows_a, summary_a, rows_b, summary_b)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print(format_comparison(result, a, b))
    return 0


def cmd_ablation(args: argparse.Namespace, gold: list[dict[str, Any]]) -> int:
    """Run the ablation configurations, print the table and write it to a run folder.

    Args:
        args: Parsed arguments.
        gold: The gold items.

    Returns:
        The exit code.
    """
    err = sys.stderr
    rag = open_rag(args, err)
    try:
        if not args.json:
            print(f"ablation: {len(gold)} questions x 5 configurations", file=err)
        results = ablation(rag, gold, model=args.model, split=args.split)
    finally:
        rag.close()
    run_dir = make_run_dir(args.out)
    table = format_ablation(results)
    (run_dir / "ablation.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    (run_dir / "ablation.md").write_text(f"# Retrieval ablation\n\n{table}\n", encoding="utf-8")
    if args.json:
        print(json.dumps({"ablation": results}, indent=2))
    else:
        print(table)
        print(f"\nrun folder: {run_dir}")
    return 0


def cmd_eval(args: argparse.Namespace, gold: list[dict[str, Any]]) -> int:
    """Run the evaluation, write the run folder, print the results, check the baseline.

    Args:
        args: Parsed arguments.
        gold: The gold items.

    Returns:
        0, or 1 when ``--fail-on-regression`` found a regression.
    """
    out: TextIO = sys.stderr if args.json else sys.stdout
    baseline = _read_json(args.baseline) if args.baseline else None
    rag = open_rag(args, sys.stderr)
    try:
        if not args.json:
            n = sum(1 for g in gold if args.split is None or g.get("split") == args.split)
            print(f"evaluating {n} questions ...", file=sys.stderr)
        rows = run_eval(rag, gold, model=args.model, retriever=args.retriever, split=args.split)
        config = run_config(rag, model=args.model, retriever=args.retriever, split=args.split, gold=args.gold)
    finally:
        rag.close()
    summary = summarize(rows)
    by_type = summarize_by(rows, "type")
    run_dir = make_run_dir(args.out)
    report = write_run(run_dir, rows, summary, by_type, config)

    if args.json:
        print(json.dumps({"summary": summary, "rows": rows}, ensure_ascii=False))
    else:
        print(format_table(summary))
        print()
        print(format_group_table(by_type))
        print()
        print(format_group_table(summarize_by(rows, "split"), label="split"))
        print()
        print(format_failures(rows))
        print()
    if args.curve:
        print(format_curve(abstention_curve(rows)), file=out)
        print(file=out)

    if args.write_baseline:
        path = Path(args.write_baseline)
        path.parent.mkdir(parents=True, exist_ok=True)
        data = make_baseline(summary, args.gold, config)
        path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        print(f"wrote baseline {path}", file=out)

    code = 0
    if baseline is not None:
        base = baseline_summary(baseline)
        messages = regressions(base, summary, baseline_tolerances(baseline))
        if baseline.get("gold") and str(baseline["gold"]) != str(args.gold):
            print(f"warning: the baseline was made with gold {baseline['gold']}, this run uses {args.gold}",
                  file=sys.stderr)
        split = (baseline.get("config") or {}).get("split")
        if split != args.split and "config" in baseline:
            print(f"warning: the baseline was made on split {split or 'all'}, this run on {args.split or 'all'}",
                  file=sys.stderr)
        print(format_baseline_check(base, summary, messages), file=out)
        if messages and args.fail_on_regression:
            code = EXIT_REGRESSION
    print(f"run folder: {run_dir}", file=out)
    print(f"report: {report}", file=out)
    return code


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `rag eval`.

    Args:
        argv: The arguments after ``eval`` (default: ``sys.argv[1:]``); a leading ``--`` is dropped.

    Returns:
        The exit code: 0 ok, 1 regression (with ``--fail-on-regression``) or
        other failure, 2 bad input or usage, 3 configuration error.
    """
    parser = build_parser()
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments[:1] == ["--"]:  # `rag eval -- --json ...`: rag's parser hands the separator on
        arguments = arguments[1:]
    try:
        args = parser.parse_args(arguments)
    except SystemExit as e:  # --help, or a usage error already printed by argparse
        return int(e.code or 0)
    if args.fail_on_regression and not args.baseline:
        print("error: --fail-on-regression needs --baseline FILE", file=sys.stderr)
        return EXIT_USAGE
    if args.verbose:
        logging.basicConfig(format="%(levelname)s %(name)s: %(message)s")
        logging.getLogger("eval").setLevel(logging.INFO)
    try:
        if args.compare:
            return cmd_compare(args)
        gold = load_gold(args.gold)
        if args.ablation:
            return cmd_ablation(args, gold)
        return cmd_eval(args, gold)
    except RagError as e:
        print(f"error: {e}", file=sys.stderr)
        return exit_code(e)
    except (GoldError, FileNotFoundError, ValueError) as e:
        print(f"error: {e}", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
