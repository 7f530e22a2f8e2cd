"""A progress bar for long runs: tqdm when it is installed (terminal and notebook), else a plain line.

Off by default unless standard error is a terminal or the code runs in a notebook.
"""

from __future__ import annotations

import sys

__all__ = ["progress_bar"]


def _interactive() -> bool:
    if "ipykernel" in sys.modules:
        return True
    return bool(getattr(sys.stderr, "isatty", lambda: False)())


class _Bar:
    def __init__(self, total: int, active: bool):
        self.total, self.active, self._bar = total, active, None

    def __enter__(self):
        if self.active:
            try:
                from tqdm.auto import tqdm
            except ImportError:
                tqdm = None
            self._bar = tqdm(total=self.total, unit="step") if tqdm is not None else None
        return self

    def update(self, step: int, cost: float) -> None:
        if not self.active:
            return
        if self._bar is not None:
            self._bar.n = step
            if step % 50 == 0 or step == self.total:
                self._bar.set_postfix(cost=f"{cost:.4g}", refresh=False)
                self._bar.refresh()
        elif step % max(1, self.total // 20) == 0 or step == self.total:
            print(f"\rstep {step}/{self.total}  cost {cost:.6g}", end="", file=sys.stderr, flush=True)

    def __exit__(self, *exc):
        if self._bar is not None:
            self._bar.close()
        elif self.active:
            print(file=sys.stderr)
        return False


def progress_bar(total: int, enabled: bool | None) -> _Bar:
    """A context manager with ``update(step, cost)``; ``enabled=None`` means "when interactive"."""
    return _Bar(total, _interactive() if enabled is None else bool(enabled))
