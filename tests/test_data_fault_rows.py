"""review6 R6-5: a bad data entry of a mini-batch run was named by its row in the mini-batch: a memmap's x[5, 0] = -7
was called "x[1, 0] = -7" (row 1 of the batch of rows 4-5), where the user's x[1, 0] is 2; a user with 10^6 rows
needs the real row.  Now every mini-batch of arrays (in memory or out of core, shuffled or not, resumed mid-epoch)
names the user's row.  Oracle: the bad entries are planted by hand with distinct values, so the value the message
shows must be the user's value at the row it names; with one bad entry, that row is the planted one."""

from __future__ import annotations

import re

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops
from symopt.errors import DomainError

mu = symopt.Variable("mu", 0.0)
PLANTED = {5: -7.0, 8: -9.0}  # row: value, each with no real log


def _cost(x):
    return ops.mean(x.applyfunc(lambda s: (sympy.log(s) - mu) ** 2))


def _data(kind, rows, tmp_path):
    if kind == "memmap":
        np.save(tmp_path / "x.npy", rows)
        return np.load(tmp_path / "x.npy", mmap_mode="r")
    return rows


def _named(message: str, name: str = "x") -> tuple[tuple[int, ...], float]:
    found = re.search(rf"log\({name}\) is nan \(no real value\) at {name}\[([\d, ]+)\] = (-?[\d.]+)", message)
    assert found, message
    return tuple(int(i) for i in found.group(1).split(", ")), float(found.group(2))


@pytest.mark.parametrize("kind", ["memmap", "in memory"])
@pytest.mark.parametrize("shape", [(None, 1), (None,)], ids=["column", "rank 1"])
@pytest.mark.parametrize("batch_size", [2, 3])
def test_one_bad_entry_is_named_by_the_users_row_unshuffled(kind, shape, batch_size, tmp_path):
    rows = np.arange(1.0, 11.0).reshape((10, 1) if len(shape) == 2 else (10,))
    rows[5] = -7.0
    x = symopt.Placeholder("x", shape)
    with pytest.raises(DomainError) as caught:
        symopt.minimize(_cost(x), mu, data={x: _data(kind, rows, tmp_path)}, batch_size=batch_size, epochs=1,
                        shuffle=False)
    index, shown = _named(str(caught.value))
    assert index == ((5, 0) if len(shape) == 2 else (5,)) and shown == rows[index] == -7.0
    assert f"at step {5 // batch_size} because of the data" in str(caught.value)  # the batch holding row 5


@pytest.mark.parametrize("kind", ["memmap", "in memory"])
@pytest.mark.parametrize("seed", range(6))
def test_shuffled_batches_name_the_row_of_the_users_data(kind, seed, tmp_path):
    """Two bad rows: whichever batch reaches one first, the row named holds the value shown."""
    rows = np.arange(1.0, 12.0).reshape(11, 1)
    for row, value in PLANTED.items():
        rows[row, 0] = value
    x = symopt.Placeholder("x", (None, 1))
    with pytest.raises(DomainError) as caught:
        symopt.minimize(_cost(x), mu, data={x: _data(kind, rows, tmp_path)}, batch_size=3, epochs=2, seed=seed)
    (row, column), shown = _named(str(caught.value))
    assert column == 0 and PLANTED.get(row) == shown == rows[row, 0]


def test_a_batch_axis_in_columns_names_the_users_column():
    """A Placeholder (1, None) holds its examples in columns: the entry's column is the user's."""
    values = np.arange(1.0, 11.0).reshape(1, 10)
    values[0, 7] = -7.0
    x = symopt.Placeholder("x", (1, None))
    for seed in range(4):
        with pytest.raises(DomainError) as caught:
            symopt.minimize(_cost(x), mu, data={x: values}, batch_size=3, epochs=1, seed=seed)
        assert _named(str(caught.value)) == ((0, 7), -7.0)


@pytest.mark.parametrize("kind", ["memmap", "in memory"])
def test_a_resumed_shuffled_run_names_the_users_row(kind, tmp_path):
    """A run resumed mid-epoch (its shuffling generator restored from the checkpoint, its first batches skipped)
    names the row of the batch it diverged on: the same row as the uninterrupted run."""
    clean = np.arange(1.0, 13.0).reshape(12, 1)
    bad = clean.copy()
    bad[7, 0] = -7.0
    x = symopt.Placeholder("x", (None, 1))
    store = tmp_path / "run.ckpt"
    symopt.minimize(_cost(x), mu, data={x: _data(kind, clean, tmp_path)}, batch_size=2, epochs=3, seed=1,
                    checkpoint=str(store), callback=lambda step, cost, params: step == 8)  # stops in epoch 2
    (tmp_path / "data").mkdir()
    with pytest.raises(DomainError) as resumed:
        symopt.minimize(_cost(x), mu, data={x: _data(kind, bad, tmp_path / "data")}, batch_size=2, epochs=3,
                        seed=1, resume_from=str(store))
    assert _named(str(resumed.value)) == ((7, 0), -7.0)
