"""probe65 P65-2: progress=True redrew the tqdm bar every 50 steps whatever the time (20 001 frames, 1.4 MB of log
per 10⁶ steps); it now redraws at tqdm's own pace, at most once a mininterval, and at the last step.  A fake clock
makes the count exact (no wall time); the oracle is tqdm's documented pacing: one frame per mininterval elapsed."""

import contextlib
import io
import re

import pytest

pytest.importorskip("tqdm")
import tqdm.std  # noqa: E402

import symopt  # noqa: E402
from symopt import progress  # noqa: E402


class FakeClock:
    """``time.perf_counter`` advancing ``tick`` seconds a call."""

    def __init__(self, tick: float):
        self.now, self.tick = 0.0, tick

    def perf_counter(self) -> float:
        self.now += self.tick
        return self.now


def test_the_bar_is_redrawn_once_a_mininterval_and_at_the_end(monkeypatch):
    clock = FakeClock(tick=1e-3)  # the run reads the clock once each 50 steps: 20 s of fake time per 10⁶ steps
    monkeypatch.setattr(progress, "time", clock)
    frames = {"count": 0}
    refresh = tqdm.std.tqdm.refresh

    def counted(self, *args, **kwargs):
        frames["count"] += 1
        return refresh(self, *args, **kwargs)
    monkeypatch.setattr(tqdm.std.tqdm, "refresh", counted)
    w = symopt.Variable("w", 0.0)
    steps = 50_000
    written = io.StringIO()
    with contextlib.redirect_stderr(written):
        result = symopt.minimize((w - 3) ** 2, w, optimizer=symopt.Adam(0.001), steps=steps, progress=True)
    assert result.steps == steps
    fake_clock, mininterval = clock.now, 0.1  # the fake clock's reading at the end; tqdm's default mininterval
    assert frames["count"] <= fake_clock / mininterval + 3  # was steps // 50 = 1000 frames
    assert fake_clock <= (steps // 50 + 5) * clock.tick  # the clock is read once a redraw's turn, not every step
    assert f"{steps}/{steps}" in written.getvalue().split("\r")[-1]  # the last step is drawn
    assert re.search(r"cost=\d", written.getvalue())
