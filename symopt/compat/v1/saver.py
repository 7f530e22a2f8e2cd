"""``tf.train.Saver``: variables and optimizer slots of a session in one ``.npz`` file, written atomically;
``tf.train.latest_checkpoint`` / ``get_checkpoint_state`` find the newest one.

Variables are stored under their TF names (``Variable``, ``W1``, ...); each training
operation's slots under ``<n>/<slot>`` where ``n`` is the operation's creation index in the
graph, so a program that rebuilds the same graph restores the same optimizer state.  Beside the file ``path`` a
save writes ``path.index``, which only names it (TF1 writes ``path.index`` and ``path.data-00000-of-00001``, and
resume scripts test ``os.path.exists(path + ".index")``).  As TF1's, each save also writes the index file
``checkpoint`` next to it (TF1's text format)::

    model_checkpoint_path: "model.ckpt-3"
    all_model_checkpoint_paths: "model.ckpt-2"
    all_model_checkpoint_paths: "model.ckpt-3"

(a path saved as an absolute path is written absolute, a relative one relative to the directory).
"""

from __future__ import annotations

import codecs
import contextlib
import json
import locale
import os
import re
from pathlib import Path
from typing import NamedTuple

import numpy as np

from ...checkpoint import Checkpoint, load_checkpoint, replace_atomically, save_checkpoint
from ...errors import CheckpointError, UnsupportedOperationError
from .errors import FailedPreconditionError, InvalidArgumentError, NotFoundError, PermissionDeniedError, \
    missing_attributes
from .graph import get_default_graph, program_dtype
from .saver_paths import check_save_path, save_denied
from .local_paths import local_path

__all__ = ["Saver", "checkpoint_exists", "CheckpointState", "get_checkpoint_state", "latest_checkpoint", "INDEX_FILE",
           "tensorflow_format"]

#: The index file TF1's ``Saver`` keeps in a checkpoint directory.
INDEX_FILE = "checkpoint"
#: The suffix of the file TF1 writes beside each checkpoint's data, which resume scripts test for.
MARKER = ".index"
#: One line of the index: ``key: "text"`` or ``key: number`` (TF1 also writes timestamps).
INDEX_LINE = re.compile(r'^\s*(\w+)\s*:\s*(?:"((?:[^"\\]|\\.)*)"|[-+0-9.eE]+)\s*$')


class CheckpointState(NamedTuple):
    """``tf.train.get_checkpoint_state``'s answer: the newest checkpoint and the kept ones (paths as saved,
    relative ones joined to the directory)."""
    model_checkpoint_path: str
    all_model_checkpoint_paths: list


