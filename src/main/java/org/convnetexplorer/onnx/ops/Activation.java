package org.convnetexplorer.onnx.ops;

import org.convnetexplorer.onnx.graph.OnnxFormatException;
import org.convnetexplorer.onnx.ops.OnnxImporter.Value;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.nn.LeakyRelu;
import org.tensorflow.types.TFloat32;

/**
 * Element-wise functions of one input, activations among them: each unit keeps its field. A feature activation's
 * output is a default layer where it follows a convolution or a residual Add; a gate's (Sigmoid, HardSigmoid: they
 * scale other units, as in squeeze-and-excitation blocks) is not, nor are Sqrt's and Erf's (parts of a normalisation,
 * of GELU).
 */
enum Activation implements Operator {

	RELU(true, (node, tf, x) -> tf.nn.relu(x)) {
		/** The deconvnet's rectification of the signal, or guided backpropagation's (also masked by the input). */
		@Override
		public void backward(BackwardStep step) throws OnnxFormatException {
			step.send(0, step.method().rectify(step.tf(), step.signal(), step.forward(0)));
		}
	},
	LEAKY_RELU(true, (node, tf, x) -> tf.nn.leakyRelu(x, LeakyRelu.alpha(leakyAlpha(node))), "alpha") {
		/** Rectified as a ReLU; guided backpropagation's mask is its gradient: 1 where the input was positive, else alpha. */
		@Override
		public void backward(BackwardStep step) throws OnnxFormatException {
			Ops tf = step.tf();
			float alpha = leakyAlpha(step.node());
			Operand<TFloat32> positive = tf.dtypes.cast(tf.math.greater(step.forward(0), tf.constant(0f)), TFloat32.class);
			Operand<TFloat32> gradient = tf.math.add(tf.constant(alpha), tf.math.mul(positive, tf.constant(1 - alpha)));
			step.send(0, step.method().rectifyByGradient(tf, step.signal(), gradient));
		}
	},
	CLIP(true, (node, tf, x) -> ClipBounds.of(node).apply(tf, x), "min", "max") {
		/**
		 * A Clip from 0 (ReLU6, or a ReLU) is rectified as a ReLU; guided backpropagation also masks where the forward
		 * input reached the upper bound (its gradient there is zero too). Other bounds have no rule of the paper's.
		 */
		@Override
		public void backward(BackwardStep step) throws OnnxFormatException {
			ClipBounds bounds = ClipBounds.of(step.node());
			if (bounds.min != 0) throw step.noRule("for Clip from " + bounds.min + " (only from 0, as ReLU6)");
			step.send(0, step.method().rectify(step.tf(), step.signal(), step.forward(0), bounds.max));
		}
	},
	HARD_SWISH(true, (node, tf, x) -> tf.math.mul(x, hardSigmoid(tf, x, 1f / 6, 0.5f))) {
		/**
		 * Rectified as a ReLU (it is one but for its bend between -3 and 3); guided backpropagation multiplies by its
		 * gradient: 0 below -3, x / 3 + 1/2 up to 3, 1 above (torch's, boundaries included).
		 */
		@Override
		public void backward(BackwardStep step) throws OnnxFormatException {
			Ops tf = step.tf();
			Operand<TFloat32> x = step.forward(0);
			Operand<TFloat32> bend = tf.math.add(tf.math.mul(x, tf.constant(1f / 3)), tf.constant(0.5f));
			Operand<TFloat32> gradient = tf.select(tf.math.less(x, tf.constant(-3f)), tf.zerosLike(x),
				tf.select(tf.math.lessEqual(x, tf.constant(3f)), bend, tf.onesLike(x)));
			step.send(0, step.method().rectifyByGradient(tf, step.signal(), gradient));
		}
	},
	TANH(true, (node, tf, x) -> tf.math.tanh(x)),
	SIGMOID(false, (node, tf, x) -> tf.math.sigmoid(x)),
	HARD_SIGMOID(false, (node, tf, x) -> hardSigmoid(tf, x, node.floatAttr("alpha", 0.2f), node.floatAttr("beta", 0.5f)),
		"alpha", "beta"),
	SQRT(false, (node, tf, x) -> tf.math.sqrt(x)),
	ERF(false, (node, tf, x) -> tf.math.erf(x));

	private interface Emission {
		Operand<TFloat32> of(Step node, Ops tf, Operand<TFloat32> x) throws OnnxFormatException;
	}

	private final boolean feature;
	private final Emission emission;
	private final String[] attributes;

	/** @param feature a feature (its outputs may be default layers), not a gate */
	Activation(boolean feature, Emission emission, String... attributes) {
		this.feature = feature;
		this.emission = emission;
		this.attributes = attributes;
	}

	@Override
	public Value apply(Step node) throws OnnxFormatException {
		node.allow(attributes);
		Value x = node.computed(0, -1);
		Ops tf = node.tf();
		return Value.computedAs(x, x.shape, x.fields, tf == null ? null : emission.of(node, tf, x.op));
	}

	@Override
	public boolean takesChannelsLast() {
		return true;
	}

	@Override
	public boolean isDefaultLayerActivation() {
		return feature;
	}

	/** LeakyRelu's slope below 0 (ONNX's default 0.01). */
	private static float leakyAlpha(Step node) throws OnnxFormatException {
		return node.floatAttr("alpha", 0.01f);
	}

	private static Operand<TFloat32> hardSigmoid(Ops tf, Operand<TFloat32> x, float alpha, float beta) {
		return tf.clipByValue(tf.math.add(tf.math.mul(x, tf.constant(alpha)), tf.constant(beta)), tf.constant(0f),
			tf.constant(1f));
	}

	/** Clip's bounds: attributes before opset 11, inputs since; unbounded where not given. */
	private static final class ClipBounds {
		final float min;
		final float max;

		private ClipBounds(float min, float max) {
			this.min = min;
			this.max = max;
		}

		static ClipBounds of(Step node) throws OnnxFormatException {
			float min = Float.NEGATIVE_INFINITY;
			float max = Float.POSITIVE_INFINITY;
			if (node.opset() < 11) {
				min = node.floatAttr("min", min);
				max = node.floatAttr("max", max);
			}
			else {
				if (node.has(1)) min = node.scalar(1);
				if (node.has(2)) max = node.scalar(2);
			}
			return new ClipBounds(min, max);
		}

		/** x clipped: relu6 and relu where they match. */
		Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x) {
			if (min == 0 && max == 6) return tf.nn.relu6(x);
			if (min == 0 && max == Float.POSITIVE_INFINITY) return tf.nn.relu(x);
			Operand<TFloat32> y = x;
			if (min != Float.NEGATIVE_INFINITY) y = tf.math.maximum(y, tf.constant(min));
			if (max != Float.POSITIVE_INFINITY) y = tf.math.minimum(y, tf.constant(max));
			return y;
		}
	}
}
