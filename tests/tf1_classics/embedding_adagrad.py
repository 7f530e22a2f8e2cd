import os
import numpy as np
import tensorflow.compat.v1 as tf
tf.disable_v2_behavior()
# a word2vec-style skip-gram classifier (embedding_lookup, sparse softmax cross-entropy, Adagrad), as course code writes it
rng = np.random.RandomState(16)
vocabulary_size, embedding_size = 12, 4
center = rng.randint(0, vocabulary_size, 400)
context = (center * 3 + rng.randint(0, 2, 400)) % vocabulary_size
train_inputs = tf.placeholder(tf.int32, shape=[None])
train_labels = tf.placeholder(tf.int32, shape=[None])
embeddings = tf.Variable(rng.uniform(-1.0, 1.0, (vocabulary_size, embedding_size)).astype(np.float32))
embed = tf.nn.embedding_lookup(embeddings, train_inputs)
softmax_w = tf.Variable((rng.randn(embedding_size, vocabulary_size) * 0.3).astype(np.float32))
softmax_b = tf.Variable(tf.zeros([vocabulary_size]))
logits = tf.matmul(embed, softmax_w) + softmax_b
loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=train_labels, logits=logits))
optimizer = tf.train.AdagradOptimizer(0.5).minimize(loss)
norm = tf.sqrt(tf.reduce_sum(tf.square(embeddings), 1, keep_dims=True))
normalized_embeddings = embeddings / norm
similarity = tf.matmul(normalized_embeddings, normalized_embeddings, transpose_b=True)
with tf.Session() as session:
    tf.global_variables_initializer().run()
    average_loss = 0
    for step in range(200):
        start = (step * 40) % 400
        feed_dict = {train_inputs: center[start:start+40], train_labels: context[start:start+40]}
        _, loss_val = session.run([optimizer, loss], feed_dict=feed_dict)
        average_loss += loss_val
        if step % 50 == 49:
            print("Average loss at step ", step, ": ", average_loss / 50)
            average_loss = 0
    sim = similarity.eval()
    print(sim[0, :5], (-sim[3, :]).argsort()[1:4])
