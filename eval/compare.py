"""Comparing evaluation runs: baseline files, paired run comparison, and their text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from eval.metrics import (
    DEFAULT_TOLERANCES,
    HEADLINE_METRICS,
    answer_correct,
    compare_summaries,
    lower_is_better,
    mcnemar,
    paired_bootstrap,
)
from eval.report import fmt_value, got_text


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
