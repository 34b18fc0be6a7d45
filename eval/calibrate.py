"""Fit the offline answerer's support model on the gold set's dev split: `python -m eval.calibrate`.

For every dev question the offline answerer's reply before abstention gives the evidence of its
sentences (`rag.SUPPORT_FEATURES`) and an answer; the label says whether that answer is right (an
unanswerable question has no right answer). An L2-regularised logistic regression is fitted to
them, its regularisation chosen by repeated k-fold cross-validated log loss on dev. The printed
`SupportModel(...)` goes into `rag/support.py` by hand: a deliberate commit, like the baseline.
The abstention threshold is then read off the dev curve (`rag eval --split dev --curve`).
"""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from eval.answers import answer_correct
from eval.cli import open_rag
from eval.data import filter_split, load_gold
from rag import SUPPORT_FEATURES, Rag, SupportModel

C_GRID = (0.3, 1.0, 3.0, 10.0, 30.0, 100.0)


def fit_logistic(x: np.ndarray, y: np.ndarray, c: float, iterations: int = 100) -> SupportModel:
    """Logistic regression by Newton's method, the weights (not the intercept) penalised by |w|^2 / (2c).

    Args:
        x: (n, d) features. y: (n,) labels in {0, 1}. c: inverse regularisation strength.

    Returns:
        The fitted model.
    """
    n, d = x.shape
    xb = np.hstack([np.ones((n, 1)), x])
    beta = np.zeros(d + 1)
    penalty = np.eye(d + 1) / c
    penalty[0, 0] = 0.0
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-np.clip(xb @ beta, -60, 60)))
        grad = xb.T @ (p - y) + penalty @ beta
        hess = xb.T @ (xb * (p * (1 - p))[:, None]) + penalty + 1e-9 * np.eye(d + 1)
        step = np.linalg.solve(hess, grad)
        beta -= step
        if np.abs(step).max() < 1e-10:
            break
    return SupportModel(float(beta[0]), tuple(float(b) for b in beta[1:]))


def log_loss(model: SupportModel, x: np.ndarray, y: np.ndarray) -> float:
    """Mean negative log likelihood of the labels under the model."""
    p = np.array([model.probability(dict(zip(SUPPORT_FEATURES, row, strict=True))) for row in x])
    p = np.clip(p, 1e-12, 1 - 1e-12)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def cross_validate(x: np.ndarray, y: np.ndarray, c: float, folds: int = 5, repeats: int = 10) -> float:
    """Mean held-out log loss over `repeats` shuffled k-fold splits (fixed seeds: reproducible)."""
    losses = []
    for seed in range(repeats):
        order = np.random.default_rng(seed).permutation(len(y))
        for k in range(folds):
            held = order[k::folds]
            kept = np.setdiff1d(order, held)
            losses.append(log_loss(fit_logistic(x[kept], y[kept], c), x[held], y[held]) * len(held))
    return sum(losses) / (repeats * len(y))


def examples(rag: Rag, items: Sequence[Mapping[str, Any]]) -> tuple[np.ndarray, np.ndarray]:
    """Features and labels of the gold items the offline answerer gives an answer to."""
    rows, labels = [], []
    for item in items:
        reply = rag.explain(item["question"])
        if not reply.get("evidence"):
            continue  # nothing to read: the answerer abstains whatever the model says
        rows.append([float(reply["evidence"][f]) for f in SUPPORT_FEATURES])
        labels.append(answer_correct({**item, "abstained": False, "prediction": reply["answer"]}))
    return np.array(rows), np.array(labels)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.calibrate", description=__doc__.splitlines()[0])
    parser.add_argument("--gold", default="eval/gold.jsonl")
    parser.add_argument("--split", default="dev")
    parser.set_defaults(model=None, retriever=None)  # the defaults `rag eval` runs with
    args = parser.parse_args(argv)
    rag = open_rag(args, sys.stderr)
    x, y = examples(rag, filter_split(load_gold(args.gold), args.split))
    print(f"{len(y)} answers read, {int(y.sum())} right", file=sys.stderr)
    scores = {c: cross_validate(x, y, c) for c in C_GRID}
    for c, loss in scores.items():
        print(f"C={c:<6g} cross-validated log loss {loss:.4f}")
    best = min(scores, key=lambda c: (round(scores[c], 4), -c))
    model = fit_logistic(x, y, best)
    weights = ", ".join(f"{w:.4f}" for w in model.weights)
    print(f"chosen C={best:g}\nSUPPORT_MODEL = SupportModel(intercept={model.intercept:.4f}, weights=({weights}))"
          f"  # {', '.join(SUPPORT_FEATURES)}")
    print(f"fitted log loss {log_loss(model, x, y):.4f}; {math.fsum(y) / len(y):.3f} of the answers are right")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
