r"""Long derivation lines broken at a fixed width (probe52 P52-3).

A chain :math:`dJ/dw = dJ/du \cdot du/dw + dJ/dq \cdot dq/dw + \dots = 2ux_1 + \dots` longer than :data:`WIDTH`
characters of its text form continues on further lines: before an ``=`` (a side that fits a row whole is not cut
after its first term) or before a ``+``/``-`` between the terms of a side, never inside a group (but a term too
wide for a row is cut inside its first parenthesis: :func:`split_group`), and never before a piece too wide for a
line of its own.  An array's numbers stay beside their formula in the text (a terminal wraps
them); in LaTeX, where they would not fit beside it, they go on a row of their own (a row with no text), as wide as
the array's widest row (LaTeX stacks a wide array's blocks of columns).  The text indents a continuation to the ``=`` of its first line; LaTeX continues in the ``aligned`` environment, ``&= ...``
for a side and ``&\quad + ...`` for a term.  A point line (``forward (w = 0.5, x₁ = 1, ...)``) breaks after a comma
the same way.  Both forms break at the same places, chosen by the text's length
(a fraction typesets narrower than ``dJ/du``, so LaTeX rows are no wider than the text's lines).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .glyphs import TYPESET_COLUMNS


__all__ = ["WIDTH", "LIST_SEPARATOR", "Row", "broken_lines", "shown_width", "split_group", "wrapped_list",
           "wrapped_words", "split_terms"]

#: Between the items of a list in LaTeX (``w = 1,\; x = 2``): a comma and a thick space.  Not the control space
#: ``\ ``: MathJax defines it as a macro (``\text{ }``) and, at each expansion, checks the rest of the formula
#: against its 5 KB buffer, so a derivation with ``at=`` over 5 KB showed "MathJax internal buffer size exceeded"
#: in a notebook (probe47 P47-1).  symopt's LaTeX uses no macro that MathJax expands by substitution.
LIST_SEPARATOR = r",\; "

#: The widest line, in characters of the text form: rows cut at 100 typeset 735–823 pixels wide in JupyterLab's
#: 668-pixel output area (probe59 P59-3: a point line's ``,\;`` and the subscripts are wider than their text), rows
#: cut at 72 fit it (measured by tests/test_probe47_long_derivation_browser.py).
WIDTH = 72
#: The space between a typeset matrix's columns, in characters (a ``bmatrix`` sets them 1 em apart, wider than
#: the text's ``, ``).
COLUMN_GAP = 3
#: A LaTeX group's opening and closing tokens.
_LATEX_TOKEN = re.compile(r"\\left(?![A-Za-z])|\\right(?![A-Za-z])|\\[A-Za-z]+|\\.|.", re.S)


class Row(NamedTuple):
    """One line of the text and one row of the LaTeX."""

    text: str
    latex: str


def _text_depths(text: str) -> list[int]:
    depth, inside_bars, depths = 0, False, []
    for character in text:
        if character in "([{":
            depth += 1
        elif character in ")]}":
            depth -= 1
        elif character == "|":
            inside_bars = not inside_bars
        depths.append(depth + inside_bars)
    return depths


def _split_text(text: str, separators: tuple[str, ...]) -> list[str]:
    """``text`` cut before each separator (`` + ``, `` - ``) found outside every group; the separator starts the
    next piece."""
    depths, cuts = _text_depths(text), [0]
    for index in range(1, len(text)):
        if depths[index] == 0 and any(text.startswith(s, index) for s in separators) and index > cuts[-1]:
            cuts.append(index)
    return [text[a:b].strip() for a, b in zip(cuts, cuts[1:] + [len(text)])]


def _split_latex(latex: str, separators: tuple[str, ...]) -> list[str]:
    depth, position, cuts = 0, 0, [0]
    for token in _LATEX_TOKEN.findall(latex):
        if token in ("{", r"\left"):
            depth += 1
        elif token in ("}", r"\right"):
            depth -= 1
        elif depth == 0 and position > cuts[-1] and any(latex.startswith(s, position - 1) for s in separators):
            cuts.append(position - 1)
        position += len(token)
    return [latex[a:b].strip() for a, b in zip(cuts, cuts[1:] + [len(latex)])]


def split_terms(side) -> list[tuple[str, str]]:
    """A side's terms as ``(text, latex)`` pairs, each after the first with its sign (``+ 2ux₁``); the side whole
    where its two forms do not split into as many terms."""
    texts = _split_text(side.text, (" + ", " - "))
    latexes = _split_latex(side.latex, (" + ", " - "))
    if len(texts) != len(latexes):
        return [(side.text, side.latex)]
    return list(zip(texts, latexes))


def _text_group(text: str) -> tuple[int, int, list[int]] | None:
    """``(opening, closing, cuts)`` of the first outermost group of ``text`` (``(...)``) with a `` + ``/`` - ``
    between its own terms, ``cuts`` where those start; None where there is none."""
    depths, opening, cuts = _text_depths(text), None, []
    for index, character in enumerate(text):
        if depths[index] == 1 and character in "([{" and (index == 0 or depths[index - 1] == 0):
            opening, cuts = index, []
        elif depths[index] == 1 and opening is not None and text.startswith((" + ", " - "), index):
            cuts.append(index)
        elif depths[index] == 0 and opening is not None and character in ")]}":
            if cuts:
                return opening, index, cuts
            opening = None
    return None


def _latex_group(latex: str) -> tuple[int, list[int]] | None:
    r"""``(end, cuts)`` of the first outermost ``\left ... \right`` group of ``latex`` with a `` + ``/`` - ``
    between its own terms: ``end`` after its closing delimiter, ``cuts`` where those start (never inside a
    ``{...}``, which no row may cut)."""
    stack, position, cuts, closing = [], 0, [], False
    for token in _LATEX_TOKEN.findall(latex):
        position += len(token)
        if closing:  # the delimiter after \right
            if not stack and cuts:
                return position, cuts
            closing = False
            cuts = cuts if stack else []
        elif token in ("{", r"\left"):
            stack.append(token)
        elif token in ("}", r"\right"):
            stack.pop()
            closing = token == r"\right"
        elif stack == [r"\left"] and latex.startswith((" + ", " - "), position - 1):
            cuts.append(position - 1)
    return None


#: Where split_group cut a parenthesis, in LaTeX: two of its pieces on one row pair their delimiters again.
ROW_CUT = r" \right. \left. "
#: How a piece that multiplies the one before it starts (split_group's factors after a parenthesis).
FACTOR_STARTS = ("·", "(")


def split_group(text: str, latex: str) -> list[tuple[str, str]]:
    r"""A term too wide for a row (``2([argmax(...) = a] + [argmax(...) = u])·max(...)``) as pieces cut before each
    ``+``/``-`` between the terms of its first parenthesis, and before a ``·`` after it; in LaTeX the parenthesis
    closes each row with ``\right.`` and reopens the next with ``\left.`` (a ``\left``/``\right`` pair cannot
    span rows).  The term whole where its two forms do not cut alike."""
    found, group = _text_group(text), _latex_group(latex)
    if found is None or group is None or len(found[2]) != len(group[1]):
        return [(text, latex)]
    _, closing, cuts = found
    end, latex_cuts = group
    texts = [text[a:b].strip() for a, b in zip([0] + cuts, cuts + [closing + 1])]
    latexes = [latex[a:b].strip() for a, b in zip([0] + latex_cuts, latex_cuts + [end])]
    latexes = [("" if index == 0 else r"\left. ") + piece + ("" if index == len(latexes) - 1 else r" \right.")
               for index, piece in enumerate(latexes)]
    after, latex_after = text[closing + 1:].strip(), latex[end:].strip()
    if after.startswith("·"):  # a factor after the parenthesis: a piece of its own
        return list(zip(texts, latexes)) + [(after, latex_after if latex_after.startswith(r"\cdot") else
                                             r"\cdot " + latex_after)]
    if after.startswith("("):  # a parenthesised factor, 2(f′ + g′)(f + g): a piece of its own too (46d-7)
        return list(zip(texts, latexes)) + [(after, latex_after)]
    texts[-1], latexes[-1] = texts[-1] + after, (latexes[-1] + " " + latex_after).strip()
    return list(zip(texts, latexes))


#: How a side that is an array's numbers starts (``= [[0.5, 1], [2, 3]]``); an Iverson bracket's ``= [w > 0]`` is a
#: formula, cut and indented as any other (probe92 P92-6: taken for an array, its row's next side began at column 0).
ARRAY_SIDE = "= [["


def shown_width(piece: str) -> int:
    """A piece's width as shown: an array's (``= [[0.5, 1], [2, 3]]``) is that of its widest row of at most
    :data:`~symopt.display.glyphs.TYPESET_COLUMNS` entries, as LaTeX stacks its rows and its blocks of columns,
    with :data:`COLUMN_GAP` between entries; any other piece's is its length."""
    if not piece.startswith(ARRAY_SIDE):
        return len(piece)
    rows = [row.split(", ")[:TYPESET_COLUMNS] for row in re.findall(r"\[([^\[\]]*)\]", piece)]
    return len("= [[]]") + max(sum(map(len, row)) + COLUMN_GAP * (len(row) - 1) for row in rows)


