"""``tf.layers.dense`` / ``flatten`` / ``dropout`` and ``tf.contrib.layers.fully_connected`` / ``flatten``.

A dense layer is :math:`a = g(XW + b)` with ``W`` (``kernel`` / ``weights``) and ``b`` (``bias`` /
``biases``) created by ``tf.get_variable`` inside a variable scope named as TF1 names it
(``dense``, ``dense_1``, ... / ``fully_connected``, ...), so ``reuse=True`` shares them.
"""

from __future__ import annotations

import numbers

import numpy as np

from ...errors import UnsupportedOperationError
from .array_ops import identity, reshape
from .default_graph import GraphKeys, add_to_collection, get_collection, name_scope
from .errors import missing_names, unsupported_name
from . import dtypes
from .graph import Tensor, as_tensor, matmul
from .init_ops import glorot_uniform_initializer, zeros_initializer
from .random_tensors import shared_mask_refusal
from .math_ops import relu
from .nn import bias_add, dropout as nn_dropout
from .regularizers import checked_regularizer
from .variable_scope import get_variable, unique_scope_name, variable_scope

__all__ = ["dense", "flatten", "contrib_flatten", "dropout", "fully_connected", "batch_normalization"]


def _scope_name(name, default: str) -> str:
    """TF1's layer scope names: ``name``, or ``dense``, ``dense_1``, ... made unique in the enclosing variable scope
    (TF1's ``variable_scope(None, default_name="dense")``: ``target/dense`` beside ``online/dense``)."""
    return name if name is not None else unique_scope_name(default)


def _affine(inputs, units: int, activation, use_bias: bool, kernel_initializer, bias_initializer, scope: str,
            reuse, names: tuple, trainable: bool, regularizers: tuple = (None, None),
            constraints: tuple = (None, None)):
    x = as_tensor(inputs)
    if x.ndim != 2 or x.shape[-1].value is None:
        raise ValueError(f"a dense layer needs inputs of rank 2 with a known last dimension; given shape {x.shape}")
    with variable_scope(scope, reuse=reuse):
        kernel = get_variable(names[0], [int(x.shape[-1]), int(units)], dtype=x.dtype,
                              initializer=kernel_initializer or glorot_uniform_initializer(), trainable=trainable,
                              regularizer=regularizers[0], constraint=constraints[0])
        outputs = matmul(x, kernel)
        if use_bias:
            bias = get_variable(names[1], [int(units)], dtype=x.dtype,
                                initializer=bias_initializer or zeros_initializer(), trainable=trainable,
                                regularizer=regularizers[1], constraint=constraints[1])
            outputs = bias_add(outputs, bias)
        outputs = activation(outputs) if activation is not None else outputs  # inside the layer's scope, as TF1
    return outputs, {names[0]: kernel, **({names[1]: bias} if use_bias else {})}


def dense(inputs, units, activation=None, use_bias=True, kernel_initializer=None, bias_initializer=None,
          kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None, kernel_constraint=None,
          bias_constraint=None, trainable=True, name=None, reuse=None):
    r"""``tf.layers.dense``: :math:`g(X W + b)` with ``W`` = ``<name>/kernel`` (Glorot uniform) and
    ``b`` = ``<name>/bias`` (zeros); ``kernel_regularizer`` / ``bias_regularizer`` penalties go to
    ``tf.GraphKeys.REGULARIZATION_LOSSES`` (once, when the variables are created); ``kernel_constraint`` /
    ``bias_constraint`` are the variables' ``constraint=`` (applied after each optimizer step, as TF1's)."""
    checked_regularizer(kernel_regularizer, "kernel_regularizer")
    checked_regularizer(bias_regularizer, "bias_regularizer")
    if activity_regularizer is not None:
        raise unsupported_name("tf.layers.dense", "activity_regularizer=")
    outputs, _ = _affine(inputs, units, activation, use_bias, kernel_initializer, bias_initializer,
                         _scope_name(name, "dense"), reuse, ("kernel", "bias"), trainable,
                         (kernel_regularizer, bias_regularizer), (kernel_constraint, bias_constraint))
    return outputs


