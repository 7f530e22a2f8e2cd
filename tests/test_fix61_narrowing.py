"""probe60 P60-7, probe61 P61-9: data a conversion to the run's dtype would make infinite or 0 (longdouble past
float64, float64 past float32) and labels out of their loss's range are refused naming the entry's row."""

import numpy as np
import pytest

import symopt
from symopt import ops
from symopt.batched import evaluate_in_batches
from symopt.errors import FeedError

WIDER_THAN_DOUBLE = np.finfo(np.longdouble).max > np.finfo(np.float64).max
needs_longdouble = pytest.mark.skipif(not WIDER_THAN_DOUBLE, reason="numpy.longdouble is float64 on this platform")


def _line():
    X, W = symopt.Placeholder("X", (None, 1)), symopt.Variable("W", 1.0, shape=(1, 1))
    return X, W, ops.mean(ops.square(X @ W))


@needs_longdouble
def test_longdouble_data_past_float64_is_refused_naming_the_entry():
    X, W, cost = _line()
    data = np.array([[1.0], [np.longdouble("1e400")]], dtype=np.longdouble)
    told = (r"expected numbers of dtype float64, whose largest is 1\.798e\+308; given 1e\+400, which float64 would make "
            r"infinite\. Rescale the data so that it fits float64 .* at index \[1, 0\]\.")
    with pytest.raises(FeedError, match=told):  # was: 'contains NaN or infinity', the data holding neither
        symopt.minimize(cost, W, data={X: data}, steps=1)
    with pytest.raises(FeedError, match=told):  # was: (inf, [[inf]]) with NumPy's warning only
        symopt.compile(cost, W, inputs=[X])(W=np.ones((1, 1)), X=data)


@needs_longdouble
def test_longdouble_data_below_float64_is_refused_not_made_zero():
    X, W, cost = _line()
    data = np.array([[1.0], [np.longdouble("1e-400")]], dtype=np.longdouble)
    with pytest.raises(FeedError, match=r"given 1e-400, which float64 would make 0\. .* at index \[1, 0\]\."):
        symopt.evaluate(ops.sum(X), {X: data})  # was 1.0 (exact: 1 + 1e-400)


def test_a_value_float32_cannot_hold_deep_in_a_memmap_is_named_by_its_row(tmp_path):
    X, y = symopt.Placeholder("X", (None, 4)), symopt.Placeholder("y", (None, 1))
    w = symopt.Variable("w", np.zeros((4, 1)), shape=(4, 1))
    features = np.random.default_rng(1).normal(size=(1000, 4))
    features[777, 2] = 1e39
    np.save(tmp_path / "X.npy", features)
    with pytest.raises(FeedError, match=r"given 1e\+39, which float32 would make infinite\. .* at index \[777, 2\] of "
                                        r"the data, read in rows 768:832 for a mini-batch"):
        symopt.minimize(ops.mean(ops.square(X @ w - y)), w, data={X: np.load(tmp_path / "X.npy", mmap_mode="r"),
                                                                  y: np.zeros((1000, 1))},
                        batch_size=64, shuffle=False, dtype="float32")


def test_a_label_out_of_range_is_named_by_its_row(tmp_path):
    X, y = symopt.Placeholder("X", (None, 2)), symopt.Placeholder("y", (None, 1))
    w = symopt.Variable("w", np.zeros((2, 1)), shape=(2, 1))
    cost = ops.sigmoid_cross_entropy(X @ w, y)
    labels = (np.arange(1000) % 2).astype(float).reshape(-1, 1)
    labels[901] = 255  # a 0/255 mask among 0/1 labels
    np.save(tmp_path / "y.npy", labels)
    features = np.ones((1000, 2))
    with pytest.raises(FeedError, match=r"given 255 .* The first such entry is at index \[901, 0\]\."):
        symopt.minimize(cost, w, data={X: features, y: labels}, batch_size=100)
    with pytest.raises(FeedError, match=r"given 255 .* at index \[901, 0\] of the data, read in rows 900:1000"):
        evaluate_in_batches(cost, {X: features, y: np.load(tmp_path / "y.npy", mmap_mode="r"), w: np.zeros((2, 1))},
                            batch_size=100)


@pytest.mark.parametrize("given", [np.array([[1.0], [1e39]], dtype=object), [[1], [10 ** 39]]],
                         ids=["object array", "python ints"])
