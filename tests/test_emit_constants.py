"""Every hoisted optimizer constant the generated step computes is read (no dead ``c4 = ...`` lines)."""

import re

import numpy as np
import pytest

import symopt
from symopt import ops
from symopt.fused import compile_step

OPTIMIZERS = [symopt.Adam(0.1), symopt.AdamW(0.1), symopt.Nadam(0.1), symopt.Ftrl(0.1), symopt.Adadelta(1.0),
              symopt.ProximalGradientDescent(0.1, l1=0.01), symopt.ProximalAdagrad(0.1), symopt.KerasAdam(0.1),
              symopt.PyTorchAdam(0.1), symopt.RMSProp(0.1, momentum=0.9), symopt.Momentum(0.1, 0.9, nesterov=True)]


@pytest.mark.parametrize("optimizer", OPTIMIZERS, ids=repr)
def test_no_hoisted_constant_is_left_unread(optimizer):
    X, y = symopt.Placeholder("X", (None, 3)), symopt.Placeholder("y", (None, 1))
    W = symopt.Variable("W", np.zeros((3, 1)), shape=(3, 1))
    compiled = compile_step(ops.mean(ops.square(X @ W - y)), [W], optimizer, [X, y], dtype="float64")
    for function in (compiled.step, compiled.train, compiled.advance, compiled.guarded_advance):
        names = re.findall(r"^\s+(c\d+) = ", function.source, re.M)
        assert [n for n in names if len(re.findall(rf"\b{n}\b", function.source)) == 1] == []
