"""The library's advice in the command line's words: a run's message may name a keyword of :func:`symopt.minimize`
that ``symopt minimize`` has no option for (``clip_norm=1.0``); here each such phrase becomes what to type instead.
No SymPy here: the CLI loads it with its messages."""

from __future__ import annotations

import re

__all__ = ["COMMAND_LINE_ADVICE", "in_command_line_words"]

#: A phrase of the library's advice (a regular expression) → the command line's words for it.
COMMAND_LINE_ADVICE = {
    # a stalled Adagrad/Adadelta/Adam run (first_order_verdicts.stalled_verdict): gd and momentum divide by no g²
    r", or pass clip_norm=1\.0": ", or take an --optimizer that divides by no accumulated g² (--optimizer gd or "
                                 "--optimizer momentum)",
    # a diverged run (divergence_advice): the command line has no clipping
    r"clip the gradients \(clip_norm=\.\.\.\)": "another --optimizer (--optimizer momentum or --optimizer adam)",
    r"a smaller learning rate than (\S+?),": r"a smaller --lr than \1,",
}


def in_command_line_words(message: str) -> str:
    """``message`` with each phrase of :data:`COMMAND_LINE_ADVICE` in the command line's words."""
    for phrase, words in COMMAND_LINE_ADVICE.items():
        message = re.sub(phrase, words, message)
    return message
