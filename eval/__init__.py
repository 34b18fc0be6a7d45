"""Evaluation harness: gold questions, runner and pure metric functions."""
