"""Corrupted, truncated, foreign or mismatched checkpoints: a CheckpointError naming the file and the fault.

Every case starts from a valid checkpoint of a shuffled mini-batch Adam run stopped mid-epoch, damages
it one way, resumes from it, and checks: the error type, the file's name and the fault in the message,
and that nothing changed (the damaged file and the run's own checkpoint file are byte-identical after).
"""

import io
import json
import zipfile

import numpy as np
import pytest

import symopt
from symopt import ops
from symopt.checkpoint import load_checkpoint
from symopt.errors import CheckpointError

rng = np.random.default_rng(5)
FEATURES = rng.normal(size=(60, 3))
TARGETS = FEATURES @ np.array([[1.0], [-2.0], [0.5]])
X = symopt.Placeholder("X", (None, 3))
y = symopt.Placeholder("y", (None, 1))
W = symopt.Variable("W", 0.0, shape=(3, 1))
MSE = ops.mean(ops.square(X @ W - y))
RUN = dict(data={X: FEATURES, y: TARGETS}, optimizer=symopt.Adam(0.02), batch_size=16, epochs=4, seed=1)


@pytest.fixture(scope="module")
def valid(tmp_path_factory):
    """The members of a valid checkpoint: step 6 = epoch 1, batch 2 (4 mini-batches an epoch)."""
    path = tmp_path_factory.mktemp("valid") / "run.npz"
    symopt.minimize(MSE, W, callback=lambda step, cost, params: step == 6, checkpoint=path, **RUN)
    with np.load(path) as stored:
        members = {key: stored[key] for key in stored.files}
    return path.read_bytes(), members


def _npz(members) -> bytes:
    stream = io.BytesIO()
    np.savez(stream, **members)
    return stream.getvalue()


def _members(change):
    """A case that rewrites the members: ``change(members)`` edits a copy in place."""
    def build(data, members):
        members = dict(members)
        change(members)
        return _npz(members)
    return build


def _meta(**fields):
    """A case that edits the JSON metadata (a field set to ``...`` is removed)."""
    def change(members):
        meta = json.loads(str(members["meta"]))
        for name, value in fields.items():
            if value is ...:
                del meta[name]
            else:
                meta[name] = value
        members["meta"] = np.asarray(json.dumps(meta))
    return _members(change)


def _set(key, value):
    return _members(lambda members: members.__setitem__(key, value))


def _drop(key):
    return _members(lambda members: members.pop(key))


def _rename(old, new):
    return _members(lambda members: members.__setitem__(new, members.pop(old)))


def _at(step, **fields):
    """Move the position to ``step`` (a history of that length) and set other metadata ``fields``."""
    edit_meta = _meta(step=step, **fields)

    def build(data, members):
        return edit_meta(data, {**members, "history": np.zeros(step)})
    return build


def _flip_byte_inside(data, members):
    damaged = bytearray(data)
    header = data.index(b"\x93NUMPY", data.index(b"param/W.npy"))  # the member's .npy header: 128 bytes
    offset = header + 130  # inside W's numbers (stored uncompressed), so only the CRC can tell
    damaged[offset] ^= 0xFF
    return bytes(damaged)


def _foreign_zip(data, members):
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as archive:
        archive.writestr("readme.txt", "a zip, but not a checkpoint")
    return stream.getvalue()


def _npy(data, members):
    stream = io.BytesIO()
    np.save(stream, np.zeros(3))
    return stream.getvalue()


def _object_array(data, members):
    stream = io.BytesIO()
    np.savez(stream, **{**members, "param/W": np.array([{"a": 1}, None], dtype=object)})
    return stream.getvalue()


PCG = {"bit_generator": "PCG64", "state": {"state": 1, "inc": 3}, "has_uint32": 0, "uinteger": 0}

