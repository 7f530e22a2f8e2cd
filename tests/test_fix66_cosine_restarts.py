"""probe66 P66-4: CosineDecayRestarts with m_mul != 1 and alpha != 0 was 1 or 2 float32 ulps off TensorFlow 2.21 at
18 of 200 steps: TF1's graph optimizer folds (1 - alpha)*0.5 before multiplying by m_mul**i, and symopt now multiplies
in that order.  Oracle: tf.compat.v1.train.cosine_decay_restarts run by TensorFlow 2.21 in graph mode (a Session,
its default Grappler), at the steps where the old order differed, copied here as the float64 values of its float32
rates (exact)."""

import numpy as np
import pytest

import symopt

#: (learning_rate, first_decay_steps, t_mul, m_mul, alpha) -> {step: TF 2.21's rate}
TF_RATES = {
    (0.05, 10, 1.0, 0.8, 0.05): {26: 0.013002934865653515, 37: 0.007512529380619526, 46: 0.009221885353326797,
                                  53: 0.014856777153909206, 58: 0.003986302297562361, 61: 0.014647123403847218,
                                  63: 0.012385421432554722, 65: 0.00872592069208622},
    (0.1, 7, 1.0, 0.9, 0.1): {8: 0.08698923885822296, 23: 0.0632585734128952, 29: 0.06612513959407806,
                              30: 0.057932693511247635, 32: 0.032954659312963486, 54: 0.01810375601053238,
                              58: 0.04144861549139023, 65: 0.03830375149846077},
    (0.05, 10, 2.0, 0.8, 0.05): {16: 0.032667919993400574, 17: 0.030125817283988, 18: 0.027371320873498917,
                                 21: 0.018527742475271225, 25: 0.008064971305429935, 37: 0.030660131946206093,
                                 41: 0.02757161669433117, 44: 0.02460065670311451},
}


@pytest.mark.parametrize("arguments", list(TF_RATES))
def test_the_rate_is_tensorflows_bit_for_bit(arguments):
    schedule = symopt.CosineDecayRestarts(*arguments)
    for step, rate in TF_RATES[arguments].items():
        assert schedule(step) == np.float32(rate), step
