"""TF1's error classes (``tf.errors``), raised with TF1's messages."""

from __future__ import annotations

from ...errors import SymoptError, UnsupportedOperationError

#: TF1's error codes (``tf.errors.INVALID_ARGUMENT`` is 3), the ``error_code`` of its ``OpError`` classes.
ERROR_CODE_NAMES = ("OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND", "ALREADY_EXISTS",
                    "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE",
                    "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED")
(OK, CANCELLED, UNKNOWN, INVALID_ARGUMENT, DEADLINE_EXCEEDED, NOT_FOUND, ALREADY_EXISTS, PERMISSION_DENIED,
 RESOURCE_EXHAUSTED, FAILED_PRECONDITION, ABORTED, OUT_OF_RANGE, UNIMPLEMENTED, INTERNAL, UNAVAILABLE, DATA_LOSS,
 UNAUTHENTICATED) = range(len(ERROR_CODE_NAMES))

__all__ = ["OpError", "InvalidArgumentError", "FailedPreconditionError", "UnimplementedError", "UnsupportedNameError",
           "NotFoundError", "OutOfRangeError", "CancelledError", "UnknownError", "DeadlineExceededError",
           "AlreadyExistsError", "PermissionDeniedError", "ResourceExhaustedError", "AbortedError", "InternalError",
           "UnavailableError", "DataLossError", "UnauthenticatedError", "exception_type_from_error_code",
           "error_code_from_exception_type", "DTypeMismatchError", "StaticShapeError", "NoneValueError",
           "missing_names", "missing_attributes", *ERROR_CODE_NAMES]


class OpError(SymoptError):
    """Base of the errors raised while running a session (TF1's ``tf.errors.OpError``), with TF1's read-only
    ``message`` (the text), ``error_code`` (``tf.errors.INVALID_ARGUMENT``, ...), and ``op`` / ``node_def`` (None, as
    TF1 leaves them where no op is known; symopt's messages name the op), so ``except tf.errors.OpError as e:
    print(e.message)`` works as in TF1 (probe13 W6)."""

    error_code = UNKNOWN
    op = None
    node_def = None

    def __init__(self, *args):
        """``OpError(message)``, or TF1's ``OpError(node_def, op, message[, error_code])``: the message is then
        ``message`` alone, as TF's (final44d F44d-2); only ``OpError`` itself takes ``error_code``, as in TF."""
        if len(args) in (3, 4) and isinstance(args[2], str):
            if args[0] is not None:
                self.node_def = args[0]
            if args[1] is not None:
                self.op = args[1]
            if len(args) == 4 and type(self) is OpError:
                self.error_code = args[3]
            args = (args[2],)
        super().__init__(*args)

    @property
    def message(self) -> str:
        return str(self)


class InvalidArgumentError(OpError, ValueError):
    """A placeholder was not fed, or a value was invalid."""

    error_code = INVALID_ARGUMENT


class UnimplementedError(OpError, NotImplementedError):
    """An op TF1 has no kernel for (``tf.cast`` of a string tensor to a number)."""

    error_code = UNIMPLEMENTED


class FailedPreconditionError(OpError, RuntimeError):
    """A variable was read before it was initialized."""

    error_code = FAILED_PRECONDITION


def uninitialized(name, session, initializer: str = "global") -> FailedPreconditionError:
    """TF1's error for a variable read before it has a value, with advice that fits (probe13 W22): the initializer
    when no variable has a value yet; when others have (this one was made after the initializer ran, or the program
    initialized some variables by hand: probe24 P24-13), its own initializer, since running the old one again would
    reset the trained variables and still miss it; for a local variable (``initializer`` "local": ``tf.metrics``),
    ``tf.local_variables_initializer()``, which touches no trained variable (probe62 P62-9)."""
    text = f"Attempting to use uninitialized value {name}: "
    if initializer == "local":  # a tf.metrics total or count: its initializer sets only the local variables
        return FailedPreconditionError(
            text + "it is a local variable (tf.metrics' totals and counts are). Run "
            "tf.local_variables_initializer() first; it sets only the local variables, so variables already "
            "trained keep their values")
    if session.values:
        return FailedPreconditionError(
            text + "other variables have values in this session and it has none (made after the initializer ran, "
            f"or left out of the initializers run). Run its own initializer ({name}.initializer or "
            f"tf.variables_initializer([{name}])), or make every variable before tf.{initializer}_variables_initializer() "
            "(running that again would reset the variables already trained)")
    return FailedPreconditionError(text + f"run tf.{initializer}_variables_initializer() first")


class UnsupportedNameError(UnsupportedOperationError, AttributeError):
    """A TF1 name symopt.compat.v1 does not provide (an ``AttributeError`` too, so ``hasattr`` stays usable)."""


