"""A tutorial-style TF1 program using this round's names together (absl flags with bounds, enum and list,
``tf.concat``, ``tf.where``, ``tf.shape(X)[0]``, ``tf.losses.huber_loss``, ``tf.zeros_like`` of a batch,
``tf.gradients`` with respect to the input and the logits), run unchanged through ``symopt tf1``.

EXPECTED is what TensorFlow 2.21's ``tf.compat.v1`` printed running the same file with ``--steps=41`` (graph mode,
``disable_v2_behavior()``) in a separate environment; TensorFlow is not needed here."""

import pytest

import symopt.compat.v1 as tf

PROGRAM = '''\
import numpy as np
import tensorflow.compat.v1 as tf
tf.disable_v2_behavior()
flags = tf.app.flags
flags.DEFINE_integer("steps", 30, "training steps", lower_bound=1)
flags.DEFINE_enum("optimizer", "adam", ["adam", "sgd"], "optimizer")
flags.DEFINE_list("hidden", "8,6", "hidden sizes")
FLAGS = flags.FLAGS

def main(_):
    rng = np.random.RandomState(0)
    data = rng.randn(40, 4).astype(np.float32)
    labels = np.eye(3, dtype=np.float32)[(data[:, 0] + data[:, 1] > 0).astype(int) + (data[:, 2] > 1).astype(int)]
    X = tf.placeholder(tf.float32, [None, 4], name="X"); Y = tf.placeholder(tf.float32, [None, 3], name="Y")
    features = tf.concat([X, tf.square(X[:, :2])], axis=1)
    h = features
    sizes = [6] + [int(s) for s in FLAGS.hidden]
    for i, (a, b) in enumerate(zip(sizes[:-1], sizes[1:])):
        W = tf.Variable(rng.randn(a, b).astype(np.float32) * 0.5, name="W%d" % i)
        z = tf.matmul(h, W)
        h = tf.where(z > 0.0, z, 0.1 * z)   # leaky relu by hand
    Wo = tf.Variable(rng.randn(sizes[-1], 3).astype(np.float32) * 0.5, name="Wo")
    logits = tf.matmul(h, Wo)
    batch = tf.cast(tf.shape(X)[0], tf.float32)
    xent = tf.reduce_sum(tf.nn.softmax_cross_entropy_with_logits_v2(labels=Y, logits=logits)) / batch
    loss = xent + 1e-3 * tf.nn.l2_loss(Wo) + tf.losses.huber_loss(tf.zeros_like(logits[:, 0]), logits[:, 0], delta=2.0) * 0.01
    accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(logits, 1), tf.argmax(Y, 1)), tf.float32))
    saliency = tf.gradients(xent, X)[0]
    dlogits = tf.gradients(loss, logits)[0]
    opt = tf.train.AdamOptimizer(0.05) if FLAGS.optimizer == "adam" else tf.train.GradientDescentOptimizer(0.1)
    train = opt.minimize(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        fd = {X: data, Y: labels}
        for step in range(FLAGS.steps):
            _, l = sess.run([train, loss], fd)
            if step % 10 == 0:
                print("step %d loss %.6f" % (step, l))
        print("acc %.4f" % sess.run(accuracy, fd))
        print("saliency", np.round(sess.run(saliency, fd)[:2], 5).tolist())
        print("dlogits", np.round(sess.run(dlogits, fd)[:2], 5).tolist())
        print("shape", sess.run(tf.shape(features), fd).tolist(), features.shape)

if __name__ == "__main__":
    tf.app.run(main)
'''

# TF 2.21 compat.v1
EXPECTED = '''\
step 0 loss 1.039537
step 10 loss 0.285186
step 20 loss 0.118340
step 30 loss 0.070062
step 40 loss 0.047250
acc 0.9750
saliency [[-3.9999998989515007e-05, 0.0, 4.999999873689376e-05, -1.9999999494757503e-05], [-0.0026499999221414328, -0.005549999885261059, 0.0010900000343099236, 0.0012000000569969416]]
dlogits [[-0.00023999999393709004, -9.999999747378752e-06, 0.0], [0.0006699999794363976, -0.0006699999794363976, 0.0]]
shape [40, 6] (?, 6)
'''


@pytest.fixture(autouse=True)
def fresh_flags():
    tf.app.FLAGS.reset()
    yield
    tf.app.FLAGS.reset()


def test_the_tutorial_program_prints_tf1s_lines(tmp_path, capsys):
    from symopt.cli import main as symopt_main
    program = tmp_path / "tutorial.py"
    program.write_text(PROGRAM)
    assert symopt_main(["tf1", str(program), "--steps=41"]) == 0
    assert capsys.readouterr().out == EXPECTED
