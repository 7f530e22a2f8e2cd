"""probe89 P89-5: a Fortran-order .npy memmap (what np.save(f, df.values) writes) or a transposed feature-major file
gives the in-memory run's parameters bit for bit with shuffle=False (docs/data.md), as a C-order file does: each
batch reaches the step C-contiguous, as an in-memory run's gathered batch does."""

import numpy as np
import pytest

import symopt
from symopt import mapped_rows, ops
from symopt.mapped_rows import read_rows

ROWS, FEATURES = 203, 8


def _data(tmp_path, layout):
    rng = np.random.default_rng(0)
    features = rng.normal(size=(ROWS, FEATURES)).astype(np.float32)
    targets = features @ rng.normal(size=(FEATURES, 1)).astype(np.float32)
    if layout == "fortran":
        np.save(tmp_path / "X.npy", np.asfortranarray(features))
        mapped = np.load(tmp_path / "X.npy", mmap_mode="r")
    else:  # a feature-major file read transposed
        np.save(tmp_path / "XT.npy", np.ascontiguousarray(features.T))
        mapped = np.load(tmp_path / "XT.npy", mmap_mode="r").T
    return features, targets, mapped


@pytest.mark.parametrize("span", [None, 4096])  # one piece, and a batch read in pieces of columns
@pytest.mark.parametrize("layout", ["fortran", "transposed"])
def test_rows_of_a_column_major_memmap_are_c_contiguous(tmp_path, monkeypatch, layout, span):
    if span is not None:
        monkeypatch.setattr(mapped_rows, "RELEASE_SPAN", span)
    features, _, mapped = _data(tmp_path, layout)
    rows = read_rows(mapped, 64, 128)
    assert rows.flags.c_contiguous and np.array_equal(rows, features[64:128])
    assert np.ascontiguousarray(features)[np.arange(64, 128)].flags.c_contiguous  # the in-memory gather's layout


@pytest.mark.parametrize("layout", ["fortran", "transposed"])
def test_a_column_major_memmap_trains_as_the_data_in_memory(tmp_path, layout):
    features, targets, mapped = _data(tmp_path, layout)
    X, y = symopt.Placeholder("X", (None, FEATURES)), symopt.Placeholder("y", (None, 1))
    w = symopt.Variable("w", np.zeros((FEATURES, 1)), shape=(FEATURES, 1))
    run = dict(optimizer=symopt.Adam(0.01), batch_size=50, epochs=2, shuffle=False, dtype="float32")
    kept = symopt.minimize(ops.mean(ops.square(X @ w - y)), w, data={X: mapped, y: targets}, **run)
    loaded = symopt.minimize(ops.mean(ops.square(X @ w - y)), w, data={X: features, y: targets}, **run)
    assert np.array_equal(kept[w], loaded[w]) and np.array_equal(kept.history, loaded.history)


def test_fortran_order_data_in_memory_beside_a_memmap_trains_as_all_in_memory(tmp_path):
    """A mixed run reads its in-memory inputs' rows by slicing: a Fortran-order one's rows gave other digits."""
    features, targets, _ = _data(tmp_path, "fortran")
    np.save(tmp_path / "y.npy", targets)
    X, y = symopt.Placeholder("X", (None, FEATURES)), symopt.Placeholder("y", (None, 1))
    w = symopt.Variable("w", np.zeros((FEATURES, 1)), shape=(FEATURES, 1))
    run = dict(optimizer=symopt.Adam(0.01), batch_size=50, epochs=2, shuffle=False, dtype="float32")
    cost = ops.mean(ops.square(X @ w - y))
    mixed = symopt.minimize(cost, w, data={X: np.asfortranarray(features),
                                           y: np.load(tmp_path / "y.npy", mmap_mode="r")}, **run)
    loaded = symopt.minimize(cost, w, data={X: features, y: targets}, **run)
    assert np.array_equal(mixed[w], loaded[w]) and np.array_equal(mixed.history, loaded.history)
