"""A session's random values, drawn once per run: a random tensor of a fixed shape (``tf.random_normal([2])``) and a
random input whose ``None`` dimension is the fed batch size (``tf.nn.dropout``'s mask) each take one value in a
run, drawn at its first read, the same for every later read in it (TF1 evaluates a tensor once per run:
``sess.run([train, loss, logits])`` after ``tf.nn.dropout`` gives the logits of the mask the step used)."""

from __future__ import annotations

import numpy as np

from ...symbols import shape_of
from .errors import InvalidArgumentError
from .feeds import internal
from .init_ops import random_draw

__all__ = ["RunDraws"]


class RunDraws:
    """The random values of one session's runs.

    ``drawn`` maps a random symbol to ``(the run of its last draw, its value)``, a run being the number the session
    gives it (``Session.run`` counts its calls; the count stays out of this object, whose attribute would cost the
    training loop's hot path a lookup a run); ``counts`` maps a random tensor to its number of draws so far (the
    next is :func:`~symopt.compat.v1.init_ops.random_draw` of that count); ``generators`` a random input to its
    NumPy generator, seeded by the graph.
    """

    def __init__(self, graph):
        self.graph = graph
        self.drawn: dict = {}
        self.counts: dict = {}
        self.generators: dict = {}

    def value(self, symbol, run: int, batch_size: int | None) -> np.ndarray:
        """The value of ``symbol`` in the session's run ``run``: a random tensor of the graph (``graph.random_draws``)
        or a random input (``graph.random_inputs``, whose ``None`` dimension is ``batch_size``)."""
        entry = self.drawn.get(symbol)
        if entry is not None and entry[0] == run:
            return entry[1]
        value = self._draw(symbol) if symbol in self.graph.random_draws else self._noise(symbol, batch_size)
        self.drawn[symbol] = (run, value)
        return value

    def _draw(self, symbol) -> np.ndarray:
        """The next value of a random tensor of a fixed shape (:func:`~symopt.compat.v1.init_ops.random_draw`)."""
        count = self.counts.get(symbol, 0)
        self.counts[symbol] = count + 1
        return internal(random_draw(self.graph, symbol, count))

    def _noise(self, symbol, batch_size: int | None) -> np.ndarray:
        r"""The next :math:`\mathcal U[0, 1)` values of a random input, its ``None`` dimension ``batch_size``."""
        generator = self.generators.get(symbol)
        if generator is None:
            seed = self.graph.random_inputs[symbol]
            generator = self.generators[symbol] = np.random.default_rng(seed)
        shape = tuple(batch_size if d is None else d for d in shape_of(symbol))
        if None in shape:
            raise InvalidArgumentError(f"{symbol} has a batch dimension but no placeholder with one was fed")
        value = generator.random(shape, dtype=np.float64).astype(getattr(symbol, "dtype", "float64"))
        return value.reshape(-1, 1) if value.ndim == 1 else (value[()] if value.ndim == 0 else value)
