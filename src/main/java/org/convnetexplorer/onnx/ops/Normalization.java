package org.convnetexplorer.onnx.ops;

import org.convnetexplorer.geometry.LayerFields;
import org.convnetexplorer.onnx.graph.OnnxFormatException;
import org.convnetexplorer.onnx.ops.OnnxImporter.Value;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.nn.LocalResponseNormalization;
import org.tensorflow.types.TFloat32;

/** Normalisations: BatchNormalization (per channel), LRN (across neighbouring channels), Softmax (over channels). */
final class Normalization {

	private Normalization() {
	}

	/** BatchNormalization in inference mode, as y = scale × x + shift per channel; folded into a Conv where it can be. */
	static final class BatchNorm implements Operator {

		@Override
		public Value apply(Step node) throws OnnxFormatException {
			node.allow("epsilon", "momentum", "spatial", "training_mode");
			if (node.intAttr("training_mode", 0) != 0) throw node.fail("training mode is not supported");
			if (node.intAttr("spatial", 1) != 1) throw node.fail("spatial=0 is not supported");
			for (int i = 1; i < node.node().outputs().size(); i++) {
				String output = node.node().outputs().get(i);
				if (!output.isEmpty() && node.isRead(output)) throw node.fail("its running statistics outputs are not supported");
			}
			Value x = node.computed(0, -1);
			if (x.rank() != 4 && x.rank() != 2) throw node.fail("only inputs of rank 2 or 4 are supported");
			float[][] scaleShift = scaleShift(node, x.channels());
			Ops tf = node.tf();
			if (tf == null || node.walk().normFolding().isFoldedAway(node.node())) return Value.computed(x.shape, x.fields, x.op);
			int c = x.channels();
			Operand<TFloat32> y = tf.math.add(tf.math.mul(x.op, Layout.floats(tf, scaleShift[0], c)),
				Layout.floats(tf, scaleShift[1], c));
			return Value.computed(x.shape, x.fields, y);
		}

		/** The norm's linear part, its scale per channel; nothing where it is folded into its Conv's weights. */
		@Override
		public void backward(BackwardStep step) throws OnnxFormatException {
			Step node = step.node();
			if (node.walk().normFolding().isFoldedAway(node.node())) {
				step.send(0, step.signal());
				return;
			}
			int c = node.computed(0, -1).channels();
			step.send(0, step.tf().math.mul(step.signal(), Layout.floats(step.tf(), scaleShift(node, c)[0], c)));
		}

		@Override
		public boolean checksExtraOutputs() {
			return true;
		}

		/** The norm as {scale, shift} per channel. */
		static float[][] scaleShift(Step node, int channels) throws OnnxFormatException {
			float[] gamma = node.constant(1).floats;
			float[] beta = node.constant(2).floats;
			float[] mean = node.constant(3).floats;
			float[] var = node.constant(4).floats;
			if (gamma == null || beta == null || mean == null || var == null)
				throw node.fail("needs float scale, bias, mean and variance");
			for (float[] p : new float[][] { gamma, beta, mean, var })
				if (p.length != channels) throw node.fail("parameters of " + p.length + " values for " + channels + " channels");
			double eps = node.floatAttr("epsilon", 1e-5f);
			float[] scale = new float[channels];
			float[] shift = new float[channels];
			for (int i = 0; i < channels; i++) {
				double s = gamma[i] / Math.sqrt(var[i] + eps);
				scale[i] = (float) s;
				shift[i] = (float) (beta[i] - mean[i] * s);
			}
			return new float[][] { scale, shift };
		}
	}

	/** LRN of an odd size: each unit's field is its channel's, and it reads its neighbours'. */
	static final class Lrn implements Operator {

		@Override
		public Value apply(Step node) throws OnnxFormatException {
			node.allow("alpha", "beta", "bias", "size");
			Value x = node.computed(0, 4);
			long size = node.intAttr("size", -1);
			if (size < 1 || size % 2 == 0 || size > 1 << 10) throw node.fail("size " + size + " (only odd sizes are supported)");
			int radius = (int) (size - 1) / 2;
			LayerFields fields = x.fields.acrossChannels(radius, radius, node.describe());
			Ops tf = node.tf();
			if (tf == null) return Value.computed(x.shape, fields, null);
			float alpha = node.floatAttr("alpha", 1e-4f);
			Operand<TFloat32> y = tf.nn.localResponseNormalization(x.op, LocalResponseNormalization.depthRadius((long) radius),
				LocalResponseNormalization.bias(node.floatAttr("bias", 1f)),
				LocalResponseNormalization.alpha((float) ((double) alpha / size)),
				LocalResponseNormalization.beta(node.floatAttr("beta", 0.75f)));
			return Value.computed(x.shape, fields, y);
		}
	}

	/**
	 * Softmax over the units of a 2-D tensor, or over the channels of a 4-D one (opset 13 on: earlier opsets take the
	 * axis as where to flatten, which would mix positions): each unit's field is the union of its position's channels'.
	 */
	static final class Softmax implements Operator {

		@Override
		public Value apply(Step node) throws OnnxFormatException {
			node.allow("axis");
			Value x = node.computed(0, -1);
			boolean overChannels = x.rank() == 2 || x.rank() == 4 && (node.opset() >= 13 || x.shape[2] * x.shape[3] == 1);
			long axis = node.intAttr("axis", node.opset() < 13 ? 1 : -1);
			if (!overChannels || node.axis(axis, x.rank()) != 1)
				throw node.fail("only over the units of a 2-D tensor or the channels of a 4-D one");
			LayerFields fields = x.fields.mixed(x.channels(), 1, f -> f, node.describe());
			return Value.computed(x.shape, fields, node.tf() == null ? null : node.tf().nn.softmax(x.op)); // NHWC: last
		}
	}
}
