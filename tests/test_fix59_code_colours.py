"""P59-2: highlighted generated code paints its own background and ink on its <pre>, so a notebook's dark theme
(which restyles <pre> near-black with white text) never puts Pygments' blue names on near-black.

Oracle: the WCAG 2 contrast ratio, computed here from its definition, of every colour of the code against the
<pre>'s own background: at least 4.5 (readable text).
"""
import re

import pytest
import sympy

import symopt

pytest.importorskip("pygments")


def luminance(colour: str) -> float:
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(2 * d for d in digits)
    channels = [int(digits[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_code_pre_carries_its_own_background_and_readable_ink():
    w = sympy.Symbol("w")
    shown = symopt.compile(w**2, w)._repr_html_()
    pre = re.search(r'<pre style="([^"]*)"', shown).group(1)
    background = re.search(r"background(?:-color)?:\s*(#[0-9a-fA-F]{3,6})", pre).group(1)
    ink = re.search(r"(?<!-)color:\s*(#[0-9a-fA-F]{3,6})", pre).group(1)
    spans = re.findall(r'<span style="[^"]*?(?<!-)color:\s*(#[0-9a-fA-F]{3,6})[^"]*">([^<]*)</span>', shown)
    colours = {ink, *(colour for colour, content in spans if content.strip())}  # not the blank spaces' grey
    assert min(contrast(colour, background) for colour in colours) >= 4.5