class Saver:
    """``Saver(var_list=None, max_to_keep=5)``: ``save(sess, save_path)`` and ``restore(sess, save_path)``."""

    def __init__(self, var_list=None, max_to_keep: int = 5, pad_step_number: bool = False, **unused):
        self.graph = get_default_graph()
        listed = var_list if var_list is not None else self.graph.variables
        slots = _slots_of(listed)
        self.names = _named(_without_slots(listed) if slots else listed)
        if not self.names and not slots:  # TF1 refuses at once (a Saver made before the variables saves nothing)
            raise ValueError("No variables to save (make the tf.train.Saver after the variables it saves)")
        self.variables = list(self.names.values())
        # TF1's default list holds the slot variables existing now (a Saver made before minimize has none); a given
        # var_list holds exactly its variables, optimizer slots included (tf.global_variables() lists them)
        self.train_steps = list(self.graph.train_steps) if var_list is None else \
            [step for step in self.graph.train_steps if slots and set(step.tf1_slots) <= slots]
        self.max_to_keep = max_to_keep
        self.pad_step_number = pad_step_number  # TF1's "model-00000005" suffix
        self.saved: list = []  # the index's entries of this saver's saves, oldest first
        self.paths: list = []  # the paths of this saver's saves, oldest first (last_checkpoints)

    @property
    def last_checkpoints(self) -> list:
        """TF1's ``saver.last_checkpoints``: the paths of this saver's kept checkpoints, oldest first."""
        return list(self.paths)

    def save(self, sess, save_path: str, global_step=None, latest_filename: str | None = None,
             write_state: bool = True, **unused) -> str:
        """Write every variable's value and every started optimizer's slots; returns the path.  The index file
        (``latest_filename``, default ``checkpoint``) of the path's directory then names it the newest.  A path TF1
        refuses is refused before anything is written (:func:`~symopt.compat.v1.saver_paths.check_save_path`)."""
        save_path = local_path(save_path, "tf.train.Saver.save")  # gs://: refused, never ./gs:/ (F44b-6)
        if global_step is not None and not isinstance(global_step, (int, float)) and hasattr(global_step, "expr"):
            global_step = sess.run(global_step)  # a global step variable, as TF1 accepts
        step = None if global_step is None else f"{int(global_step):08d}" if self.pad_step_number else \
            str(int(global_step))
        path = f"{save_path}-{step}" if step is not None else str(save_path)
        check_save_path(save_path, path)
        missing = [v.op_name for v in self.variables if v.expr not in sess.values]
        if missing:
            raise FailedPreconditionError(f"Attempting to save uninitialized variables {missing}: "
                                          "run tf.global_variables_initializer() first")
        params = {name: np.asarray(sess.values[v.expr]).reshape(v.shape) for name, v in self.names.items()}
        slots, shared = {}, {}
        for index, step in enumerate(self.train_steps):
            state = sess.optimizer_state.get(step)
            if state is None:
                continue
            for position, value in enumerate(state[0]):
                slots[f"{index}/{position}"] = np.asarray(value)
            for position, value in enumerate(state[1]):
                shared[f"{index}/{position}"] = np.asarray(value)
        names = {str(index): step.tf1_slots for index, step in enumerate(self.train_steps)}
        try:
            save_checkpoint(path, Checkpoint(params, slots, shared, optimizer=json.dumps(names) if names else ""))
        except PermissionError as error:  # a directory this process may not write in
            raise save_denied(save_path, os.path.dirname(path) or ".", error) from None
        _write_marker(path)
        if write_state:
            self._write_index(path, latest_filename or INDEX_FILE)
        if self.max_to_keep:  # TF1 records no checkpoints when max_to_keep is None or 0 (it keeps every file)
            self.paths = ([p for p in self.paths if p != path] + [path])[-self.max_to_keep:]
        return path

    def _write_index(self, path: str, filename: str) -> None:
        """TF1's ``checkpoint`` file, replaced atomically: the newest path and this saver's last ``max_to_keep``;
        the files of this saver's older saves are deleted, as TF1 does (``max_to_keep=None`` or 0 keeps them all)."""
        directory = os.path.dirname(path) or "."
        entry = path if os.path.isabs(path) else os.path.basename(path)
        self.saved = [p for p in self.saved if p != entry] + [entry]
        if self.max_to_keep:
            for old in self.saved[:-self.max_to_keep]:
                for name in (old, f"{old}{MARKER}"):
                    with contextlib.suppress(FileNotFoundError):
                        os.remove(os.path.join(directory, name))
            self.saved = self.saved[-self.max_to_keep:]
        lines = [f'model_checkpoint_path: "{_escaped(entry)}"']
        lines += [f'all_model_checkpoint_paths: "{_escaped(p)}"' for p in self.saved]
        text = ("\n".join(lines) + "\n").encode("utf-8")  # TF1's, whatever the locale's (probe67 P67-4)
        replace_atomically(Path(directory, filename), lambda stream: stream.write(text))  # the umask's mode, as TF1
        # gives its files (final47f 47f-5: mkstemp's 0600 kept other accounts from finding the newest checkpoint)

    __getattr__ = missing_attributes("tf.train.Saver")  # export_meta_graph, ...: a typed error naming it

    def __copy__(self) -> "Saver":
        """``copy.copy``: another saver of the same variables sharing this one's lists, as TF1's shallow copy."""
        copied = object.__new__(Saver)
        copied.__dict__.update(self.__dict__)
        return copied

    def __reduce_ex__(self, protocol):
        """``pickle`` and ``copy.deepcopy`` are refused, naming the Saver (TF 2.21 raises NotImplementedError in
        graph mode; symopt refused them as pickling the saver's Graph: probe95 P95-5)."""
        raise UnsupportedOperationError(
            "cannot pickle or deep-copy a tf.train.Saver: it belongs to the graph whose variables it saves (TF1 "
            "refuses it too). Save the values with saver.save(sess, path); in the other process build the graph "
            "again with the same code, make a tf.train.Saver() there and call saver.restore(sess, path)")

    def __deepcopy__(self, memo):
        return self.__reduce_ex__(4)

    def restore(self, sess, save_path: str) -> None:
        """Set the variables (and optimizer slots) of ``sess`` from a file written by :meth:`save` (a missing file is
        TF1's ValueError "The passed save_path is not a valid checkpoint")."""
        if save_path is None:  # tf.train.latest_checkpoint of an empty directory (the first run of a resume script)
            raise CheckpointError("Can't load save_path when it is None. (tf.train.latest_checkpoint found no "
                                  "checkpoint: initialize the variables instead, e.g. if path is None: "
                                  "sess.run(tf.global_variables_initializer()))")
        save_path = local_path(save_path, "tf.train.Saver.restore")
        if tensorflow_format(save_path):
            raise CheckpointError(
                f"{save_path} is a checkpoint in TensorFlow's own format ({save_path}.index and {save_path}.data-*, "
                "written by real TensorFlow), which symopt.compat.v1 cannot read; symopt's Saver writes one .npz "
                "file. Export the values with TensorFlow (e.g. np.savez of sess.run(variables)) and set them with "
                "variable.load(array, sess)")
        if not checkpoint_exists(save_path):
            raise CheckpointError(f"The passed save_path is not a valid checkpoint: {save_path} (expected a file "
                                  "written by tf.train.Saver.save)")
        try:
            stored = load_checkpoint(save_path)
        except CheckpointError as error:  # TF1's PermissionDeniedError for a file this process may not read
            if isinstance(error.__cause__, PermissionError):
                raise PermissionDeniedError(str(error)) from error.__cause__
            raise
        missing = [name for name in self.names if name not in stored.params]
        if missing:
            raise NotFoundError(f"{save_path} holds {sorted(stored.params)}; variables {missing} are not "
                                       "in it. Restore into the same graph that was saved, or name what it holds "
                                       "with a dict: tf.train.Saver({'saved_name': variable})")
        values = {}
        for name, variable in self.names.items():
            saved = np.asarray(stored.params[name])
            if not _stored_as(saved.dtype, variable.dtype):  # TF1 never casts a restored value
                raise InvalidArgumentError(
                    f"Restoring from checkpoint failed. This is most likely due to a mismatch between the current "
                    f"graph and the graph from the checkpoint: {name} was saved as {saved.dtype} and the variable is "
                    f"{variable.dtype.name}; restore into a variable of the saved dtype (or cast after restoring)")
            value = np.asarray(saved, dtype=variable.dtype.name)
            if value.shape != variable.start_value.shape:
                raise InvalidArgumentError(f"{name}: saved shape {value.shape} does not match the "
                                           f"variable's {variable.start_value.shape}")
            values[variable] = value
        states = {}
        saved_slots = json.loads(stored.optimizer) if stored.optimizer.startswith("{") else None
        if saved_slots is None and not stored.slots and not stored.shared:  # saved before any optimizer existed
            saved_slots = {}  # (probe24 P24-3: restored "successfully", then the step refused its missing slots)
        for index, step in enumerate(self.train_steps):
            held = saved_slots.get(str(index), []) if saved_slots is not None else None
            missing = [n for n in step.tf1_slots if n not in held] if held is not None else []
            if missing and len(step.group) > 1 and set(missing) <= _held_elsewhere(saved_slots, index):
                continue  # a second minimize of one optimizer: its slots restored with the first's (46a2-7)
            if missing:
                names = sorted(n for v in saved_slots.values() for n in v)
                raise NotFoundError(
                    "Restoring from checkpoint failed. This is most likely due to a Variable name or other graph key "
                    f"that is missing from the checkpoint. Key {missing[0]} not found in checkpoint {save_path} "
                    f"({f'it holds the optimizer slots {names}' if names else 'it holds no optimizer slots'}): "
                    "restore the weights alone with tf.train.Saver(var_list=[...]) and initialise the optimizer's "
                    "variables (tf.variables_initializer(optimizer.variables()))")
            states[step] = None  # fresh slots unless the checkpoint holds some (an optimizer that had not stepped)
            if held is not None and held != step.tf1_slots and not step.tf1_slots:
                continue  # an optimizer without slots (GradientDescent): the saved ones are ignored, as TF1 (R33-4)
            slots = [stored.slots[k] for k in sorted((k for k in stored.slots if k.startswith(f"{index}/")),
                                                     key=lambda k: int(k.split("/")[1]))]
            if held is not None and held != step.tf1_slots and len(slots) == len(held):  # more saved than needed
                slots = [slots[held.index(name)] for name in step.tf1_slots]  # (var_list a subset): by name, R33-14
            shared = [np.float32(stored.shared[k]) for k in sorted(
                (k for k in stored.shared if k.startswith(f"{index}/")), key=lambda k: int(k.split("/")[1]))]
            if len(slots) not in (0, len(step.variables) * step.width):  # a file written before names were saved
                raise NotFoundError(f"Restoring from checkpoint failed: {save_path} holds {len(slots)} optimizer "
                                    f"slots for training operation {index}, which has "
                                    f"{len(step.variables) * step.width}")
            if slots or shared:
                dtype = np.dtype(step.dtype)
                states[step] = ([np.asarray(v, dtype=dtype) if np.ndim(v) else dtype.type(v) for v in slots], shared)
        for variable, value in values.items():  # every check passed: change the session's state in one go
            sess.assign(variable, value)
        for step, state in states.items():
            if state is None:  # slots at their initial values: saved before the first step (review33 R33-5)
                sess.optimizer_state.pop(step, None)
            else:
                sess.optimizer_state[step] = state
            sess.initialized_steps.add(step)  # its slots count as initialized (final46a2 46a2-6)


