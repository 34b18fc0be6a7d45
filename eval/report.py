"""Markdown reports and terminal tables for evaluation runs (the charts are in eval/charts.py)."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from eval.metrics import HEADLINE_METRICS, answer_correct, percentile

log = logging.getLogger(__name__)

TYPE_METRICS: tuple[str, ...] = (
    "n", "answer_accuracy", "token_f1", "retrieval_hit_at_5", "mrr", "citation_support", "citation_validity",
)
"""Columns of the per-type and per-split tables."""

ABLATION_METRICS: tuple[str, ...] = (
    "answer_accuracy", "retrieval_hit_at_1", "retrieval_hit_at_5", "mrr", "ndcg_at_10", "citation_support",
    "abstention_precision", "abstention_recall", "p50_ms", "p95_ms",
)
"""Columns of the ablation table."""

LATENCY_KEYS: tuple[tuple[str, str], ...] = (("retrieve", "retrieve_"), ("answer", "answer_"), ("total", ""))

LABELS: dict[str, str] = {
    "n": "n",
    "answer_accuracy": "accuracy",
    "token_f1": "F1",
    "retrieval_hit_at_1": "hit@1",
    "retrieval_hit_at_3": "hit@3",
    "retrieval_hit_at_5": "hit@5",
    "retrieval_hit_at_10": "hit@10",
    "mrr": "MRR",
    "ndcg_at_10": "nDCG@10",
    "citation_validity": "cite valid",
    "citation_support": "cite support",
    "abstention_precision": "abst P",
    "abstention_recall": "abst R",
    "p50_ms": "p50 ms",
    "p95_ms": "p95 ms",
}


# ---------------------------------------------------------------------------
# Values and rows
# ---------------------------------------------------------------------------


def fmt_value(name: str, value: Any) -> str:
    """A metric value as text: counts as integers, latencies with one decimal, rates with three (pure).

    Args:
        name: The metric's key.
        value: Its value.

    Returns:
        The formatted text; ``-`` for a missing value.
    """
    if value is None:
        return "-"
    if not isinstance(value, int | float) or isinstance(value, bool):
        return str(value)
    if name == "n" or name.startswith("n_") or name == "false_abstentions":
        return str(int(value))
    if name.endswith("_ms") or name == "median_answer_words":
        return f"{value:.1f}"
    return f"{value:.3f}"


def expected_text(row: Mapping[str, Any]) -> str:
    """What a row should have answered, for humans (pure).

    Args:
        row: A runner row.

    Returns:
        ``"(abstain)"`` for unanswerable rows, the aliases joined by `` | ``
        (any one), or the required parts joined by `` + `` (all of them).
    """
    if row.get("unanswerable"):
        return "(abstain)"
    if row.get("answers"):
        return " | ".join(row["answers"])
    return " + ".join(row.get("answers_all") or [])


def got_text(row: Mapping[str, Any], limit: int | None = None) -> str:
    """What a row's system answered, on one line (pure).

    Args:
        row: A runner row.
        limit: Cut the text to this many characters (with an ellipsis).

    Returns:
        ``"(abstained)"``, ``"(error: ...)"`` or the prediction with whitespace collapsed.
    """
    if row.get("error"):
        text = f"(error: {row['error']})"
    elif row.get("abstained"):
        text = f"(abstained, confidence {float(row.get('confidence') or 0.0):.3f})"
    else:
        text = " ".join(str(row.get("prediction") or "").split())
    if limit is not None and len(text) > limit:
        text = text[: max(0, limit - 1)] + "…"
    return text


def failures(rows: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The rows answered wrongly (see :func:`eval.metrics.answer_correct`), in order (pure).

    Args:
        rows: Runner rows.

    Returns:
        The failing rows.
    """
    return [r for r in rows if answer_correct(r) < 1.0]


def latency_stats(rows: Sequence[Mapping[str, Any]]) -> dict[str, dict[str, float]]:
    """p50, p95, mean and max per timing stage (pure).

    Args:
        rows: Runner rows with ``timings_ms``.

    Returns:
        stage (``retrieve``, ``answer``, ``total``) -> ``{p50, p95, mean, max}`` in ms.
    """
    out: dict[str, dict[str, float]] = {}
    for stage, _ in LATENCY_KEYS:
        values = [float(v) for r in rows if (v := (r.get("timings_ms") or {}).get(stage)) is not None]
        out[stage] = {
            "p50": percentile(values, 50),
            "p95": percentile(values, 95),
            "mean": sum(values) / len(values) if values else 0.0,
            "max": max(values, default=0.0),
        }
    return out


# ---------------------------------------------------------------------------
# Plain-text and markdown tables
# ---------------------------------------------------------------------------


