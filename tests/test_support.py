"""The support model: the probability that an offline answer is right, from its evidence."""

import pytest

from rag.support import FEATURES, SUPPORT_MODEL, SupportModel

GOOD = {"coverage": 0.9, "similarity": 0.8, "unfilled": 0.0, "missing": 0.0}


def test_probability_is_the_logistic_of_the_weighted_evidence() -> None:
    model = SupportModel(intercept=-1.0, weights=(2.0, 0.0, 0.0, 0.0))
    assert model.probability({"coverage": 0.5, "similarity": 0.3, "unfilled": 1.0, "missing": 0.2}) == 0.5
    assert SupportModel(0.0, (0.0,) * len(FEATURES)).probability(GOOD) == 0.5
    assert 0.0 < SupportModel(1000.0, (0.0,) * 4).probability(GOOD) <= 1.0  # no overflow


@pytest.mark.parametrize(("feature", "value", "direction"), [
    ("coverage", 0.3, -1), ("similarity", 0.2, -1), ("unfilled", 1.0, -1), ("missing", 0.4, -1),
])
def test_the_fitted_model_reads_each_feature_the_way_it_should(feature: str, value: float, direction: int) -> None:
    # More of the question covered, a closer sentence: more support; an empty slot or a heavy
    # question term no sentence holds: less. A refit that breaks this is not to be committed.
    changed = SUPPORT_MODEL.probability({**GOOD, feature: value})
    assert (changed - SUPPORT_MODEL.probability(GOOD)) * direction > 0


def test_a_good_answer_clears_the_default_threshold_and_an_empty_slot_does_not() -> None:
    from rag import Settings

    threshold = Settings().abstain_threshold
    assert SUPPORT_MODEL.probability(GOOD) > threshold
    assert SUPPORT_MODEL.probability({**GOOD, "unfilled": 1.0, "missing": 0.3}) < threshold
