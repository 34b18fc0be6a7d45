"""The `rag eval` command: run the gold set, report, compare runs, guard against regressions."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, TextIO

from eval.data import GoldError, load_gold
from eval.metrics import (
    DEFAULT_TOLERANCES,
    HEADLINE_METRICS,
    answer_correct,
    compare_summaries,
    lower_is_better,
    mcnemar,
    paired_bootstrap,
    regressions,
    summarize,
    summarize_by,
)
from eval.report import (
    fmt_value,
    format_ablation,
    format_curve,
    format_failures,
    format_group_table,
    format_table,
    got_text,
)
from eval.runner import ablation, abstention_curve, load_run, make_run_dir, run_config, run_eval, write_run
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


def baseline_tolerances(baseline: Mapping[str, Any]) -> dict[str, float]:
    """The default tolerances overridden by those of a baseline file (pure).

    Args:
        baseline: A parsed baseline file.

    Returns:
        metric -> tolerance.
    """
    return {**DEFAULT_TOLERANCES, **{str(k): float(v) for k, v in (baseline.get("tolerances") or {}).items()}}


def baseline_summary(baseline: Mapping[str, Any]) -> dict[str, Any]:
    """The summary held by a baseline file, or by a run's summary.json (pure).

    Args:
        baseline: A parsed baseline file; a bare summary dict also works.

    Returns:
        The summary.
    """
    inner = baseline.get("summary")
    return dict(inner) if isinstance(inner, Mapping) else dict(baseline)


def make_baseline(summary: Mapping[str, Any], gold: str, config: Mapping[str, Any] | None = None,
                  tolerances: Mapping[str, float] | None = None) -> dict[str, Any]:
    """The content of a baseline file (pure but for the timestamp).

    Args:
        summary: The run's summary.
        gold: The gold file's path.
        config: What the run used.
        tolerances: Per-metric tolerances; default :data:`eval.metrics.DEFAULT_TOLERANCES`.

    Returns:
        ``{"summary", "tolerances", "gold", "created", "config"}``.
    """
    return {
        "summary": dict(summary),
        "tolerances": dict(tolerances or DEFAULT_TOLERANCES),
        "gold": gold,
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "config": dict(config or {}),
    }


def compare_runs(rows_a: Sequence[Mapping[str, Any]], summary_a: Mapping[str, Any],
                 rows_b: Sequence[Mapping[str, Any]], summary_b: Mapping[str, Any],
                 n_resamples: int = 10000) -> dict[str, Any]:
    """Compare a base run (A) with a candidate run (B) (pure).

    Questions are paired by id; only ids present in both runs are paired.

    Args:
        rows_a: Rows of the base run.
        summary_a: Summary of the base run.
        rows_b: Rows of the candidate run.
        summary_b: Summary of the candidate run.
        n_resamples: Bootstrap resamples.

    Returns:
        ``deltas`` (see :func:`eval.metrics.compare_summaries`), ``fixed`` and
        ``broken`` (questions wrong in A and right in B, and the reverse, as
        ``{id, question, type, a, b}``), ``n_paired``, ``only_a``/``only_b``
        (unpaired ids), ``bootstrap`` (paired bootstrap of per-question
        correctness) and ``mcnemar``.

    Raises:
        ValueError: If the runs share no question id.
    """
    by_id_b = {str(r.get("id")): r for r in rows_b}
    ids_a = [str(r.get("id")) for r in rows_a]
    paired = [(r, by_id_b[str(r.get("id"))]) for r in rows_a if str(r.get("id")) in by_id_b]
    if not paired:
        raise ValueError("the two runs have no question in common")
    a_correct = [answer_correct(a) for a, _ in paired]
    b_correct = [answer_correct(b) for _, b in paired]

    def flip(a: Mapping[str, Any], b: Mapping[str, Any]) -> dict[str, Any]:
        return {"id": a.get("id"), "question": a.get("question"), "type": a.get("type"),
                "a": got_text(a, 120), "b": got_text(b, 120)}

    fixed = [flip(a, b) for (a, b), x, y in zip(paired, a_correct, b_correct, strict=True) if not x and y]
    broken = [flip(a, b) for (a, b), x, y in zip(paired, a_correct, b_correct, strict=True) if x and not y]
    return {
        "deltas": compare_summaries(summary_a, summary_b),
        "n_paired": len(paired),
        "only_a": [i for i in ids_a if i not in by_id_b],
        "only_b": [i for i in by_id_b if i not in set(ids_a)],
        "fixed": fixed,
        "broken": broken,
        "bootstrap": paired_bootstrap(a_correct, b_correct, n_resamples=n_resamples),
        "mcnemar": mcnemar(a_correct, b_correct),
    }


def format_comparison(result: Mapping[str, Any], name_a: str = "A", name_b: str = "B") -> str:
    """A comparison from :func:`compare_runs` as text (pure).

    Args:
        result: The comparison.
        name_a: What to call the base run.
        name_b: What to call the candidate run.

    Returns:
        Per-metric deltas, flipped questions and the significance tests.
    """
    deltas = result["deltas"]
    names = [m for m in HEADLINE_METRICS if m in deltas] + [m for m in deltas if m not in HEADLINE_METRICS]
    header = ["metric", "A", "B", "delta", ""]
    body = []
    for m in names:
        d = deltas[m]
        if m == "n" or m.startswith("n_") or m == "median_answer_words":
            verdict = ""
        elif d["delta"] == 0:
            verdict = "="
        else:
            verdict = "better" if (d["delta"] < 0) == lower_is_better(m) else "worse"
        body.append([m, fmt_value(m, d["base"]), fmt_value(m, d["cand"]), f"{d['delta']:+.4f}", verdict])
    widths = [max(len(str(x)) for x in col) for col in zip(header, *body, strict=True)]
    lines = [f"A = {name_a}", f"B = {name_b}", ""]
    lines.append("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip())
    lines.append("  ".join("-" * w for w in widths))
    for row in body:
        lines.append("  ".join(c.ljust(w) if i in (0, 4) else c.rjust(w)
                               for i, (c, w) in enumerate(zip(row, widths, strict=True))).rstrip())
    lines.append("")
    lines.append(f"{result['n_paired']} paired questions"
                 + (f"; only in A: {len(result['only_a'])}" if result["only_a"] else "")
                 + (f"; only in B: {len(result['only_b'])}" if result["only_b"] else ""))
    if result["only_a"] or result["only_b"]:
        lines.append("note: the runs cover different questions, so the metric deltas above are not like for like;"
                     " the flips and tests below use the paired questions only")
    for key, title in (("fixed", "wrong in A, correct in B"), ("broken", "correct in A, wrong in B")):
        lines.append(f"{title} ({len(result[key])}):")
        for f in result[key]:
            lines.append(f"  {f['id']} [{f['type']}] {f['question']}")
            lines.append(f"      A: {f['a']}")
            lines.append(f"      B: {f['b']}")
    bs, mn = result["bootstrap"], result["mcnemar"]
    lines.append("")
    lines.append(f"paired bootstrap (accuracy): delta {bs['delta']:+.4f}, 95% CI [{bs['ci_low']:+.4f}, "
                 f"{bs['ci_high']:+.4f}], p = {bs['p_value']:.4f} ({bs['n_resamples']} resamples)")
    lines.append(f"McNemar: {mn['b01']} fixed, {mn['b10']} broken, p = {mn['p_value']:.4f}")
    return "\n".join(lines)


def format_baseline_check(base: Mapping[str, Any], cand: Mapping[str, Any], messages: Sequence[str]) -> str:
    """Headline metrics of the baseline and this run, then each regression (pure).

    Args:
        base: The baseline's summary.
        cand: This run's summary.
        messages: The regressions found (see :func:`eval.metrics.regressions`).

    Returns:
        The text.
    """
    deltas = compare_summaries({m: base[m] for m in HEADLINE_METRICS if m in base}, cand)
    lines = ["baseline comparison:"]
    for m, d in deltas.items():
        lines.append(f"  {m:<22} {d['base']:.4f} -> {d['cand']:.4f} ({d['delta']:+.4f})")
    if messages:
        lines += [f"REGRESSION: {msg}" for msg in messages]
    else:
        lines.append("no regressions against the baseline")
    return "\n".join(lines)


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


def _open_rag(args: argparse.Namespace, err: TextIO) -> Rag:
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
    rag = _open_rag(args, err)
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
    rag = _open_rag(args, sys.stderr)
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
