"""Matplotlib charts of an evaluation run: metrics per question type, latency, abstention curve."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from eval.metrics import percentile
from eval.report import LABELS

CHART_METRICS: tuple[str, ...] = ("answer_accuracy", "token_f1", "retrieval_hit_at_5", "citation_support")
"""Metrics drawn per question type in the bar chart."""

CHART_FILES: dict[str, str] = {
    "by_type": "metrics_by_type.png",
    "latency": "latency_hist.png",
    "abstention": "abstention_curve.png",
}


def _figure(width: float = 7.0, height: float = 4.0):  # type: ignore[no-untyped-def]
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=100)
    FigureCanvasAgg(fig)
    return fig


def chart_by_type(by_type: Mapping[str, Mapping[str, Any]], path: Path,
                  metrics: Sequence[str] = CHART_METRICS) -> Path:
    """Grouped bar chart of metrics per question type, saved as PNG.

    Args:
        by_type: type -> summary.
        path: Where to save it.
        metrics: The bars of each group.

    Returns:
        ``path``.
    """
    fig = _figure(max(6.0, 1.3 * len(by_type) + 2), 4.0)
    ax = fig.add_subplot(1, 1, 1)
    names = list(by_type)
    width = 0.8 / max(1, len(metrics))
    for j, metric in enumerate(metrics):
        xs = [i + (j - (len(metrics) - 1) / 2) * width for i in range(len(names))]
        ax.bar(xs, [float(by_type[n].get(metric, 0.0)) for n in names], width, label=LABELS.get(metric, metric))
    ax.set_xticks(range(len(names)))
    ax.set_xticklabels([f"{n}\n(n={int(by_type[n].get('n', 0))})" for n in names])
    ax.set_ylim(0, 1.05)
    ax.set_ylabel("score")
    ax.set_title("Metrics per question type")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=len(metrics), fontsize="small", frameon=False)
    fig.tight_layout()
    fig.savefig(path)
    return path


def chart_latency(rows: Sequence[Mapping[str, Any]], path: Path) -> Path:
    """Histogram of total latency per question, with p50 and p95 marked, saved as PNG.

    Args:
        rows: Runner rows with ``timings_ms``.
        path: Where to save it.

    Returns:
        ``path``.
    """
    values = [float(v) for r in rows if (v := (r.get("timings_ms") or {}).get("total")) is not None]
    fig = _figure()
    ax = fig.add_subplot(1, 1, 1)
    if values:
        ax.hist(values, bins=min(30, max(5, len(values) // 3)), color="tab:blue", alpha=0.8)
        for p, style in ((50, "--"), (95, ":")):
            x = percentile(values, p)
            ax.axvline(x, color="black", linestyle=style, label=f"p{p} = {x:.1f} ms")
        ax.legend()
    else:
        ax.text(0.5, 0.5, "no timings", ha="center", va="center", transform=ax.transAxes)
    ax.set_xlabel("total latency per question (ms)")
    ax.set_ylabel("questions")
    ax.set_title("Latency distribution")
    fig.tight_layout()
    fig.savefig(path)
    return path


def chart_abstention(curve: Sequence[Mapping[str, Any]], path: Path, threshold: float | None = None) -> Path:
    """Abstention precision, recall and answer accuracy against the confidence threshold, saved as PNG.

    Args:
        curve: See :func:`eval.runner.abstention_curve`.
        path: Where to save it.
        threshold: The configured threshold, marked with a vertical line.

    Returns:
        ``path``.
    """
    fig = _figure()
    ax = fig.add_subplot(1, 1, 1)
    xs = [float(p["threshold"]) for p in curve]
    for key, label in (("precision", "abstention precision"), ("recall", "abstention recall"),
                       ("answer_accuracy", "answer accuracy")):
        ax.plot(xs, [float(p[key]) for p in curve], marker=".", label=label)
    if threshold is not None:
        ax.axvline(threshold, color="grey", linestyle="--", label=f"configured = {threshold:g}")
    ax.set_xlabel("confidence threshold")
    ax.set_ylim(0, 1.05)
    ax.set_title("Abstention vs threshold")
    ax.legend(fontsize="small")
    fig.tight_layout()
    fig.savefig(path)
    return path



def write_charts(run_dir: Path, rows: Sequence[Mapping[str, Any]], by_type: Mapping[str, Mapping[str, Any]],
                 curve: Sequence[Mapping[str, Any]], threshold: float | None = None) -> dict[str, str]:
    """Draw the three charts into ``run_dir``.

    Args:
        run_dir: The run folder.
        rows: Runner rows.
        by_type: Summary per question type.
        curve: The abstention curve.
        threshold: The configured abstention threshold.

    Returns:
        chart key -> file name (relative to ``run_dir``).
    """
    chart_by_type(by_type, run_dir / CHART_FILES["by_type"])
    chart_latency(rows, run_dir / CHART_FILES["latency"])
    chart_abstention(curve, run_dir / CHART_FILES["abstention"], threshold)
    return dict(CHART_FILES)