def _held_elsewhere(saved_slots: dict, index: int) -> set:
    """The slot names a checkpoint holds for training operations other than the ``index``-th."""
    return {name for at, names in saved_slots.items() if at != str(index) for name in names}


def _stored_as(saved: np.dtype, dtype) -> bool:
    """Whether a value saved as ``saved`` is what a variable of ``dtype`` stores: the same kind (float, integer,
    bool), floats of the precision the program computes it in (float16 in float32); integer widths may differ
    (a global step counted in Python ints)."""
    wanted = np.dtype(program_dtype(dtype) if dtype.is_floating else dtype.name)
    if saved.kind in "iu" and wanted.kind in "iu":
        return True
    return saved.kind == wanted.kind and (saved.kind != "f" or saved.itemsize == wanted.itemsize)


def _is_slot(item) -> bool:
    """An optimizer's slot variable (``w/Adam:0``, ``beta1_power:0``), as ``tf.global_variables()`` lists them."""
    from .optimizer_slots import SlotVariable
    return isinstance(item, SlotVariable)


def _slots_of(var_list) -> set:
    """The names of the optimizer slot variables a ``var_list`` (a list, or a dict from names to variables) holds;
    a dict that names a slot otherwise than TF1 does (``{"m": w_adam}``) is a typed refusal: symopt saves slots with
    their training operation, under TF1's names."""
    if isinstance(var_list, dict):
        renamed = [(name, v.op_name) for name, v in var_list.items() if _is_slot(v) and name != v.op_name]
        if renamed:
            raise UnsupportedOperationError(
                f"tf.train.Saver: the optimizer slot {renamed[0][1]!r} under the name {renamed[0][0]!r} is not "
                "supported by symopt.compat.v1, which saves slots with their training operation under their own names; "
                f"use the key {renamed[0][1]!r} (its v.op.name), or leave the slots out of var_list")
        var_list = list(var_list.values())
    return {v.op_name for v in var_list if _is_slot(v)} if isinstance(var_list, (list, tuple)) else set()


