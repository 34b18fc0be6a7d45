"""Fitting the support model: logistic regression and its cross-validation."""

import numpy as np

from eval.calibrate import cross_validate, fit_logistic, log_loss


def _data() -> tuple[np.ndarray, np.ndarray]:
    # Right answers cover more of the question and leave no slot empty; not perfectly separable.
    x = np.array([[0.9, 0.7, 0, 0.0], [0.8, 0.6, 0, 0.1], [0.7, 0.5, 0, 0.0], [0.6, 0.6, 1, 0.2],
                  [0.4, 0.5, 1, 0.3], [0.3, 0.4, 0, 0.4], [0.5, 0.3, 1, 0.3], [0.8, 0.5, 0, 0.2]])
    y = np.array([1, 1, 1, 0, 0, 0, 0, 1])
    return x, y


def test_fit_logistic_learns_the_direction_of_each_feature() -> None:
    x, y = _data()
    model = fit_logistic(x, y, c=10.0)
    assert model.weights[0] > 0 and model.weights[2] < 0
    # Newton's method reaches the optimum: the gradient of the penalised likelihood vanishes there.
    beta = np.array([model.intercept, *model.weights])
    xb = np.hstack([np.ones((len(y), 1)), x])
    p = 1 / (1 + np.exp(-(xb @ beta)))
    grad = xb.T @ (p - y) + np.r_[0.0, beta[1:]] / 10.0
    assert np.abs(grad).max() < 1e-6


def test_more_regularisation_shrinks_the_weights_and_fits_worse() -> None:
    x, y = _data()
    loose, tight = fit_logistic(x, y, c=100.0), fit_logistic(x, y, c=0.1)
    assert np.abs(tight.weights).sum() < np.abs(loose.weights).sum()
    assert log_loss(tight, x, y) > log_loss(loose, x, y)


def test_cross_validation_is_reproducible_and_held_out() -> None:
    x, y = _data()
    first = cross_validate(np.tile(x, (3, 1)), np.tile(y, 3), c=1.0, folds=4, repeats=2)
    assert first == cross_validate(np.tile(x, (3, 1)), np.tile(y, 3), c=1.0, folds=4, repeats=2)
    assert first > log_loss(fit_logistic(np.tile(x, (3, 1)), np.tile(y, 3), 1.0), np.tile(x, (3, 1)), np.tile(y, 3))
