"""probe61 P61-10: a stream's first batch is kept as it was read, so the divergence advice's 2/λ_max is of that
batch even when the generator refills one buffer for every batch (it was of the batch last written there)."""

import numpy as np
import pytest

import symopt
from symopt import ops
from symopt.errors import DivergenceError

ROWS, COLUMNS, BATCH = 200, 3, 20


def test_the_step_size_advice_of_a_buffer_reusing_stream_is_of_its_first_batch():
    rng = np.random.default_rng(0)
    features, targets = rng.normal(size=(ROWS, COLUMNS)) * 3, rng.normal(size=(ROWS, 1))
    X, y = symopt.Placeholder("X", (None, COLUMNS)), symopt.Placeholder("y", (None, 1))
    w = symopt.Variable("w", np.zeros((COLUMNS, 1)), shape=(COLUMNS, 1))

    def refilled():  # one buffer, refilled for each batch (docs/data.md allows it)
        rows, labels = np.empty((BATCH, COLUMNS)), np.empty((BATCH, 1))
        for start in range(0, ROWS, BATCH):
            rows[:], labels[:] = features[start:start + BATCH], targets[start:start + BATCH]
            yield {X: rows, y: labels}

    def stable_limit(rows):  # 2/λ_max of the Hessian 2 XᵀX / B of mean((X w - y)²)
        return 2 / np.linalg.eigvalsh(2 * rows.T @ rows / len(rows))[-1]

    first, last = stable_limit(features[:BATCH]), stable_limit(features[-BATCH:])
    assert f"{first:.6g}" != f"{last:.6g}"
    with pytest.raises(DivergenceError) as caught:
        symopt.minimize(ops.mean(ops.square(X @ w - y)), w, data=refilled, epochs=60,
                        optimizer=symopt.GradientDescent(np.float64(0.5)))
    assert f"2/λ_max = {first:.6g}" in str(caught.value)


class Table:
    """A refillable DataFrame stand-in (``to_numpy``, ``columns``, ``dtypes``, ``index``, ``copy``)."""

    def __init__(self, values):
        self.values = values
        self.columns, self.dtypes = list(range(values.shape[1])), [values.dtype] * values.shape[1]
        self.index, self.shape = np.arange(len(values)), values.shape

    def to_numpy(self, dtype=None, na_value=None):
        return np.array(self.values, dtype=dtype)

    def __array__(self, dtype=None, copy=None):
        return np.array(self.values, dtype=dtype)

    def copy(self):
        return Table(self.values.copy())


def _advice_of_a_refilled_table(table_of):
    rng = np.random.default_rng(0)
    features, targets = rng.normal(size=(ROWS, COLUMNS)) * 3, rng.normal(size=(ROWS, 1))
    X, y = symopt.Placeholder("X", (None, COLUMNS)), symopt.Placeholder("y", (None, 1))
    w = symopt.Variable("w", np.zeros((COLUMNS, 1)), shape=(COLUMNS, 1))
    rows, labels = np.empty((BATCH, COLUMNS)), np.empty((BATCH, 1))
    table = table_of(rows)

    def refilled():  # one table, refilled in place for each batch
        for start in range(0, ROWS, BATCH):
            rows[:], labels[:] = features[start:start + BATCH], targets[start:start + BATCH]
            yield {X: table, y: labels.copy()}

    first = 2 / np.linalg.eigvalsh(2 * features[:BATCH].T @ features[:BATCH] / BATCH)[-1]
    with pytest.raises(DivergenceError) as caught:
        symopt.minimize(ops.mean(ops.square(X @ w - y)), w, data=refilled, epochs=60,
                        optimizer=symopt.GradientDescent(np.float64(0.5)))
    assert f"2/λ_max = {first:.6g}" in str(caught.value)


def test_a_refilled_table_is_kept_as_its_first_batch():
    """final42d F42d-5: a table refilled for each batch is kept as the first batch too, not only a NumPy array."""
    _advice_of_a_refilled_table(Table)


def test_a_refilled_pandas_frame_is_kept_as_its_first_batch():
    pd = pytest.importorskip("pandas")
    _advice_of_a_refilled_table(lambda rows: pd.DataFrame(rows, copy=False))