def _without_slots(var_list):
    """``var_list`` (a list or a dict) without its optimizer slot variables."""
    if isinstance(var_list, dict):
        return {name: v for name, v in var_list.items() if not _is_slot(v)}
    return [v for v in var_list if not _is_slot(v)]


def _named(var_list) -> dict:
    """``{name in the checkpoint: variable}``: TF1's ``var_list``, a list of variables (saved under their names) or a
    dict from names to variables; anything else is a ``TypeError`` (raised when the saver is made)."""
    from .variables import Variable
    pairs = list(var_list.items()) if isinstance(var_list, dict) else [(getattr(v, "op_name", None), v)
                                                                       for v in var_list]
    for name, variable in pairs:
        if not isinstance(variable, Variable) or not isinstance(name, str):
            raise TypeError(f"tf.train.Saver: var_list must be a list of tf.Variable or a dict from names (str) to "
                            f"tf.Variable; given {name!r}: {variable!r}")
    names = dict(pairs)
    if len(names) != len(pairs):
        raise ValueError(f"tf.train.Saver: at least two variables have the same name in var_list: "
                         f"{[name for name, _ in pairs]}")
    return names


#: The characters protobuf's text format writes escaped in a string (``CEscape``, as TF writes a checkpoint index);
#: any other character, non-ASCII ones included, is written as its UTF-8 bytes.
TEXT_FORMAT_ESCAPES = {"\\": "\\\\", '"': '\\"', "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escaped(path: str) -> str:
    """``path`` in a checkpoint index's quotes, as TF1's text format writes it."""
    return "".join(TEXT_FORMAT_ESCAPES.get(character, character) for character in path)


def _unescaped(value: str) -> str:
    """A quoted string of a checkpoint index, as protobuf's text format reads it (``CUnescape``): C escapes, octal
    ``\\303\\250`` (TF 1.x's bytes of a non-ASCII name) and hex included, the bytes then read as UTF-8
    (final43b F43b-8: only the backslashes were dropped, ``mod303250le.ckpt``)."""
    return codecs.escape_decode(value.encode("utf-8"))[0].decode("utf-8")


def get_checkpoint_state(checkpoint_dir: str, latest_filename: str | None = None) -> CheckpointState | None:
    """``tf.train.get_checkpoint_state``: the index file of ``checkpoint_dir`` read, or ``None`` when there is
    none or it is not an index (as TF1, which logs that)."""
    checkpoint_dir = local_path(checkpoint_dir, "tf.train.get_checkpoint_state")
    try:
        text = _index_text(os.path.join(checkpoint_dir, latest_filename or INDEX_FILE))
    except OSError:
        return None
    newest, kept = None, []
    for line in filter(str.strip, text.splitlines()):
        match = INDEX_LINE.match(line)
        if match is None:
            return None
        key, value = match.group(1), match.group(2)
        if value is None:
            continue  # a timestamp
        try:
            path = os.path.join(checkpoint_dir, _unescaped(value))  # an absolute value stays as is
        except ValueError:  # not UTF-8 (``"abc\\377"``), a bad escape: TF1's ParseError, no index (F44b-5)
            return None
        if key == "model_checkpoint_path":
            newest = path
        elif key == "all_model_checkpoint_paths":
            kept.append(path)
    return CheckpointState(newest, kept) if newest else None


def _index_text(path: str) -> str:
    """The text of the index file ``path``: UTF-8, as TF1 writes it; one an earlier symopt wrote in a locale's other
    encoding (Latin-1, cp1252) is read in the locale's encoding (probe67 P67-4: it was a bare UnicodeDecodeError)."""
    with open(path, "rb") as stream:
        data = stream.read()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode(locale.getpreferredencoding(False), errors="replace")


def _write_marker(path: str) -> None:
    """The file ``path.index`` beside the checkpoint, as TF1's ``Saver`` leaves one: the resume test
    ``if os.path.exists(ckpt + ".index"): saver.restore(sess, ckpt)`` finds the checkpoint (the values are in
    ``path`` itself; this file only names it)."""
    with open(f"{path}{MARKER}", "w", encoding="utf-8") as stream:
        stream.write(f"symopt.compat.v1 checkpoint: the values are in {os.path.basename(path)} (NumPy .npz)\n")


def tensorflow_format(path) -> bool:
    """Whether ``path`` names a checkpoint real TensorFlow wrote (``path.index`` and ``path.data-*``, no file
    ``path``): symopt cannot read it, and says so rather than treat it as absent."""
    path = os.fspath(path)
    return not os.path.isfile(path) and os.path.isfile(f"{path}.index")


def latest_checkpoint(checkpoint_dir: str, latest_filename: str | None = None) -> str | None:
    """``tf.train.latest_checkpoint(checkpoint_dir)``: the path of the newest checkpoint a ``Saver`` wrote there
    (for ``saver.restore``), or ``None`` when there is none or its file is gone.  A checkpoint real TensorFlow wrote
    there is returned too (as TF1 does), so the resume idiom reaches ``restore``, which says symopt cannot read it
    instead of silently starting from scratch."""
    state = get_checkpoint_state(checkpoint_dir, latest_filename)
    if state is None:
        return None
    path = state.model_checkpoint_path
    return path if os.path.isfile(path) or tensorflow_format(path) else None


def checkpoint_exists(checkpoint_prefix) -> bool:
    """``tf.train.checkpoint_exists(path)``: whether :meth:`Saver.save` wrote a checkpoint at ``path`` (symopt's
    checkpoint is the one file ``path``; TF1's are files starting with it)."""
    return os.path.isfile(local_path(checkpoint_prefix, "tf.train.checkpoint_exists"))
