"""A sum z - LSE(z) whose terms SymPy orders spread-first is printed log_softmax(z), not log_softmax(-LSE(z)).

Found by tests/test_oracle.py's matrix trees (hypothesis) during probe60's fixes: the printer took the sum's first
term as the logits, so ``-LSE(X.T) @ 1 + X.T`` was computed as ``log_softmax(-LSE(X.T))``: log(2) in place of the
true sum of log-probabilities.  Oracle: hand NumPy.
"""

import numpy as np
import sympy

import symopt
from symopt import ops
from symopt.nodes import LogSumExp


def test_log_softmax_reads_the_logits_whichever_term_comes_first():
    X = symopt.Placeholder("X", shape=(None, 1))
    W = symopt.Variable("W", 0.0, shape=(1, 1))
    log_probabilities = sympy.MatAdd(-LogSumExp(X.T, 1) @ sympy.OneMatrix(1, symopt.BATCH), X.T)
    assert not isinstance(log_probabilities.args[0], sympy.Transpose)  # the spread -LSE(X.T) @ 1 is first
    f = symopt.compile(ops.sum(log_probabilities) * W[0, 0], W, inputs=[X])
    data = np.array([[-0.10568389], [0.51233812]])
    value, _ = f(W=np.array([[1.0]]), X=data)
    expected = (data.T - np.log(np.exp(data.T).sum())).sum()  # hand NumPy: -1.4803001164857674
    np.testing.assert_allclose(value, expected, rtol=1e-15)
    assert "log_softmax(X.T, axis=1)" in f.source