def fully_connected(inputs, num_outputs, activation_fn=relu, normalizer_fn=None, normalizer_params=None,
                    weights_initializer=None, weights_regularizer=None, biases_initializer=zeros_initializer(),
                    biases_regularizer=None, reuse=None, variables_collections=None, outputs_collections=None,
                    trainable=True, scope=None):
    r"""``tf.contrib.layers.fully_connected``: :math:`\mathrm{relu}(X W + b)` by default, ``W`` =
    ``<scope>/weights`` (Xavier = Glorot uniform), ``b`` = ``<scope>/biases`` (zeros; ``biases_initializer=None``
    leaves the bias out); ``weights_regularizer`` / ``biases_regularizer`` as :func:`dense`'s.

    Collections as TF1's contrib: the variables join ``tf.GraphKeys.MODEL_VARIABLES`` and each collection of
    ``variables_collections`` (a name, a list of names, or a dict ``{"weights": [...], "biases": [...]}``); the
    output joins each collection of ``outputs_collections``."""
    if normalizer_fn is not None:
        raise unsupported_name("tf.contrib.layers.fully_connected", "normalizer_fn=")
    checked_regularizer(weights_regularizer, "weights_regularizer")
    checked_regularizer(biases_regularizer, "biases_regularizer")
    outputs, variables = _affine(inputs, num_outputs, activation_fn, biases_initializer is not None,
                                 weights_initializer, biases_initializer, _scope_name(scope, "fully_connected"), reuse,
                                 ("weights", "biases"), trainable, (weights_regularizer, biases_regularizer))
    for role, variable in variables.items():
        chosen = variables_collections.get(role) if isinstance(variables_collections, dict) else variables_collections
        for collection in [GraphKeys.MODEL_VARIABLES, *collection_names(chosen)]:
            if all(item is not variable for item in get_collection(collection)):  # reuse=True: once, as TF1's
                add_to_collection(collection, variable)
    for collection in collection_names(outputs_collections):
        add_to_collection(collection, outputs)
    return outputs


def collection_names(collections) -> list:
    """A contrib ``*_collections`` argument as a list of names: ``None`` (none), one name, or several."""
    if collections is None:
        return []
    return [collections] if isinstance(collections, str) else list(collections)


def flatten(inputs, name=None, data_format="channels_last"):
    """``tf.layers.flatten``: each example as one row, shape ``(m, k)`` (``data_format`` changes nothing below
    rank 3)."""
    return _flattened(inputs, name, "tf.layers.flatten")


def _flattened(inputs, name, function: str):
    """:func:`flatten`; ``function`` is the one the program called, which a refusal names (probe86 P86-7)."""
    x = as_tensor(inputs)
    if not x.shape.known_rank:  # final46a2 46a2-12: the rank was blamed as under 1
        raise UnsupportedOperationError(f"{function} of {x.name}, whose rank is unknown (a placeholder without "
                                        "a shape), is not supported by symopt.compat.v1 (TF1 flattens what the run "
                                        "feeds): give it a shape, e.g. tf.placeholder(tf.float32, [None, n])")
    if x.ndim == 2:  # TF1's Reshape op all the same: a new op (run after tf.control_dependencies' inputs), through
        with name_scope(name or "flatten"):  # which gradients pass (final46a 46a-14); of an unknown width
            if x.shape[1].value is None:  # (final46a2 46a2-8) the same rows: an identity named Reshape
                return identity(x, name="Reshape")
            return reshape(x, [-1, x.shape[1]], name="Reshape")
    if x.ndim == 1:
        with name_scope(name or "flatten"):
            return reshape(x, [-1, 1], name="ExpandDims")
    raise ValueError(f"flatten needs a tensor of rank at least 1; given shape {x.shape}")


