r"""TF1's print ops: ``tf.Print(x, [tensors], message)``, an identity of ``x`` that writes ``message`` and the
tensors' values to stderr whenever a run computes it (``loss = tf.Print(loss, [loss], "loss: ")`` prints at
every training step), and ``tf.print(*inputs)``, an operation that writes them when it runs (fetch it, or make it
a control input: ``with tf.control_dependencies([tf.print(x)]):``).  The text is TF1's (see
:mod:`~symopt.compat.v1.print_format`): ``loss: [0.25][[1 2 3...]...]``.
"""

from __future__ import annotations

import sys

from ...errors import UnsupportedOperationError
from .control_dependencies import marks_runs
from .graph import Operation, Tensor, as_tensor, get_default_graph
from .print_format import summary_v1, summary_v2
from .recording import recorded
from .variables import view

__all__ = ["Print", "print_v2", "print"]

#: TF1's default number of entries printed (``summarize=None``).
DEFAULT_SUMMARIZE = 3


class PrintedValues:
    """What a ``tf.Print`` writes: ``message`` and the values of ``data``, each ``[...]``; the first ``first_n``
    runs only when ``first_n >= 0`` (counted per session)."""

    def __init__(self, data: list, message: str, first_n: int, summarize: int):
        self.data, self.message, self.first_n, self.summarize = data, message, first_n, summarize

    def emit(self, session, original, feed: dict) -> None:
        """Write the line for one run of ``original`` (the program's own ``tf.Print`` tensor) in ``session``."""
        if self.first_n >= 0:
            count = session.effects.print_counts.get(id(original), 0)
            if count >= self.first_n:
                return
            session.effects.print_counts[id(original)] = count + 1
        values = session.compute(self.data, feed) if self.data else []
        text = "".join(f"[{summary_v1(value, self.summarize)}]" for value in values)
        write("stderr", f"{self.message}{text}\n")


def _summarize(summarize, op: str) -> int:
    if summarize is None:
        return DEFAULT_SUMMARIZE
    if isinstance(summarize, bool) or not isinstance(summarize, int):
        raise TypeError(f"{op}: summarize must be an int (entries printed per tensor; -1 prints all); given "
                        f"{summarize!r}")
    return summarize


@recorded
def Print(input_, data, message=None, first_n=None, summarize=None, name=None) -> Tensor:  # noqa: N802 - TF1's name
    """``tf.Print(input_, data, message)``: ``input_`` unchanged; computing it writes ``message`` followed by each
    value of ``data`` in brackets (its first ``summarize`` entries, default 3) to stderr, the first ``first_n``
    times only when ``first_n`` is given."""
    x = as_tensor(input_)
    if isinstance(data, (Tensor, Operation)) or not isinstance(data, (list, tuple)):
        raise TypeError(f"tf.Print: data must be a list of tensors to print; given {type(data).__name__} (wrap one "
                        "tensor in a list: [x])")
    tensors = [as_tensor(item) for item in data]
    if message is not None and not isinstance(message, str):
        raise TypeError(f"tf.Print: message must be a string; given {type(message).__name__}")
    first_n = -1 if first_n is None else int(first_n)
    result = view(Tensor(x.expr, x.shape, x.dtype, name or "Print"), x)
    result.run_effect = PrintedValues(tensors, message or "", first_n, _summarize(summarize, "tf.Print"))
    marks_runs(get_default_graph())
    return result


Print.has_run_effect = True  # control_dependencies.run_steps: computing it prints


#: ``tf.print``'s output streams (TF1 also takes ``tf.logging`` functions and file paths, which symopt does not).
_STREAMS = {"stderr": lambda: sys.stderr, "stdout": lambda: sys.stdout}


def write(stream: str, text: str) -> None:
    """Write ``text`` to the stream named ``stream`` (a key of :data:`_STREAMS`); nothing when the process has none
    (``sys.stderr is None``: pythonw.exe, a service, ``prog.py 2>&-``), and the run goes on (probe67 P67-6: a bare
    AttributeError stopped the run); TF1's C++ print writes to file descriptor 2 (1) whatever ``sys.stderr`` is, so
    it writes nothing only where that descriptor is closed (review F43b-6)."""
    target = _STREAMS[stream]()
    if target is not None:
        target.write(text)


def _stream_name(stream) -> str:
    for name, current in _STREAMS.items():
        if stream is current() or stream is getattr(sys, f"__{name}__"):
            return name
    raise UnsupportedOperationError(f"tf.print(output_stream={stream!r}): symopt.compat.v1 prints to sys.stderr "
                                    "(the default) or sys.stdout; write to a file from the fetched values instead")


@recorded(returns="operation")
def print_v2(*inputs, output_stream=None, summarize=None, sep=" ", end="\n", name=None) -> Operation:
    """``tf.print(*inputs)``: an operation that writes the inputs, separated by ``sep`` and followed by ``end``, to
    ``output_stream`` (``sys.stderr``) when it runs: strings as they are, tensors NumPy-like with the first and
    last ``summarize`` entries of each axis (default 3, -1 all), other Python values as ``str`` writes them."""
    stream = _stream_name(sys.stderr if output_stream is None else output_stream)
    count = _summarize(summarize, "tf.print")
    parts = []
    for item in inputs:
        if isinstance(item, Operation):
            raise TypeError(f"tf.print cannot print the operation {item.name}; print the tensors it computes")
        if isinstance(item, (list, tuple, dict)) and any(isinstance(i, Tensor) for i in
                                                          (item.values() if isinstance(item, dict) else item)):
            raise UnsupportedOperationError("tf.print of a list or dict holding tensors is not supported yet by "
                                            "symopt.compat.v1; pass the tensors as separate arguments")
        parts.append(item)
    tensors = [item for item in parts if isinstance(item, Tensor)]

    def run(session, feed):
        values = iter(session.compute(tensors, feed) if tensors else [])
        texts = [summary_v2(next(values), count) if isinstance(item, Tensor) else str(item) for item in parts]
        write(stream, sep.join(texts) + end)
    return Operation(name or "PrintV2", run, type="PrintV2")


print = print_v2  # noqa: A001 - TF1's name: tf.print
