"""probe45 P45-3: a callback that stores a projected value into ``params`` (TF1's ``tf.assign(w,
tf.clip_by_value(w, 0, 1))`` after the train op) was silently ignored, and a scalar parameter could not be changed at
all; with ``method=`` an in-place projection moved the returned point after the verdict was taken ("converged" where
the gradient is [0, -1, 0.8]).  A first-order run now takes a stored value; a ``method=`` run's callback reads
read-only params and a store or an in-place write is a ConfigurationError naming bounds= with method='lbfgs'."""

import numpy as np
import pytest

import symopt
from symopt import ops
from symopt.errors import ConfigurationError

TARGET = np.array([0.7, 1.5, -0.4])


def _problem(dtype=np.float64):
    T = symopt.Placeholder("T", (3, 1))
    w = symopt.Variable("w", np.full(3, 0.5, dtype=dtype))
    return w, T, ops.sum(ops.square(w - T))


def _projected_gradient_descent(x, steps=30, rate=float(np.float32(0.1))):
    """The oracle: projected gradient descent by hand, x <- clip(x - rate * 2 (x - target), 0, 1) (the rate rounded
    through float32, as symopt's GradientDescent keeps a Python-float rate: docs/optimizers.md)."""
    for _ in range(steps):
        x = np.clip(x - rate * 2 * (x - TARGET), 0.0, 1.0)
    return x


@pytest.mark.parametrize("in_place", [False, True])
def test_a_projection_stored_in_a_callback_keeps_a_first_order_run_in_the_box(in_place):
    w, T, J = _problem()

    def project(step, cost, p):
        if in_place:
            np.clip(p[w], 0.0, 1.0, out=p[w])
        else:
            p[w] = np.clip(p[w], 0.0, 1.0)
    result = symopt.minimize(J, w, data={T: TARGET.reshape(3, 1)}, optimizer=symopt.GradientDescent(0.1), steps=30,
                             callback=project)
    expected = _projected_gradient_descent(np.full(3, 0.5))
    assert np.allclose(result[w], expected, rtol=0, atol=1e-15) and result[w].tolist()[1:] == [1.0, 0.0]
    assert result.value == pytest.approx(float(np.sum((expected - TARGET) ** 2)), abs=1e-15)


def test_a_scalar_parameter_is_projected_by_a_store_in_float64_and_float32():
    for dtype in (np.float64, np.float32):
        s = symopt.Variable("s", dtype(0.5))
        seen = []

        def project(step, cost, p):
            seen.append(type(p[s]))
            p[s] = min(max(p[s], 0.0), 1.0)
        result = symopt.minimize((s - 3) ** 2, s, optimizer=symopt.GradientDescent(0.1), steps=30, callback=project,
                                 dtype="float32" if dtype is np.float32 else None)
        assert result[s] == 1.0 and result.value == 4.0
        assert len(set(seen)) == 1  # the stored value is taken in the run's own type, every step


def test_a_projection_also_holds_in_mini_batches_with_adam():
    T = symopt.Placeholder("T", (None, 1))
    w = symopt.Variable("w", 0.5)
    J = ops.mean(ops.square(T.applyfunc(lambda t: w - t)))
    data = np.full((8, 1), 2.0)
    result = symopt.minimize(J, w, data={T: data}, optimizer=symopt.Adam(0.1), epochs=20, batch_size=4, seed=0,
                             callback=lambda step, cost, p: p.update({w: min(p[w], 1.0)}))
    assert result[w] == 1.0


@pytest.mark.parametrize("stored, match", [(np.zeros(4), r"shape \(4,\) for w: expected shape \(3,\)"),
                                           (np.array([0.0, np.nan, 0.0]), "not finite for w"),
                                           ("abc", "expected numbers of shape")])
def test_a_bad_stored_value_is_refused(stored, match):
    w, T, J = _problem()

    def store(step, cost, p):
        p[w] = stored
    with pytest.raises(ConfigurationError, match=match):
        symopt.minimize(J, w, data={T: TARGET.reshape(3, 1)}, optimizer=symopt.GradientDescent(0.1), steps=3,
                        callback=store)


def test_a_store_under_a_name_is_refused():
    w, T, J = _problem()
    with pytest.raises(ConfigurationError, match=r"callback stored 'w' in params: expected one of the run's "):
        symopt.minimize(J, w, data={T: TARGET.reshape(3, 1)}, optimizer=symopt.GradientDescent(0.1), steps=3,
                        callback=lambda step, cost, p: p.update({"w": np.zeros(3)}))


@pytest.mark.parametrize("method", ["newton", "bfgs", "lbfgs", "trust-ncg"])
def test_a_method_run_refuses_a_store_and_an_in_place_write(method):
    w, T, J = _problem()
    data = {T: TARGET.reshape(3, 1)}

    def store(step, cost, p):
        p[w] = np.clip(p[w], 0.0, 1.0)

    def in_place(step, cost, p):
        np.clip(p[w], 0.0, 1.0, out=p[w])
    for callback in (store, in_place):
        with pytest.raises(ConfigurationError, match="can only read params. For a box use bounds=.*method='lbfgs'"):
            symopt.minimize(J, w, data=data, method=method, callback=callback)
    kept = []
    result = symopt.minimize(J, w, data=data, method=method, callback=lambda step, cost, p: kept.append(p[w]))
    assert np.allclose(result[w], TARGET, atol=1e-6)  # reading is unchanged; the arrays read are the iterates
    assert len(kept) >= 1 and np.allclose(kept[-1], result[w], atol=1e-6)
    gradient = 2 * (result[w] - TARGET)
    assert result.success and np.max(np.abs(gradient)) < 1e-5  # the verdict is about the point returned


def test_a_write_into_a_read_only_array_of_the_callback_s_own_is_not_blamed_on_params():
    """final39a F39a-9: a callback's write into its own read-only array was reported as "callback wrote into
    params"; the message now says which arrays are read-only and that the one written may be the user's."""
    w, T, J = _problem()
    mine = np.zeros(3)
    mine.flags.writeable = False

    def write_own(step, cost, p):
        mine[0] = 1.0
    with pytest.raises(ConfigurationError, match=r"^callback raised NumPy's 'assignment destination is read-only': in "
                                                 r"a method= run the arrays of params are read-only copies.*if the "
                                                 r"array written was one of your own, make it writeable"):
        symopt.minimize(J, w, data={T: TARGET.reshape(3, 1)}, method="bfgs", callback=write_own)
