"""Shared pytest configuration.

``--oracle-long`` switches ``tests/test_oracle.py`` from its fast profile (a few hundred
random expressions, well under a minute) to the long one (at least 10 000 expressions).
"""

from __future__ import annotations

from collections import Counter

import pytest

_ORACLE_COUNTS = pytest.StashKey[Counter]()


def pytest_addoption(parser):
    parser.addoption("--oracle-long", action="store_true", default=False,
                     help="run the gradient oracle (tests/test_oracle.py) on at least 10 000 random expressions")


@pytest.fixture(scope="session")
def oracle_long(request) -> bool:
    """True when the long oracle profile was asked for with ``--oracle-long``."""
    return bool(request.config.getoption("--oracle-long"))


@pytest.fixture(scope="session")
def oracle_counts(request) -> Counter:
    """Counts of expressions the oracle checked (and rejected), printed in the terminal summary."""
    return request.config.stash.setdefault(_ORACLE_COUNTS, Counter())


@pytest.fixture
def count_calls(monkeypatch):
    """``count_calls(module, name)``: ``module.name`` wrapped for this test, and the list that grows by one entry
    per call (work bounded by structure is asserted on counts, never on time)."""
    def counting(module, name: str) -> list:
        calls = []
        original = getattr(module, name)

        def counted(*args, **kwargs):
            calls.append(1)
            return original(*args, **kwargs)
        monkeypatch.setattr(module, name, counted)
        return calls
    return counting


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    counts = config.stash.get(_ORACLE_COUNTS, None)
    if not counts:
        return
    checked = sum(v for k, v in counts.items() if k.startswith("checked "))
    terminalreporter.write_sep("-", "gradient oracle")
    terminalreporter.write_line(f"expressions checked: {checked} "
                                f"({'long' if config.getoption('--oracle-long') else 'fast'} profile)")
    for key in sorted(counts):
        terminalreporter.write_line(f"  {key}: {counts[key]}")