def test_numbers_past_float32_in_an_object_array_or_python_ints_are_named(given):
    """final42d F42d-2: an object array (a pandas object column) or Python ints past float32 are told what float32
    does to them, as NumPy converts them (to inf), not that NumPy cannot convert them."""
    X, W, cost = _line()
    with np.errstate(over="ignore"):
        assert np.isinf(np.asarray(given, dtype=np.float32)[1, 0])  # NumPy converts it, and overflows
    with pytest.raises(FeedError, match=r"given 1e\+39, which float32 would make infinite\."):
        symopt.evaluate(ops.sum(X), {X: given}, dtype="float32")


def test_a_negative_entry_past_float32_is_shown_with_its_sign():
    """final42d F42d-10: the refusal shows the entry it points at, -1e39, not its magnitude."""
    X, W, cost = _line()
    data = np.array([[1.0], [2.0], [-1e39]])
    assert data[2, 0] == -1e39
    with pytest.raises(FeedError, match=r"given -1e\+39, which float32 would make infinite\. .* at index \[2, 0\]\."):
        symopt.evaluate(ops.sum(X), {X: data}, dtype="float32")


class DeviceArray(np.ndarray):
    """An array that stays where it lives (as a ``jax.Array`` does on the JAX backend)."""


@pytest.mark.parametrize("entry, told", [(1e-50, r"given 1e-50, which float32 would make 0\..* \[0, 1\]"),
                                         (-1e39, r"given -1e\+39, which float32 would make infinite\..* \[0, 1\]")])
def test_a_device_array_narrowed_to_float32_is_refused_as_on_the_host(entry, told):
    """final42d F42d-8: a float64 device array cast to float32 turned 1e-50 into 0 silently (the same NumPy values
    were refused); the one rule now refuses both, naming the entry."""
    from symopt.binding import as_value

    X = symopt.Placeholder("X", (None, 3))
    values = np.array([[1.0, entry, 2.0]])
    with np.errstate(over="ignore"):
        assert np.float32(entry) in (0, -np.inf)  # what float32 makes of it
    for given, devices in ((values, ()), (values.view(DeviceArray), (DeviceArray,))):
        with pytest.raises(FeedError, match=told):
            as_value(X, given, "float32", device_arrays=devices)


def test_a_jax_array_narrowed_to_float32_is_refused():
    jax = pytest.importorskip("jax")
    from symopt.binding import as_value

    if not jax.config.jax_enable_x64:
        pytest.skip("float64 JAX arrays need JAX_ENABLE_X64=1")
    X = symopt.Placeholder("X", (None, 3))
    with pytest.raises(FeedError, match=r"given 1e-50, which float32 would make 0\..* \[0, 1\]"):
        as_value(X, jax.numpy.array([[1.0, 1e-50, 2.0]]), "float32", device_arrays=(jax.Array,))


class FlushingDeviceArray(np.ndarray):
    """A device array whose cast flushes subnormals to 0, as XLA on the CPU does."""

    def astype(self, dtype, *args, **kwargs):
        cast = np.asarray(self).astype(dtype, *args, **kwargs)
        cast[np.abs(cast) < np.finfo(cast.dtype).tiny] = 0
        return cast.view(FlushingDeviceArray)


def test_a_float32_subnormal_on_a_flushing_device_is_not_called_lost():
    """review final42g F42g-4: 1e-40 is a float32 subnormal (NumPy keeps it); a device that flushes it to 0 in the
    cast made symopt refuse it as "made 0" there while the host ran it. Only a value float32 itself rounds to 0
    (at most half its smallest subnormal, 1e-46 here) is refused."""
    from symopt.binding import as_value

    X = symopt.Placeholder("X", (None, 3))
    assert np.float32(1e-40) != 0 and np.float32(1e-46) == 0  # NumPy's float32 is the oracle
    kept = as_value(X, np.array([[1.0, 1e-40, 2.0]]).view(FlushingDeviceArray), "float32",
                    device_arrays=(FlushingDeviceArray,))
    assert kept.shape == (1, 3)
    with pytest.raises(FeedError, match="which float32 would make 0"):
        as_value(X, np.array([[1.0, 1e-46, 2.0]]).view(FlushingDeviceArray), "float32",
                 device_arrays=(FlushingDeviceArray,))