_BATCH_NORM_BY_HAND = ("write it by hand: mean, variance = tf.nn.moments(x, [0]); y = tf.nn.batch_normalization(x, "
                       "mean, variance, offset=beta, scale=gamma, variance_epsilon=0.001), with tf.assign for the "
                       "moving averages (tf.layers.batch_normalization's message has the whole form)")
_RNN_BY_HAND = ("unroll the network by hand, one placeholder per time step (X0, X1, ... of shape [None, n_inputs]) and "
                "h = tf.tanh(tf.matmul(X_t, Wx) + tf.matmul(h, Wh) + b) for each, as Hands-On ML ch. 14's manual "
                "RNN, which runs as in TF1")
_SHUFFLE_IN_NUMPY = "shuffle or draw in NumPy before feeding: order = np.random.permutation(len(X)); feed X[order]"

#: What to write instead of a TF1 name the layer does not provide, where it has the pieces (probe24 P24-5): the
#: error says it rather than only "not supported".
_LOOP_BY_HAND = ("a loop over a tensor's elements has a length symopt must know when it builds the graph: for a "
                 "tensor of known length, loop in Python over tf.unstack(x): {}; or use the vectorised op "
                 "(tf.square(x) for map_fn(lambda e: e * e, x); tf.cumsum(x) for a running sum; tf.reduce_sum(x) "
                 "for a fold of +)")
_PYTHON_BY_HAND = ("symopt differentiates and compiles the graph's expressions, not Python functions: compute the "
                   "value in NumPy outside session.run and feed it through a tf.placeholder, or write the function "
                   "with tf ops")
REPLACEMENTS = {
    "tf.map_fn": _LOOP_BY_HAND.format("y = tf.stack([fn(e) for e in tf.unstack(x)])"),
    "tf.scan": _LOOP_BY_HAND.format("acc = initializer; outs = []; for e in tf.unstack(x): acc = fn(acc, e); "
                                    "outs.append(acc), then y = tf.stack(outs)"),
    "tf.foldl": _LOOP_BY_HAND.format("acc = initializer; for e in tf.unstack(x): acc = fn(acc, e)"),
    "tf.foldr": _LOOP_BY_HAND.format("acc = initializer; for e in reversed(tf.unstack(x)): acc = fn(acc, e)"),
    "tf.switch_case": ("write it as tf.case([(tf.equal(i, 0), branch_fns[0]), (tf.equal(i, 1), branch_fns[1]), "
                       "...], default=branch_fns[-1]), which symopt supports"),
    "tf.py_func": _PYTHON_BY_HAND,
    "tf.numpy_function": _PYTHON_BY_HAND,
    "tf.py_function": _PYTHON_BY_HAND,
    "tf.tuple": ("for its effect (each output computed after all the inputs), use with "
                 "tf.control_dependencies([tf.group(*tensors)]): outputs = [tf.identity(t) for t in tensors]"),
    "tf.contrib.layers.variance_scaling_initializer": (
        "use tf.variance_scaling_initializer(scale=2.0, mode='fan_in', distribution='truncated_normal'), the same He "
        "initialization as contrib's defaults (factor=2.0, FAN_IN, uniform=False)"),
    "tf.contrib.layers.dropout": "use tf.layers.dropout(x, rate=1 - keep_prob, training=is_training)",
    "tf.contrib.layers.batch_norm": _BATCH_NORM_BY_HAND,
    "tf.nn.nce_loss": (
        "train with the full softmax, which symopt computes: tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_"
        "logits(labels=tf.reshape(train_labels, [-1]), logits=tf.matmul(embed, nce_weights, transpose_b=True) + "
        "nce_biases))"),
    "tf.nn.sampled_softmax_loss": (
        "train with the full softmax, which symopt computes: tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_"
        "logits(labels=tf.reshape(labels, [-1]), logits=tf.matmul(inputs, weights, transpose_b=True) + biases))"),
    "tf.nn.dynamic_rnn": _RNN_BY_HAND, "tf.nn.static_rnn": _RNN_BY_HAND, "tf.nn.rnn_cell": _RNN_BY_HAND,
    "tf.contrib.rnn": _RNN_BY_HAND,
    "tf.random_shuffle": _SHUFFLE_IN_NUMPY, "tf.random.shuffle": _SHUFFLE_IN_NUMPY,
    "tf.multinomial": "draw in NumPy: np.random.choice(k, p=probabilities) of the fetched softmax",
    "tf.random.categorical": "draw in NumPy: np.random.choice(k, p=probabilities) of the fetched softmax",
    "tensorflow.python.client": ("to list the devices, tf.Session().list_devices() (symopt runs on the CPU; "
                                 "tf.test.is_gpu_available() is False)"),  # and its device_lib (the runner's imports)
    "tf.data": ("feed NumPy batches through a tf.placeholder and feed_dict: order = np.random.permutation(len(X)); "
                "for i in range(0, len(X), batch): sess.run(train, {x: X[order[i:i + batch]], ...})"),
    "tf.train.AdagradDAOptimizer": ("use tf.train.AdagradOptimizer, or tf.train.ProximalAdagradOptimizer for its l1 "
                                    "and l2 strengths, which symopt runs with TF1's kernels"),
    "tf.is_variable_initialized": (
        "run tf.global_variables_initializer() (or saver.restore) before the first run: reading a variable that is "
        "not initialized raises FailedPreconditionError naming it"),
    "tf.contrib.opt": (
        "for ScipyOptimizerInterface(loss, var_to_bounds=..., method='L-BFGS-B') minimize the same cost with symopt: "
        "symopt.minimize(cost, wrt, method='lbfgs', bounds={w: (low, high)}) (SciPy's L-BFGS-B on symopt's exact "
        "gradient); for projected first-order training keep tf.train's optimizer and pass tf.Variable(..., "
        "constraint=lambda w: tf.clip_by_value(w, low, high))"),
    "tf.report_uninitialized_variables": (
        "run tf.global_variables_initializer() (or saver.restore) before the first run: reading a variable that is "
        "not initialized raises FailedPreconditionError naming it"),
}
_METRIC_BY_HAND = ("tf.metrics has accuracy and mean: use tf.metrics.mean of the per-batch quantity (e.g. "
                   "tf.metrics.mean(tf.square(predictions - labels)) for the mean squared error), or compute it in "
                   "NumPy from fetched predictions")