def contrib_flatten(inputs, outputs_collections=None, scope=None):
    """``tf.contrib.layers.flatten``: :func:`flatten` in the name scope ``scope`` (``Flatten``, ``Flatten_1``, ...:
    ``Flatten/flatten/Reshape:0``), its output joining each collection of ``outputs_collections``, as TF1's contrib
    (final46a 46a-4: both were swallowed)."""
    with name_scope(scope, "Flatten"):
        outputs = _flattened(inputs, None, "tf.contrib.layers.flatten")
    for collection in collection_names(outputs_collections):
        add_to_collection(collection, outputs)
    return outputs


def dropout(inputs, rate=0.5, noise_shape=None, seed=None, training=False, name=None):
    """``tf.layers.dropout``: with ``training`` true drop entries with probability ``rate`` (and scale the
    others by ``1/(1-rate)``); otherwise the inputs unchanged.  ``training`` is a Python or NumPy bool, 0 or 1
    (TF1's ``smart_cond``), or a ``tf.bool`` scalar tensor (``tf.placeholder_with_default(False, shape=())``):
    then ``tf.cond`` chooses when the graph runs, as TF1; ``None`` is Keras's learning phase, not training unless
    set (TF1's default: final46a 46a-8)."""
    if not isinstance(training, Tensor):
        training = constant_flag(training)
    if training is False:  # TF1's dropout/Identity op, always a new one (final46a 46a-8), as flatten's Reshape
        with name_scope(name or "dropout"):
            return identity(inputs)
    if noise_shape is not None:  # one mask shared along some dimensions: not yet (never ignored silently)
        raise UnsupportedOperationError(shared_mask_refusal("tf.layers.dropout", noise_shape))
    if training is True:
        return nn_dropout(inputs, keep_prob=1 - rate, seed=seed, name=name)
    from .control_flow_ops import cond  # TF1's smart_cond: a tf.bool scalar chooses when the graph runs (builds on
    # this package's layers)
    if training.dtype != dtypes.bool:
        raise TypeError(f"tf.layers.dropout: training must be a Python bool (or 0 / 1) or a tf.bool scalar tensor; "
                        f"given {training.dtype.name} {training.name} (e.g. tf.placeholder_with_default(False, ()))")
    return cond(training, lambda: nn_dropout(inputs, keep_prob=1 - rate, seed=seed),
                lambda: identity(inputs), name=name or "dropout")


def constant_flag(training) -> bool:
    """A ``training=`` that is no tensor as TF1's ``smart_cond`` reads it: a bool, NumPy bool, 0 or 1; ``None`` the
    learning phase's default, False."""
    if training is None:
        return False
    if isinstance(training, (numbers.Number, np.bool_)) and training in (0, 1):
        return bool(training)
    raise TypeError(f"tf.layers.dropout: training must be a Python bool (or 0 / 1) or a tf.bool scalar tensor; "
                    f"given {training!r} of type {type(training).__name__}; pass bool(...) of it, or "
                    "tf.placeholder_with_default(False, ()) to choose when the graph runs")


def batch_normalization(inputs, *arguments, **options):
    """``tf.layers.batch_normalization`` is not supported yet: a typed error naming the hand-written form, which
    symopt computes as TF1 (``tf.nn.moments``, ``tf.nn.batch_normalization``, moving averages by ``tf.assign``)."""
    raise UnsupportedOperationError(
        "tf.layers.batch_normalization is not supported yet by symopt.compat.v1; write it by hand: "
        "mean, variance = tf.nn.moments(x, [0]); "
        "y = tf.nn.batch_normalization(x, mean, variance, offset=beta, scale=gamma, variance_epsilon=0.001) "
        "with gamma = tf.Variable(tf.ones([n])) and beta = tf.Variable(tf.zeros([n])), and keep the moving averages "
        "with tf.assign_sub(moving_mean, (moving_mean - mean) * (1 - 0.99)) (under tf.control_dependencies, or "
        "tf.train.ExponentialMovingAverage(0.99).apply(...)); at inference, normalize with the moving averages")


__getattr__ = missing_names("tf.layers")
__path__: list = []  # `from tensorflow.layers import <a name symopt lacks>` is refused by runner.py's importer
