r"""Render sections of equation chains as Unicode text, LaTeX and Markdown.

An equation chain is a left side and right sides joined by ``=``
(:math:`dJ/db = dJ/du \cdot du/db = 3c = 6`); each side carries its text and its
LaTeX.  A derivation is three sections of chains: forward, backward, gradient.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..ascii_output import for_stdout
from ..depth import depth_limit
from .glyphs import distinct_names
from .line_breaks import LIST_SEPARATOR, WIDTH, broken_lines, wrapped_list, wrapped_words
from .plain_text import pretty_text

__all__ = ["Side", "Section", "chain", "to_text", "to_latex", "to_markdown", "Rendered", "LIST_SEPARATOR", "one_line",
           "WIDTH", "broken_lines"]



@dataclass(frozen=True)
class Side:
    """One side of an equation, as Unicode text and as LaTeX."""

    text: str
    latex: str


@dataclass(frozen=True)
class Section:
    """A titled list of equation chains; ``note`` (text, LaTeX) follows the title, e.g. the point of evaluation;
    ``remarks`` (:mod:`.remarks`: LaTeX in text mode) say what the lines assume (one-hot labels) or where a term comes
    from (a penalty's gradient): after the note in the text's title line, on rows of their own in LaTeX and as a
    list in Markdown."""

    title: str
    heading: str
    equations: tuple[tuple[Side, ...], ...]
    note: Side | None = None
    remarks: tuple[Side, ...] = ()


#: The longest formula a ``repr`` shows whole (``<Derivation of J = w² - 10w + 25 w.r.t. w>``).
REPR_WIDTH = 72


def one_line(text: str, width: int = REPR_WIDTH) -> str:
    """``text`` for a one-line ``repr``: whole up to ``width`` characters, else cut with ``…``."""
    return text if len(text) <= width else text[:width - 1] + "…"


def chain(*sides: Side | None) -> tuple[Side, ...]:
    """The sides without ``None`` and without a side that repeats the one before it (``3 = 3``)."""
    kept: list[Side] = []
    for side in sides:
        if side is not None and not (kept and kept[-1].text == side.text):
            kept.append(side)
    return tuple(kept)


def to_text(sections: tuple[Section, ...]) -> str:
    """One title line per section, then one indented line per chain; a line longer than :data:`WIDTH` continues on
    lines indented to its ``=`` (:func:`broken_lines`)."""
    lines = []
    for section in sections:
        if section.note and not section.remarks:
            lines += wrapped_list(section.title, section.note)[0]
        else:
            notes = ([section.note.text] if section.note else []) + [remark.text for remark in section.remarks]
            lines.append(section.title + (f" ({'; '.join(notes)})" if notes else ""))
        for equation in section.equations:
            lines += [row.text for row in broken_lines(equation) if row.text]  # none: an array's LaTeX row
    return "\n".join(lines)


def _aligned(equations) -> list[str]:
    return [row.latex for equation in equations for row in broken_lines(equation)]


def to_latex(sections: tuple[Section, ...]) -> str:
    r"""One ``aligned`` environment; each section opens with ``&\text{title}``; a long chain continues on rows of its
    own (``&\quad + ...``, ``&= ...``), as a long point line does (:data:`WIDTH`)."""
    rows = []
    for section in sections:
        if section.note:
            rows += wrapped_list(section.title, section.note)[1]
        else:
            rows.append(f"&\\text{{{section.title}}}")
        for remark in section.remarks:
            first, *continued = wrapped_words(remark.latex)
            rows.append(f"&\\quad \\text{{{first}}}")
            rows.extend(f"&\\qquad \\text{{{line}}}" for line in continued)  # indented further
        rows.extend(_aligned(section.equations))
    return "\\begin{aligned}\n" + " \\\\\n".join(rows) + "\n\\end{aligned}"


def to_markdown(sections: tuple[Section, ...]) -> str:
    """A bold heading per section, its remarks as a list, and a display-math block of its chains."""
    blocks = []
    for section in sections:
        note = f" (${section.note.latex}$)" if section.note else ""
        remarks = ["\n".join(f"- {remark.latex}" for remark in section.remarks)] if section.remarks else []
        body = " \\\\\n".join(_aligned(section.equations))
        math = f"$$\n\\begin{{aligned}}\n{body}\n\\end{{aligned}}\n$$"
        blocks.append("\n\n".join([f"**{section.heading}**{note}", *remarks, math]))
    return "\n\n".join(blocks) + "\n"


class Rendered:
    """Text, LaTeX, Markdown and the notebook's LaTeX of anything with ``sections()``."""

    def sections(self) -> tuple[Section, ...]:
        raise NotImplementedError

    def shown_expressions(self) -> tuple:
        """The expressions whose symbols the display names (two names printing alike are then shown as typed)."""
        return ()

    def text(self) -> str:
        """Unicode text, one step per line."""
        with depth_limit("display"), distinct_names(self.shown_expressions()):
            return to_text(self.sections())

    def __str__(self) -> str:
        return for_stdout(self.text())  # print() on a console without Unicode writes the ASCII form

    def latex(self) -> str:
        """LaTeX: one ``aligned`` environment."""
        with depth_limit("display"), distinct_names(self.shown_expressions()):
            return to_latex(self.sections())

    def markdown(self) -> str:
        """Markdown with a display-math block per section."""
        with depth_limit("display"), distinct_names(self.shown_expressions()):
            return to_markdown(self.sections())

    def _repr_latex_(self) -> str:
        return f"$${self.latex()}$$"

    def _repr_pretty_(self, printer, cycle: bool) -> None:
        """IPython's plain text (a terminal, a console, a text-only front end): the text ``str()`` prints, not the
        one-line ``repr`` (probe47 P47-5); the ``repr`` within a list or dict (:func:`pretty_text`, final42g F42g-9)."""
        pretty_text(self, printer, cycle)