def broken_lines(equation, width: int = WIDTH) -> list[Row]:
    """The chain ``equation`` (its sides) as rows no wider than ``width`` where it can be cut: one row when it fits."""
    lhs, sides = equation[0], equation[1:]
    first = "  " + lhs.text
    whole = Row(first + "".join(" = " + side.text for side in sides),
                f"{lhs.latex} &= " + " = ".join(side.latex for side in sides))
    if len(whole.text) <= width or not sides:
        return [whole]
    indent = " " * (len(first) + 1)  # a continuation's = or + under the first line's =
    rows = [([first], [f"{lhs.latex} &"], [len(first)])]  # each row: its text pieces, LaTeX pieces, shown width
    for side in sides:
        whole_side = len("= " + side.text)
        if (len(rows[-1][0]) > 1 and not ("= " + side.text).startswith(ARRAY_SIDE)
                and rows[-1][2][0] + 1 + whole_side > width >= len(indent) + whole_side):
            rows.append(([indent + "= " + side.text], ["&= " + side.latex], [len(indent) + whole_side]))
            continue  # the side whole on a row of its own, rather than cut after its first term
        whole_terms = split_terms(side)
        terms = [piece for term in whole_terms for piece in
                 (split_group(*term) if len(indent) + 2 + len(term[0]) > width else [term])]
        opens_cut = bool(whole_terms) and terms[0] != whole_terms[0]  # its first piece ends inside a parenthesis
        for index, (text, latex) in enumerate(terms):
            text, latex = ("= " + text, "= " + latex) if index == 0 else (text, latex)
            texts, latexes, length = rows[-1]
            piece = shown_width(text)
            if index == 0 and opens_cut and len(texts) > 1:  # not a dangling "= uw(w" after another side (46d-8)
                rows.append(([indent + text], ["&" + latex], [len(indent) + piece]))
                continue
            alone_too_wide = not text.startswith(ARRAY_SIDE) and len(indent) + piece > width
            if len(rows) == len(texts) == 1 or alone_too_wide or length[0] + 1 + piece <= width:
                texts.append(text)
                latexes.append(latex)
                length[0] += 1 + piece
            elif text.startswith(ARRAY_SIDE):  # the text's numbers stay beside their formula (a terminal wraps them)
                texts.append(text)
                rows.append(([], ["&" + latex], [len(indent) + piece]))
            else:
                rows.append(([indent + text], [("&" if index == 0 else r"&\quad ") + latex], [len(indent) + piece]))
    first_texts, first_latexes, _ = rows[0]
    first_latexes[:2] = [first_latexes[0] + first_latexes[1]]  # lhs &= side: no space before the =
    return [Row(joined(texts), " ".join(latexes).replace(ROW_CUT, " ")) for texts, latexes, _ in rows]


