"""probe9's crashes of valid or refusable TF1 programs (S1, S6, S8, S17): TF 2.21 ``tf.compat.v1``'s values, or a
typed refusal naming what to do."""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError


@pytest.fixture(autouse=True)
def fresh_graph():
    tf.reset_default_graph()


@pytest.mark.parametrize("make, text", [
    (lambda: tf.zeros([5, 5, 1, 32]), r"tf.zeros of shape \[5, 5, 1, 32\]"),
    (lambda: tf.ones([2, 3, 4], name="image"), r"tf.ones of shape \[2, 3, 4\]"),
    (lambda: tf.random_normal([2, 3, 4]), r"tf.random_normal of shape \[2, 3, 4\]"),
    (lambda: tf.truncated_normal([5, 5, 1, 32], stddev=0.1), r"tf.truncated_normal of shape \[5, 5, 1, 32\]")])
def test_s6_rank_3_and_4_fills_are_a_typed_refusal(make, text):
    with pytest.raises(UnsupportedOperationError, match=text + ": only ranks 0, 1 and 2 are supported"):
        make()