def rank_above_2(what: str) -> UnsupportedOperationError:
    """The refusal of a tensor of rank 3 or more, ``what`` naming it with its shape (``tf.placeholder of shape
    [?,28,28,1]``), in the same words whichever op made it: ``tf.placeholder``, ``tf.constant``, ``tf.Variable``,
    ``tf.get_variable``, ``tf.zeros``, a random tensor (final33 F33-8)."""
    return UnsupportedOperationError(f"{what}: only ranks 0, 1 and 2 are supported by symopt.compat.v1 (no "
                                     "convolutions or images as [batch, rows, columns, channels]: keep each example "
                                     "as one row, [batch, rows * columns], and use dense layers)")


def unsupported_name(module: str, name: str) -> UnsupportedNameError:
    """The error for ``module.name`` (``tf.foo``) that symopt does not provide, with what to write instead where
    :data:`REPLACEMENTS` knows it."""
    advice = REPLACEMENTS.get(f"{module}.{name}") or (_METRIC_BY_HAND if module == "tf.metrics" else None)
    return UnsupportedNameError(f"{module}.{name} is not supported yet by symopt.compat.v1 (TensorFlow 1.x on "
                                "symopt); " + (f"{advice}" if advice else "see docs/compat.md for what is supported"))


class NotFoundError(OpError, LookupError):
    """Something (a file, a checkpoint) was not found (TF1's ``tf.errors.NotFoundError``)."""

    error_code = NOT_FOUND


class OutOfRangeError(OpError, IndexError):
    """An input was exhausted (TF1's ``tf.errors.OutOfRangeError``; symopt has no input pipelines that raise it)."""

    error_code = OUT_OF_RANGE


class CancelledError(OpError):
    """An operation was cancelled (TF1's ``tf.errors.CancelledError``)."""

    error_code = CANCELLED


class UnknownError(OpError):
    """An error of no other kind (TF1's ``tf.errors.UnknownError``)."""

    error_code = UNKNOWN


class DeadlineExceededError(OpError):
    """A deadline expired before the operation finished (TF1's ``tf.errors.DeadlineExceededError``)."""

    error_code = DEADLINE_EXCEEDED


class AlreadyExistsError(OpError):
    """What was to be made exists already: ``tf.gfile.Rename`` / ``Copy`` onto a file without ``overwrite=True``."""

    error_code = ALREADY_EXISTS


class PermissionDeniedError(OpError):
    """The caller may not run the operation (TF1's ``tf.errors.PermissionDeniedError``)."""

    error_code = PERMISSION_DENIED


class ResourceExhaustedError(OpError):
    """A resource (memory, a quota) ran out (TF1's ``tf.errors.ResourceExhaustedError``)."""

    error_code = RESOURCE_EXHAUSTED


class AbortedError(OpError):
    """An operation was aborted, typically by a concurrent one (TF1's ``tf.errors.AbortedError``)."""

    error_code = ABORTED


class InternalError(OpError):
    """An invariant of the runtime was broken (TF1's ``tf.errors.InternalError``)."""

    error_code = INTERNAL