def _text_table(header: Sequence[str], body: Sequence[Sequence[str]]) -> str:
    widths = [max(len(str(x)) for x in col) for col in zip(header, *body, strict=True)]
    lines = ["  ".join(str(h).ljust(w) for h, w in zip(header, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for row in body:
        cells = [str(c).ljust(w) if i == 0 else str(c).rjust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True))]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def _md_table(header: Sequence[str], body: Sequence[Sequence[str]]) -> str:
    align = ["---"] + ["---:"] * (len(header) - 1)
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(align) + " |"]
    lines.extend("| " + " | ".join(str(c).replace("|", "\\|") for c in row) + " |" for row in body)
    return "\n".join(lines)


def _summary_body(summary: Mapping[str, Any], metrics: Sequence[str] | None) -> list[list[str]]:
    names = list(metrics) if metrics is not None else [*HEADLINE_METRICS, "p50_ms", "p95_ms"]
    return [[name, fmt_value(name, summary.get(name))] for name in names if name in summary]


def format_table(summary: Mapping[str, Any], metrics: Sequence[str] | None = None) -> str:
    """A two-column metric/value table of a summary, for the terminal (pure).

    Args:
        summary: A summary (see :func:`eval.metrics.summarize`).
        metrics: The keys to show, in order; default the headline metrics, then p50/p95 latency.

    Returns:
        The table as text, without a trailing newline.
    """
    return _text_table(["metric", "value"], _summary_body(summary, metrics))


def applicable(summary: Mapping[str, Any], metric: str) -> bool:
    """Whether a summary's metric was measured on any row (a mean over no rows reads 0.0) (pure).

    Args:
        summary: A summary (see :func:`eval.metrics.summarize`).
        metric: The metric's key.

    Returns:
        False for retrieval metrics without evidence rows, answer-quality metrics
        without answerable rows and citation metrics without citations; True otherwise.
    """
    def count(key: str) -> float:
        return float(summary.get(key, 1) or 0)

    if metric.startswith("retrieval_hit_at_") or metric in ("mrr", "ndcg_at_10"):
        return count("n_retrieval") > 0
    if metric in ("token_f1", "doc_recall_at_5"):
        return count("n_answerable") > 0
    if metric in ("citation_support", "cited_doc_precision"):
        return count("n_answerable") > 0 and count("n_citations") > 0
    if metric == "citation_validity":
        return count("n_citations") > 0
    return True


def _group_body(groups: Mapping[str, Mapping[str, Any]], metrics: Sequence[str]) -> list[list[str]]:
    return [
        [name, *(fmt_value(m, g.get(m)) if applicable(g, m) else "-" for m in metrics)]
        for name, g in groups.items()
    ]


def format_group_table(groups: Mapping[str, Mapping[str, Any]], metrics: Sequence[str] = TYPE_METRICS,
                       label: str = "type") -> str:
    """A table with one line per group (question type, split, configuration), for the terminal (pure).

    Args:
        groups: group name -> summary.
        metrics: The columns.
        label: The heading of the first column.

    Returns:
        The table as text; ``-`` marks a metric that no row of the group measured.
    """
    return _text_table([label, *(LABELS.get(m, m) for m in metrics)], _group_body(groups, metrics))


def markdown_group_table(groups: Mapping[str, Mapping[str, Any]], metrics: Sequence[str] = TYPE_METRICS,
                         label: str = "type") -> str:
    """The markdown version of :func:`format_group_table` (pure).

    Args:
        groups: group name -> summary.
        metrics: The columns.
        label: The heading of the first column.

    Returns:
        A GitHub-flavoured markdown table.
    """
    return _md_table([label, *(LABELS.get(m, m) for m in metrics)], _group_body(groups, metrics))


def format_ablation(results: Mapping[str, Mapping[str, Any]], metrics: Sequence[str] = ABLATION_METRICS) -> str:
    """The ablation results as a markdown table, readable in a terminal and ready for the README (pure).

    Args:
        results: configuration name -> summary (see :func:`eval.runner.ablation`).
        metrics: The columns.

    Returns:
        A markdown table.
    """
    return markdown_group_table(results, metrics, label="configuration")


def format_curve(curve: Sequence[Mapping[str, Any]]) -> str:
    """The abstention curve as a terminal table (pure).

    Args:
        curve: See :func:`eval.runner.abstention_curve`.

    Returns:
        The table as text.
    """
    keys = ("threshold", "precision", "recall", "false_abstentions", "answer_accuracy")
    body = [[f"{p['threshold']:.2f}", *(fmt_value(k, p[k]) for k in keys[1:])] for p in curve]
    return _text_table(list(keys), body)


