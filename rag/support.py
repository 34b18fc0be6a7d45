"""The offline answer's support: the probability that it is right, read from the evidence of its sentences.

A logistic model (Cox, 1958) over four features of the sentences an answer cites: how much of the
question's weight they cover, the best one's embedding similarity to the question, whether they
leave the question's slot empty (`rag.slots`), and the weight of the heaviest question term none
of them holds. It is fitted on the gold set's dev split by `python -m eval.calibrate`, which prints
the numbers below; refitting is a deliberate commit, like the evaluation baseline.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

FEATURES = ("coverage", "similarity", "unfilled", "missing")


@dataclass(frozen=True)
class SupportModel:
    """P(right) = logistic(intercept + weights . evidence), the weights in `FEATURES` order."""

    intercept: float
    weights: tuple[float, ...]

    def probability(self, evidence: Mapping[str, float]) -> float:
        """The probability that an answer with this evidence is right, in (0, 1)."""
        z = self.intercept + sum(w * float(evidence[f]) for w, f in zip(self.weights, FEATURES, strict=True))
        return 1.0 / (1.0 + math.exp(-max(min(z, 60.0), -60.0)))


# Fitted on the dev split by `python -m eval.calibrate` (246-question gold set; C=30 by cross-validated log loss).
SUPPORT_MODEL = SupportModel(intercept=1.6585, weights=(1.7286, 0.5083, -6.3479, -6.4360))
