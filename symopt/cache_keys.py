r"""The keys of disk-cache entries (:mod:`symopt.disk_cache`): text that is the same in every process for the same
cost, parameters, data, optimizer and options, and differs where the generated code could differ.

A step's key is the text of :math:`(\text{dag}(J), \text{srepr}(\theta), \text{srepr}(\text{data}),
\text{optimizer}, \text{dtype}, \text{tol}, \text{clipping})` with symopt's version and source fingerprint and
SymPy's and NumPy's versions; a function's, of :math:`J`, :math:`\theta`, the other inputs, dtype and backend.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import numpy as np
import sympy

from .symbols import creation_order, is_matrix
from .traversal import arguments, postorder

__all__ = ["code_fingerprint", "expression_text", "input_text", "step_key", "cost_text", "function_key"]

_FORMAT = 1
_fingerprint: list[str] = []


def code_fingerprint() -> str:
    """SHA-256 of symopt's own ``.py`` files and versions: a changed code generator never reuses an entry."""
    if not _fingerprint:
        from . import __version__
        digest = hashlib.sha256(f"{__version__} sympy {sympy.__version__} numpy {np.__version__}".encode())
        for path in sorted(Path(__file__).parent.rglob("*.py")):
            digest.update(path.relative_to(Path(__file__).parent).as_posix().encode() + path.read_bytes())
        _fingerprint.append(digest.hexdigest())
    return _fingerprint[0]


def expression_text(expressions: list, inputs: list) -> str:
    """``expressions`` as key text, linear in their DAG: one entry per distinct node in post-order, its class and
    its operands' entry numbers (a leaf: its ``srepr``), then the entries of the expressions.  An input is written
    ``input<k>`` by its position in ``inputs``, so two distinct ``Variable("v")`` are told apart (``srepr`` wrote
    them alike) and which one is the parameter is part of the key.  (``srepr`` printed the tree: exponential on a
    shared DAG, a RecursionError past ~100 layers.)"""
    position = {symbol: k for k, symbol in enumerate(inputs)}
    entry, lines = {}, []
    for node in postorder(expressions, lambda node: () if node in position else arguments(node)):
        if node in position:
            text = f"input{position[node]}"
        elif node.args:
            text = f"{type(node).__module__}.{type(node).__qualname__}({','.join(str(entry[id(a)]) for a in node.args)})"
        else:
            text = sympy.srepr(node)
        entry[id(node)] = len(lines)
        lines.append(text)
    return ";".join(lines) + " -> " + ",".join(str(entry[id(e)]) for e in expressions)


def _inputs(parameters, others) -> list:
    return list(dict.fromkeys(list(parameters) + list(others)))  # compile's inputs repeat the parameters


def input_text(symbol) -> str:
    """An input's key text: its ``srepr`` without a symopt symbol's serial number (unique to the process and the
    symbol's creation), so a model rebuilt with new symbols (a notebook cell run again, a worker per request, a
    fresh process) has the key it had (probe34 P34-8); which input is which is the position ``input<k>`` of
    :func:`expression_text`."""
    if creation_order(symbol) >= 0 and is_matrix(symbol):
        name, rows, cols = symbol.args[:3]
        return f"{type(symbol).__name__}({sympy.srepr(name)}, {sympy.srepr(rows)}, {sympy.srepr(cols)})"
    return sympy.srepr(symbol)


def step_key(cost, parameters, optimizer, data, dtype, options: dict) -> str:
    """The full key text of a fused step (what the entry's hash is taken of).  SymPy numbers its ``Dummy``
    symbols (the bound variable of an elementwise function) from a random start in each process, so
    they are renumbered in order of first appearance: the same expression has the same key everywhere."""
    inputs = _inputs(parameters, data)
    gradients = options.get("gradients")
    return _key_text({"cost": expression_text([cost], inputs), "inputs": [input_text(s) for s in inputs],
                      "parameters": len(parameters), "optimizer": repr(optimizer.key()), "dtype": dtype,
                      "rule": [f"{target} = {value}" for target, value in optimizer.rule()],  # a class redefined
                      "gradients": None if gradients is None else expression_text(list(gradients), inputs),
                      "options": {k: repr(v) for k, v in sorted(options.items()) if k != "gradients"}})


def cost_text(cost, inputs) -> str:
    """The key text of ``cost`` over ``inputs`` alone (:func:`expression_text` and :func:`input_text`), the same in
    every process: what a checkpoint records of the cost it trained (:mod:`symopt.run_identity`)."""
    inputs = list(dict.fromkeys(inputs))
    return _canonical_dummies(json.dumps({"cost": expression_text([cost], inputs),
                                          "inputs": [input_text(s) for s in inputs]}, sort_keys=True))


def function_key(cost, parameters, inputs, dtype: str, module: str | None) -> str:
    """The full key text of :func:`~symopt.compile`'s function of ``cost`` (``module``: the backend asked for,
    ``None`` where symopt chooses between ``math`` and ``numpy``)."""
    inputs = _inputs(parameters, inputs)
    return _key_text({"kind": "value_and_grad", "cost": expression_text([cost], inputs), "dtype": dtype,
                      "module": module, "inputs": [input_text(s) for s in inputs], "parameters": len(parameters)})


def _key_text(fields: dict) -> str:
    return _canonical_dummies(json.dumps({"format": _FORMAT, "code": code_fingerprint(), **fields}, sort_keys=True))


def _canonical_dummies(text: str) -> str:
    numbers: dict[str, int] = {}
    return re.sub(r"dummy_index=(\d+)", lambda m: f"dummy_index={numbers.setdefault(m[1], len(numbers))}", text)
