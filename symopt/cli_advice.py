"""The library's advice in the command line's words: a run's message may name a keyword of :func:`symopt.minimize`
that ``symopt minimize`` has no option for (``clip_norm=1.0``); here each such phrase becomes what to type instead,
and an optimizer to try instead is never the one that ran (nor another name of its update rule).
No SymPy here: the CLI loads it with its messages."""

from __future__ import annotations

import re

__all__ = ["COMMAND_LINE_ADVICE", "UPDATE_RULE", "in_command_line_words"]

#: A phrase of the library's advice (a regular expression) → the command line's words for it, and the optimizers
#: (first choices first) that ``{optimizers}`` offers: the first two whose update rule is not the run's.
COMMAND_LINE_ADVICE = {
    # a stalled Adagrad/Adadelta/Adam run (first_order_verdicts.stalled_verdict): gd and momentum divide by no g²
    r", or pass clip_norm=1\.0": (", or take an --optimizer that divides by no accumulated g² ({optimizers})",
                                  ("gd", "momentum")),
    # a diverged run (divergence_advice): the command line has no clipping; gd before Adam's and RMSProp's g², which
    # overflows where |g| passes 1.34e154: a momentum run was sent to those two alone, and they back to it (47d-3)
    r"clip the gradients \(clip_norm=\.\.\.\)": ("another --optimizer ({optimizers})",
                                                   ("momentum", "gd", "adam", "rmsprop")),
    # a run the cost's growth calls diverging (growth_check): no Python function, and no momentum option (47d-4)
    r"Lower the learning rate \(on a quadratic cost gradient descent needs lr < 2/λ_max: "
    r"symopt\.second_order\.stable_step_size\), and keep a momentum below 1 \(above 1 it grows at every rate\)": (
        "Lower --lr (on a quadratic cost gradient descent needs an --lr below 2/λ_max, λ_max the largest eigenvalue "
        "of the Hessian)", ()),
    # a NaN divergence where g² overflows an accumulator (overflow_diagnoses.squared_gradient_overflow)
    r"clip the gradients \(clip_norm=\.\.\. or clip_value=\.\.\.\)": (
        "take an --optimizer that accumulates no g² ({optimizers})", ("gd", "momentum")),
    r'\(dtype="float64"\)': ("(--dtype float64)", ()),
    r"a smaller learning rate than (\S+?),": (r"a smaller --lr than \1,", ()),
}

#: ``--optimizer`` names that are a variant of another's update rule (Adam's with its epsilon placed otherwise, or
#: with decoupled weight decay): offered instead of it, they would be the same advice.
UPDATE_RULE = {"adamw": "adam", "keras_adam": "adam", "pytorch_adam": "adam", "nadam": "adam",
               "proximal_gd": "gd", "proximal_adagrad": "adagrad"}


def in_command_line_words(message: str, optimizer: str | None = None) -> str:
    """``message`` with each phrase of :data:`COMMAND_LINE_ADVICE` in the command line's words; the optimizers it
    offers leave out ``optimizer`` (the ``--optimizer`` that ran) and the names of its :data:`UPDATE_RULE`."""
    ran = UPDATE_RULE.get((optimizer or "").lower(), (optimizer or "").lower())
    for phrase, (words, choices) in COMMAND_LINE_ADVICE.items():
        others = [name for name in choices if name != ran][:2]
        offered = " or ".join(f"--optimizer {name}" for name in others)
        message = re.sub(phrase, words.replace("{optimizers}", offered), message)
    return message
