"""Latency percentiles and paired significance tests for comparing runs."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from fractions import Fraction

import numpy as np


def percentile(values: Iterable[float], p: float) -> float:
    """The p-th percentile with linear interpolation, as ``numpy.percentile``'s default.

    With the values sorted as v[0..n-1], the position is (n - 1) * p / 100 and
    the result interpolates linearly between its neighbours.

    Args:
        values: The sample.
        p: Percentile in [0, 100].

    Returns:
        The percentile; 0.0 for an empty sample.

    Raises:
        ValueError: If p is outside [0, 100].
    """
    if not 0.0 <= p <= 100.0:
        raise ValueError(f"percentile must be in [0, 100], got {p}")
    ordered = sorted(float(v) for v in values)
    if not ordered:
        return 0.0
    position = (len(ordered) - 1) * p / 100.0
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    fraction = position - low
    return ordered[low] + (ordered[high] - ordered[low]) * fraction




def paired_bootstrap(
    a: Sequence[float], b: Sequence[float], n_resamples: int = 10000, seed: int = 0
) -> dict[str, float]:
    """Paired bootstrap test of the difference in mean score (Koehn 2004; Efron & Tibshirani 1993).

    Each resample draws n question indices with replacement (the same indices
    for both systems) from ``numpy.random.default_rng(seed)`` and records
    delta* = mean(b*) - mean(a*). With the observed delta = mean(b) - mean(a):

    * p_value = min(1, 2 * share of resamples with delta* <= 0) when delta > 0,
      min(1, 2 * share with delta* >= 0) when delta < 0, and 1.0 when delta == 0;
      i.e. twice the share of resamples whose delta is zero or of the opposite sign.
    * ci_low, ci_high: the 2.5th and 97.5th percentiles (linear interpolation)
      of delta*, a 95% percentile interval.

    Args:
        a: Per-question scores of the baseline.
        b: Per-question scores of the candidate, paired with ``a``.
        n_resamples: Number of bootstrap resamples, at least 1.
        seed: Seed of the random generator; equal inputs and seed give equal results.

    Returns:
        ``mean_a``, ``mean_b``, ``delta``, ``p_value``, ``ci_low``, ``ci_high``,
        ``n`` and ``n_resamples``.

    Raises:
        ValueError: If the lists are empty or of different lengths, or n_resamples < 1.
    """
    if len(a) != len(b):
        raise ValueError(f"paired scores must have equal length, got {len(a)} and {len(b)}")
    if not a:
        raise ValueError("paired_bootstrap needs at least one pair of scores")
    if n_resamples < 1:
        raise ValueError(f"n_resamples must be at least 1, got {n_resamples}")
    n = len(a)
    mean_a = math.fsum(float(x) for x in a) / n
    mean_b = math.fsum(float(x) for x in b) / n
    delta = mean_b - mean_a
    diffs = np.asarray(b, dtype=float) - np.asarray(a, dtype=float)

    rng = np.random.default_rng(seed)
    chunk = max(1, min(n_resamples, 1_000_000 // n))
    parts: list[np.ndarray] = []
    remaining = n_resamples
    while remaining:
        size = min(chunk, remaining)
        indices = rng.integers(0, n, size=(size, n))
        parts.append(diffs[indices].mean(axis=1))
        remaining -= size
    resampled = np.concatenate(parts)

    if delta > 0:
        p_value = min(1.0, 2.0 * float(np.mean(resampled <= 0.0)))
    elif delta < 0:
        p_value = min(1.0, 2.0 * float(np.mean(resampled >= 0.0)))
    else:
        p_value = 1.0
    ci_low, ci_high = np.percentile(resampled, [2.5, 97.5])
    return {
        "mean_a": mean_a,
        "mean_b": mean_b,
        "delta": delta,
        "p_value": p_value,
        "ci_low": float(ci_low),
        "ci_high": float(ci_high),
        "n": n,
        "n_resamples": n_resamples,
    }


def mcnemar(a_correct: Sequence[float | bool], b_correct: Sequence[float | bool]) -> dict[str, float]:
    """Exact McNemar test (McNemar 1947) on paired correct/incorrect outcomes.

    Only discordant pairs count: b01 (a wrong, b right) and b10 (a right, b
    wrong). Under the null each discordant pair is a fair coin, so the
    two-sided p-value is min(1, 2 * P[X <= min(b01, b10)]) with X ~ Binomial(b01 + b10, 1/2),
    computed exactly with integer arithmetic; 1.0 when there are no discordant pairs.

    Args:
        a_correct: Baseline outcomes (truthy = correct).
        b_correct: Candidate outcomes, paired with ``a_correct``.

    Returns:
        ``b01``, ``b10``, ``n_discordant`` (ints) and ``p_value``.

    Raises:
        ValueError: If the lists have different lengths.
    """
    if len(a_correct) != len(b_correct):
        raise ValueError(f"paired outcomes must have equal length, got {len(a_correct)} and {len(b_correct)}")
    b01 = sum(1 for x, y in zip(a_correct, b_correct, strict=True) if not x and y)
    b10 = sum(1 for x, y in zip(a_correct, b_correct, strict=True) if x and not y)
    n = b01 + b10
    if n == 0:
        p_value = 1.0
    else:
        tail = sum(math.comb(n, i) for i in range(min(b01, b10) + 1))
        p_value = min(1.0, float(Fraction(2 * tail, 2**n)))
    return {"b01": b01, "b10": b10, "n_discordant": n, "p_value": p_value}


# ---------------------------------------------------------------------------
# Run-to-run comparison
# ---------------------------------------------------------------------------