def joined(texts: list[str]) -> str:
    """A row's text pieces, a space between terms and none before a factor (``·exp(a)``, ``(f + g)``: 46d-8)."""
    return "".join(text if index == 0 or text.startswith(FACTOR_STARTS) else " " + text
                   for index, text in enumerate(texts))


def wrapped_list(title: str, note, width: int = WIDTH) -> tuple[list[str], list[str]]:
    r"""A section's title and its list (``forward (w = 0.5, x₁ = 1, ...)``) as text lines and LaTeX rows, cut after a
    comma where a text line would pass ``width``; the LaTeX rows start ``&\text{forward} \quad`` and ``&\quad``."""
    items = _split_text(note.text, (", ",))
    items = [items[0]] + [item[1:].strip() for item in items[1:]]  # each comma stays with the item before it
    latexes = note.latex.split(LIST_SEPARATOR)
    opening = f"{title} ("
    latex_opening = rf"&\text{{{title}}} \quad "
    if len(items) != len(latexes) or len(opening) + len(note.text) + 1 <= width:
        return [f"{opening}{note.text})"], [latex_opening + note.latex]
    texts, rows = [opening + items[0]], [latex_opening + latexes[0]]
    for text, latex in zip(items[1:], latexes[1:]):
        if len(texts[-1]) + 2 + len(text) + 1 > width:
            texts[-1] += ","
            rows[-1] += ","
            texts.append(" " * len(opening) + text)
            rows.append(r"&\quad " + latex)
        else:
            texts[-1] += ", " + text
            rows[-1] += LIST_SEPARATOR + latex
    texts[-1] += ")"
    return texts, rows


#: A piece of a remark's LaTeX that is never cut: its math (``$A_{2} - Y$``) or one word.
_REMARK_PIECE = re.compile(r"\$(?:\\.|[^$\\])*\$\S*|(?:\\.|[^\s$\\])+")
#: What LaTeX shows of no width, for measuring a remark: commands and braces (``A_{2}`` counts as ``A2``).
_UNSHOWN = re.compile(r"\\[A-Za-z]+|[{}$_^]")


def wrapped_words(latex: str, width: int = WIDTH) -> list[str]:
    r"""A remark's LaTeX (words and ``$math$``) cut between its pieces into lines of at most ``width`` shown
    characters, never inside its math: a remark row wider than the output area cannot scroll into view (probe59
    P59-3)."""
    lines: list[str] = []
    for piece in _REMARK_PIECE.findall(latex):
        if lines and len(_UNSHOWN.sub("", lines[-1] + " " + piece)) <= width:
            lines[-1] += " " + piece
        else:
            lines.append(piece)
    return lines or [latex]