def format_failures(rows: Sequence[Mapping[str, Any]], limit: int | None = None, width: int = 160) -> str:
    """The failing questions with what was expected and what came back, for the terminal (pure).

    Args:
        rows: Runner rows (all of them; the failures are picked here).
        limit: Show at most this many.
        width: Cut answers to this many characters.

    Returns:
        The listing, or a line saying there were none.
    """
    failed = failures(rows)
    if not failed:
        return "no failures"
    shown = failed if limit is None else failed[:limit]
    lines = [f"{len(failed)} failure(s)" + (f", first {len(shown)}:" if len(shown) < len(failed) else ":")]
    for r in shown:
        lines.append(f"- {r.get('id')} [{r.get('type')}] {r.get('question')}")
        lines.append(f"    expected: {expected_text(r)}")
        lines.append(f"    got:      {got_text(r, width)}")
    return "\n".join(lines)


# ---------------------------------------------------------------------------
# The report
# ---------------------------------------------------------------------------


def markdown_report(rows: Sequence[Mapping[str, Any]], summary: Mapping[str, Any],
                    by_type: Mapping[str, Mapping[str, Any]], by_split: Mapping[str, Mapping[str, Any]],
                    config: Mapping[str, Any], curve: Sequence[Mapping[str, Any]],
                    charts: Mapping[str, str] | None = None) -> str:
    """The run report as markdown (pure).

    Args:
        rows: Runner rows.
        summary: Their summary.
        by_type: Summary per question type.
        by_split: Summary per split.
        config: What the run used.
        curve: The abstention curve.
        charts: chart key (see :data:`eval.charts.CHART_FILES`) -> path relative to the report.

    Returns:
        The markdown text.
    """
    charts = dict(charts or {})
    out: list[str] = ["# Evaluation report", ""]
    settings = ", ".join(f"{k}={v}" for k, v in config.items() if v is not None)
    out += [f"Configuration: {settings}", ""]
    counts = ", ".join(f"{k} {fmt_value(k, summary.get(k))}" for k in
                       ("n", "n_answerable", "n_unanswerable", "n_retrieval", "n_citations") if k in summary)
    out += [f"Questions: {counts}", ""]

    out += ["## Headline metrics", ""]
    names = [*HEADLINE_METRICS, "token_f1", "retrieval_hit_at_1", "retrieval_hit_at_10", "doc_recall_at_5",
             "cited_doc_precision", "false_abstentions", "median_answer_words"]
    out += [_md_table(["metric", "value"], _summary_body(summary, names)), ""]

    out += ["## Per question type", "", markdown_group_table(by_type), ""]
    if "by_type" in charts:
        out += [f"![Metrics per question type]({charts['by_type']})", ""]
    out += ["## Per split", "", markdown_group_table(by_split, label="split"), ""]

    out += ["## Latency", ""]
    stats = latency_stats(rows)
    body = [[stage, *(f"{stats[stage][k]:.1f}" for k in ("p50", "p95", "mean", "max"))] for stage, _ in LATENCY_KEYS]
    out += [_md_table(["stage", "p50 ms", "p95 ms", "mean ms", "max ms"], body), ""]
    if "latency" in charts:
        out += [f"![Latency distribution]({charts['latency']})", ""]

    out += ["## Abstention vs confidence threshold", ""]
    if config.get("abstain_threshold") is not None:
        out += [f"Configured threshold: {config['abstain_threshold']}", ""]
    body = [[f"{p['threshold']:.2f}", *(fmt_value(k, p[k]) for k in
                                        ("precision", "recall", "false_abstentions", "answer_accuracy"))] for p in curve]
    out += [_md_table(["threshold", "precision", "recall", "false abstentions", "accuracy"], body), ""]
    if "abstention" in charts:
        out += [f"![Abstention precision and recall vs threshold]({charts['abstention']})", ""]

    failed = failures(rows)
    out += [f"## Failures ({len(failed)})", ""]
    if not failed:
        out += ["None.", ""]
    for r in failed:
        out += [
            f"- **{r.get('id')}** ({r.get('type')}, {r.get('split')}): {r.get('question')}",
            f"  - expected: {expected_text(r)}",
            f"  - got: {got_text(r)}",
        ]
    out.append("")
    return "\n".join(out)


def write_report(run_dir: Path, rows: Sequence[Mapping[str, Any]], summary: Mapping[str, Any],
                 by_type: Mapping[str, Mapping[str, Any]], by_split: Mapping[str, Mapping[str, Any]],
                 config: Mapping[str, Any], curve: Sequence[Mapping[str, Any]]) -> Path:
    """Write report.md and its charts into ``run_dir``.

    Args:
        run_dir: The run folder.
        rows: Runner rows.
        summary: Their summary.
        by_type: Summary per question type.
        by_split: Summary per split.
        config: What the run used.
        curve: The abstention curve.

    Returns:
        The path of report.md.
    """
    from eval.charts import write_charts  # matplotlib only when a report is written

    threshold = config.get("abstain_threshold")
    charts = write_charts(run_dir, rows, by_type, curve, float(threshold) if threshold is not None else None)
    path = run_dir / "report.md"
    path.write_text(markdown_report(rows, summary, by_type, by_split, config, curve, charts), encoding="utf-8")
    log.info("wrote %s", path)
    return path
