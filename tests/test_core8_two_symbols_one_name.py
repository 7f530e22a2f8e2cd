"""probe12 V1: a notebook that ran ``w = Variable("w", ...)`` again leaves a cost reading two different symbols named
``w``.  minimize's advice could not be followed: "missing data for ['w']: pass data={name: value}", and then, given
``data={"w": ...}``, "data gives w, which wrt trains".  Both now say the cost reads two symbols named 'w' and that the
other one is given by symbol; that advice works."""

import pytest

import symopt
from symopt.errors import FeedError

w_old = symopt.Variable("w", 0.0)
COST = w_old**2 - 10 * w_old + 25
w = symopt.Variable("w", 1.0)  # the cell run again
COST2 = COST + (w - 3) ** 2
METHODS = [None, "newton"]


@pytest.mark.parametrize("method", METHODS)
def test_missing_data_names_the_two_symbols(method):
    with pytest.raises(FeedError, match=r"2 different symbols named 'w'.*by symbol, data=\{symbol: value\}") as error:
        symopt.minimize(COST2, w, method=method)
    assert "pass data={name: value}" not in str(error.value)


@pytest.mark.parametrize("method", METHODS)
def test_the_name_is_ambiguous_not_the_parameter(method):
    with pytest.raises(FeedError, match="data name 'w' is ambiguous: the cost reads 2 different symbols") as error:
        symopt.minimize(COST2, w, data={"w": 0.0}, method=method)
    assert "which wrt trains" not in str(error.value)


@pytest.mark.parametrize("method", METHODS)
def test_the_advice_works(method):
    result = symopt.minimize(COST2, w, data={w_old: 0.0}, method=method, steps=2000)
    assert float(result[w]) == pytest.approx(3.0, abs=1e-6)  # (w - 3)² is the only term in w


def test_one_w_keeps_the_plain_advice():
    x = symopt.Placeholder("x")
    with pytest.raises(FeedError, match=r"missing data for \['x'\]: the cost reads them; pass data=\{name: value\}"):
        symopt.minimize((w - x) ** 2, w)


def test_a_variable_left_out_of_wrt_is_named_as_such_not_as_missing_data():
    """probe26 P26-E: a bias Variable the cost reads but wrt leaves out was 'missing data ... pass data={name:
    value}', which leads to feeding (freezing) it; the message says it is a Variable wrt does not list."""
    import numpy as np
    from symopt import ops
    from symopt.errors import FeedError
    X, y = symopt.Placeholder("X", (None, 2)), symopt.Placeholder("y", (None, 1))
    W, b = symopt.Variable("W", np.zeros((2, 1))), symopt.Variable("b", np.ones((1, 1)))
    cost = ops.mean(ops.square(ops.bias_add(X @ W, b) - y))
    data = {X: np.ones((4, 2)), y: np.ones((4, 1))}
    with pytest.raises(FeedError, match=r"b is a Variable the cost reads that wrt does not list; add it to wrt to "
                                        r"train it \(wrt=\[W, b\]\)"):
        symopt.minimize(cost, W, data=data, steps=2)
    with pytest.raises(FeedError, match="pass data for y too"):
        symopt.minimize(cost, W, data={X: data[X]}, steps=2)
    assert symopt.minimize(cost, [W, b], data=data, steps=2).steps == 2


def test_a_result_reads_as_a_mapping_of_its_parameters_and_names_scipys_spellings():
    """probe26 P26-A: ``w in result``, ``dict(result)`` and ``list(result)`` raised result[0]'s indexing error (Python
    iterated by index), ``len(result)`` a bare TypeError, and SciPy's ``res.x`` / ``res.fun`` bare AttributeErrors."""
    w = symopt.Variable("w", 0.0)
    result = symopt.minimize((w - 3) ** 2, w, steps=5)
    assert w in result and "w" in result and "v" not in result and list(result) == [w] and len(result) == 1
    assert dict(result) == result.params
    with pytest.raises(AttributeError, match=r"'x' \(SciPy's OptimizeResult name\): use result.params"):
        result.x
    with pytest.raises(AttributeError, match="use result.value"):
        result.fun
    import pickle
    assert pickle.loads(pickle.dumps(result)).value == result.value


def test_a_positional_argument_beyond_the_signature_names_the_keyword_options():
    """probe26 P26-D: SciPy's ``args`` / Keras' ``fit(x, y)`` habit, ``minimize(cost, W, data)``, was a bare
    TypeError; it is a ConfigurationError naming the keywords, data= first where a dict was given."""
    import numpy as np
    from symopt import ops
    from symopt.errors import ConfigurationError
    X, y = symopt.Placeholder("X", (None, 2)), symopt.Placeholder("y", (None, 1))
    W = symopt.Variable("W", np.zeros((2, 1)))
    cost = ops.mean(ops.square(X @ W - y))
    data = {X: np.ones((4, 2)), y: np.ones((4, 1))}
    with pytest.raises(ConfigurationError, match=r"minimize: expected at most 2 positional arguments \(cost, wrt\); "
                                                 r"given 3\. Its options are keywords \(data by keyword"):
        symopt.minimize(cost, W, data)
    with pytest.raises(ConfigurationError, match=r"compile: .*given 3\. Its options are keywords: inputs"):
        symopt.compile(cost, W, [X, y])