# id -> (bytes of the damaged file from (valid bytes, valid members), what the message must say)
CASES = {
    # the file itself
    "empty file": (lambda data, members: b"", "not a checkpoint"),
    "truncated to 10 bytes": (lambda data, members: data[:10], "truncated or corrupted"),
    "truncated to half": (lambda data, members: data[:len(data) // 2], "truncated or corrupted"),
    "last 30 bytes cut": (lambda data, members: data[:-30], "truncated or corrupted"),
    "plain text": (lambda data, members: b"step=10\nW=1,2,3\n", "not a checkpoint"),
    "a .npy array": (_npy, "not a checkpoint"),
    "PK then garbage": (lambda data, members: b"PK" + bytes(range(200)), "truncated or corrupted"),
    "a byte flipped inside a member": (_flip_byte_inside, "truncated or corrupted"),
    "a zip of something else": (_foreign_zip, "member 'meta' is missing"),
    "an object (pickle) array": (_object_array, "truncated or corrupted"),
    # members
    "no meta": (_drop("meta"), "member 'meta' is missing"),
    "no history": (_drop("history"), "member 'history' is missing"),
    "foreign member": (_set("weights", np.zeros(3)), "unexpected member 'weights'"),
    "member without a name": (_rename("param/W", "param/"), "unexpected member 'param/'"),
    "unknown group": (_rename("param/W", "bogus/W"), "unexpected member 'bogus/W'"),
    "parameter of strings": (_set("param/W", np.array(["a", "b", "c"])), "param/W holds <U1 values"),
    "complex parameter": (_set("param/W", np.ones((3, 1), complex)), "param/W holds complex128 values"),
    "boolean slot": (_set("slot/m_W", np.ones((3, 1), bool)), "slot/m_W holds bool values"),
    "history 2-D": (_set("history", np.zeros((6, 1))), "history must be a 1-D float array"),
    "history of integers": (_set("history", np.arange(6)), "history must be a 1-D float array"),
    "history shorter than step": (_set("history", np.zeros(5)), "history has 5 entries but step is 6"),
    # metadata
    "meta not JSON": (_set("meta", np.asarray("{step: 6")), "meta is not valid JSON"),
    "meta a JSON list": (_set("meta", np.asarray("[6, 1, 2]")), "meta must be a JSON object"),
    "meta a number array": (_set("meta", np.arange(3)), "meta must be a JSON string"),
    "meta without step": (_meta(step=...), r"meta lacks \['step'\]"),
    "meta without optimizer": (_meta(optimizer=...), r"meta lacks \['optimizer'\]"),
    "meta without rng_state": (_meta(rng_state=...), r"meta lacks \['rng_state'\]"),
    "step=-5": (_meta(step=-5), "meta step must be a non-negative integer; it is -5"),
    "step=3.7": (_meta(step=3.7), "meta step must be a non-negative integer; it is 3.7"),
    "step='6'": (_meta(step="6"), "meta step must be a non-negative integer; it is '6'"),
    "step=true": (_meta(step=True), "meta step must be a non-negative integer; it is True"),
    "epoch=-1": (_meta(epoch=-1), "meta epoch must be a non-negative integer"),
    "batch=2.5": (_meta(batch=2.5), "meta batch must be a non-negative integer"),
    "batch_size=0": (_meta(batch_size=0), "meta batch_size must be a positive integer or null"),
    "optimizer=5": (_meta(optimizer=5), "meta optimizer must be a string"),
    "unknown meta field": (_meta(learning_rate=0.1), r"meta has unknown fields \['learning_rate'\]"),
    "generator state a string": (_meta(rng_state="abc"), "meta rng_state must be null or a NumPy PCG64"),
    "generator state empty": (_meta(rng_state={}), "meta rng_state must be null or a NumPy PCG64"),
    "another bit generator": (_meta(rng_state={**PCG, "bit_generator": "MT19937"}), "meta rng_state must be"),
    "generator state of text": (_meta(rng_state={**PCG, "state": {"state": "x", "inc": 1}}),
                                "meta rng_state must be"),
    # does not fit this run
    "parameter of another shape": (_set("param/W", np.zeros((2, 1))),
                                   r"parameter 'W' has shape \(2, 1\) in the file, but this run's 'W' has shape "
                                   r"\(3, 1\)"),
    "parameter that would broadcast": (_set("param/W", np.zeros((1, 1))), r"'W' has shape \(1, 1\) in the file"),
    "float32 parameter": (_set("param/W", np.zeros((3, 1), np.float32)),
                          "parameter 'W' is float32 in the file, but this run computes it in float64"),
    "NaN parameter": (_set("param/W", np.full((3, 1), np.nan)), "parameter 'W' holds NaN or infinity"),
    "another parameter name": (_rename("param/W", "param/V"), r"it holds parameters \['V'\]; this run has \['W'\]"),
    "a slot missing": (_drop("slot/v_W"), r"it holds slots \['m_W'\]"),
    "slot of another shape": (_set("slot/v_W", np.zeros(3)), r"slot 'v_W' has shape \(3,\) in the file"),
    "float64 beta power": (_set("shared/beta1_power", np.float64(0.9)), "shared slot 'beta1_power' is float64"),
    "another optimizer": (_meta(optimizer="GradientDescent(lr=0.1)"),
                          "it was written with GradientDescent"),
    "another batch size": (_meta(batch_size=20), "it was written by batch_size=20; this run uses batch_size=16"),
    "a full-batch checkpoint": (_meta(batch_size=None), "it was written by a full-batch run"),
    "step beside epoch and batch": (_meta(batch=3), "step 6, epoch 1, batch 3 do not fit 4 mini-batches"),
    "batch past the epoch's end": (_at(4, epoch=0, batch=4), "do not fit 4 mini-batches per epoch"),
    "beyond the run's epochs": (_at(18, epoch=4, batch=2), "beyond this run's 4 epochs"),
    "no generator state in a shuffled run": (_meta(rng_state=None), "it holds no shuffling generator state"),
}


def test_the_table_is_large():
    assert len(CASES) >= 37


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_damaged_checkpoint_is_refused_with_a_clear_error_and_nothing_changes(case, valid, tmp_path):
    damage, expected = CASES[case]
    data, members = valid
    bad = tmp_path / "damaged.npz"
    bad.write_bytes(damage(data, members))
    before = bad.read_bytes()
    output = tmp_path / "output.npz"
    output.write_bytes(data)
    calls = []
    with pytest.raises(CheckpointError, match=expected) as caught:
        symopt.minimize(MSE, W, resume_from=bad, checkpoint=output, callback=lambda *a: calls.append(a), **RUN)
    assert repr(str(bad)) in str(caught.value)
    assert bad.read_bytes() == before and output.read_bytes() == data and calls == []


def test_the_undamaged_checkpoint_resumes(valid, tmp_path):
    """The control: the same procedure without damage succeeds and continues to the full run."""
    data, _ = valid
    path = tmp_path / "run.npz"
    path.write_bytes(data)
    assert load_checkpoint(path).step == 6
    resumed = symopt.minimize(MSE, W, resume_from=path, **RUN)
    whole = symopt.minimize(MSE, W, **RUN)
    np.testing.assert_array_equal(resumed[W], whole[W])


@pytest.mark.parametrize("where", ["missing.npz", "."])
def test_a_path_that_is_no_file_is_refused(tmp_path, where):
    with pytest.raises(CheckpointError, match="does not exist|is not a file"):
        symopt.minimize(MSE, W, resume_from=tmp_path / where, **RUN)