class UnavailableError(OpError):
    """The runtime is not available now (TF1's ``tf.errors.UnavailableError``)."""

    error_code = UNAVAILABLE


class DataLossError(OpError):
    """Unrecoverable data loss or corruption (TF1's ``tf.errors.DataLossError``)."""

    error_code = DATA_LOSS


class UnauthenticatedError(OpError):
    """The request has no valid credentials (TF1's ``tf.errors.UnauthenticatedError``)."""

    error_code = UNAUTHENTICATED


#: TF1's ``OpError`` class of each error code (``tf.errors.exception_type_from_error_code``).
_CLASS_OF_CODE = {cls.error_code: cls for cls in (
    CancelledError, UnknownError, InvalidArgumentError, DeadlineExceededError, NotFoundError, AlreadyExistsError,
    PermissionDeniedError, ResourceExhaustedError, FailedPreconditionError, AbortedError, OutOfRangeError,
    UnimplementedError, InternalError, UnavailableError, DataLossError, UnauthenticatedError)}


def exception_type_from_error_code(error_code: int) -> type:
    """The ``tf.errors`` class of ``error_code`` (``tf.errors.NOT_FOUND`` -> ``NotFoundError``); TF1's ``KeyError``
    for a code it has none for."""
    if error_code not in _CLASS_OF_CODE:
        raise KeyError(error_code)
    return _CLASS_OF_CODE[error_code]


def error_code_from_exception_type(cls: type) -> int:
    """The error code of a ``tf.errors`` class (``NotFoundError`` -> ``tf.errors.NOT_FOUND``); TF1's ``KeyError`` for a
    class that is not one of them."""
    if cls not in _CLASS_OF_CODE.values():
        raise KeyError(cls)
    return cls.error_code


class DTypeMismatchError(SymoptError, TypeError):
    """An op's inputs have different dtypes: TF1's ``TypeError`` (``Input 'y' of 'Mul' Op has type float64 that
    does not match type float32 ...``), raised when the op is built, also for inputs of shapes not known yet."""


class IntegerOverflowError(SymoptError, OverflowError):
    """A Python integer no 64-bit integer holds (``y + 2**64``): TF1's ``OverflowError: Python int too large to
    convert to C long``, when the op is made (review4 Q6)."""

    def __init__(self, value):
        super().__init__(f"Python int too large to convert to C long: {value} is outside the 64-bit integers TF1 "
                         f"converts [-2**63, 2**64 - 1]; give a smaller number, or compute in float64 "
                         f"(float({value}))")


class NoneValueError(SymoptError, ValueError):
    """``None`` where a tensor or a value was expected: TF1's ``ValueError: None values not supported.``, when the
    op is made (probe13 W1: it was a NaN constant, so ``tf.assign_sub(b, None)`` made the variable NaN).  The usual
    ``None`` is ``tf.gradients``' gradient of a variable the loss does not use."""

    def __init__(self, value=None, operand: str | None = None):
        given = "" if operand in (None, "Const") else f"Tried to convert '{operand}' to a tensor and failed. Error: "
        super().__init__(f"{given}None values not supported. (given {value!r}: tf.gradients and compute_gradients give "
                         "None for a variable the loss does not depend on; skip it, e.g. "
                         "[(g, v) for g, v in grads_and_vars if g is not None])")


class StaticShapeError(SymoptError, ValueError):
    """An op's inputs have static shapes that do not match: TF1's ``ValueError`` when the op is made (```logits``
    and ``labels`` must have the same shape, received ((1, ?) vs (?,))``), also for inputs computed from a
    placeholder without a shape whose static shape TF1 infers (``tf.reshape(y, [-1])``: ``(?,)``)."""


def missing_names(module: str):
    """A module-level ``__getattr__`` for the TF1 module ``module`` (``"tf.nn"``): every name it does not define
    raises :func:`unsupported_name` (a private name: a plain ``AttributeError``)."""
    def __getattr__(name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        raise unsupported_name(module, name)
    return __getattr__


def missing_attributes(kind: str):
    """A class's ``__getattr__`` for TF1's class ``kind`` (``"tf.Graph"``): an attribute symopt does not provide
    (``g.version``, ``op.node_def``) raises :class:`UnsupportedNameError` naming it (a private name: a plain
    ``AttributeError``)."""
    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        raise UnsupportedNameError(f"{kind}.{name} is not supported yet by symopt.compat.v1 (TensorFlow 1.x on "
                                   "symopt); see docs/compat.md for what is supported")
    return __getattr__


__getattr__ = missing_names("tf.errors")
__path__: list = []  # `from tensorflow.errors import <a name symopt lacks>` is refused by runner.py's importer
