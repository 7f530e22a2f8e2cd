"""A progress bar for long runs: tqdm when it is installed (terminal and notebook), else a plain line.

``progress=None`` (the default) shows a bar only when standard error is a terminal or the code
runs in a notebook, and only once a run has lasted a second; ``True`` always, ``False`` never.
The bar's clock is read every 50 steps, and the bar redrawn there at most once every tqdm ``mininterval`` (0.1 s),
and at the last step: a 10⁶-step run writes a few dozen frames to a log, not 20 000 (probe65 P65-2); a run of slow
steps (1 s each) is redrawn only every 50 steps, not at tqdm's own pace (final43c F43c-11).  The cost the bar shows,
when it closes too, is the cost of the last step's point before that step's update, not ``result.value``.
"""

from __future__ import annotations

import functools
import importlib.util
import sys
import time

__all__ = ["progress_bar", "in_notebook"]


def in_notebook() -> bool:
    """Whether the code runs in a Jupyter kernel (IPython's shell of an ``IPKernelApp``), as tqdm.auto decides."""
    get_ipython = getattr(sys.modules.get("IPython"), "get_ipython", None)
    shell = get_ipython() if get_ipython is not None else None
    return shell is not None and "IPKernelApp" in getattr(shell, "config", {})


def _interactive() -> bool:
    if in_notebook():
        return True
    return bool(getattr(sys.stderr, "isatty", lambda: False)())


def _tqdm():
    """``tqdm.auto``'s bar: a widget in a notebook with ipywidgets, else text; None without tqdm.

    In a notebook without ipywidgets the text bar goes to standard output, so that it
    is not drawn as red error text (``tqdm.auto`` would warn and write to stderr).
    """
    try:
        if in_notebook() and importlib.util.find_spec("ipywidgets") is None:
            from tqdm.std import tqdm as text_bar
            return functools.partial(text_bar, file=sys.stdout)
        from tqdm.auto import tqdm
    except ImportError:
        return None
    return tqdm


class _Bar:
    def __init__(self, total: int, active: bool, delay: float):
        self.total, self.active, self.delay, self._bar = total, active, delay, None
        self._shown = False
        self._drawn_at = -float("inf")  # when the bar was last redrawn (tqdm's mininterval paces it: probe65 P65-2)
        self._last_cost = None  # shown when the bar closes: a method= run ends before its step limit

    def __enter__(self):
        self._start = time.perf_counter()
        return self

    def _show(self) -> None:
        """Open the bar once the run has lasted ``delay`` seconds (short runs print nothing)."""
        self._shown = True
        tqdm = _tqdm()
        self._bar = tqdm(total=self.total, unit="step") if tqdm is not None else None

    def update(self, step: int, cost: float) -> None:
        if not self.active:
            return
        if not self._shown:
            if time.perf_counter() - self._start < self.delay:
                return
            self._show()
        if self._bar is not None:
            self._bar.n, self._last_cost = step, cost
            if step % 50 == 0 or step == self.total:  # every 50 steps, at most once a mininterval
                now = time.perf_counter()
                if now - self._drawn_at >= self._bar.mininterval or step == self.total:
                    self._drawn_at = now
                    self._bar.set_postfix(cost=f"{cost:.4g}", refresh=False)
                    self._bar.refresh()
        elif step % max(1, self.total // 20) == 0 or step == self.total:
            print(f"\rstep {step}/{self.total}  cost {cost:.6g}", end="", file=sys.stderr, flush=True)

    def __exit__(self, *exc):
        if self._bar is not None:
            if self._last_cost is not None:
                self._bar.set_postfix(cost=f"{self._last_cost:.4g}", refresh=False)
            self._bar.close()
        elif self._shown:
            print(file=sys.stderr)
        return False


def progress_bar(total: int, enabled: bool | None) -> _Bar:
    """A context manager with ``update(step, cost)``; ``enabled=None`` means "when interactive, after 1 s"."""
    if enabled is None:
        return _Bar(total, _interactive(), delay=1.0)
    return _Bar(total, bool(enabled), delay=0.0)
