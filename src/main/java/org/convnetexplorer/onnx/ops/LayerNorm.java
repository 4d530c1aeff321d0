package org.convnetexplorer.onnx.ops;

import java.util.Arrays;

import org.convnetexplorer.geometry.LayerFields;
import org.convnetexplorer.onnx.graph.OnnxFormatException;
import org.convnetexplorer.onnx.ops.OnnxImporter.Value;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TFloat32;

/**
 * LayerNormalization (opset 17) over the axes from {@code axis} to the last, per sample: over the units of a 2-D
 * tensor, or of a map moved channels last (ConvNeXt's), each unit's field is the union of its position's units'; over
 * any spatial axis a unit sees the whole input.
 */
final class LayerNorm implements Operator {

	@Override
	public Value apply(Step node) throws OnnxFormatException {
		node.allow("axis", "epsilon", "stash_type");
		Value x = node.computed(0, -1);
		int axis = node.axis(node.intAttr("axis", -1), x.rank());
		if (axis == 0) throw node.fail("normalises over the batch axis");
		long[] normalised = Arrays.copyOfRange(x.shape, axis, x.rank());
		float[] scale = parameter(node, 1, normalised, 1f);
		float[] bias = parameter(node, 2, normalised, 0f);
		boolean overUnits = axis == 1 && x.rank() == 2 || axis == 3 && x.channelsLast;
		LayerFields fields = overUnits ? x.fields.mixed(x.channels(), 1, f -> f, node.describe())
			: x.fields.notBox(node.describe() + " normalises over space: each unit sees the whole input");
		long[] statisticsShape = x.shape.clone();
		Arrays.fill(statisticsShape, axis, x.rank(), 1);
		LayerFields statisticsFields = LayerFields.notBox(x.channelsLast ? 1 : (int) statisticsShape[1], node.describe()
			+ " statistics: each is over all the units it normalises");
		Ops tf = node.tf();
		Operand<TFloat32>[] y = tf == null ? null : normalise(tf, node, x, axis, scale, bias, normalised);
		for (int i = 1; i < Math.min(3, node.node().outputs().size()); i++)
			if (!node.node().outputs().get(i).isEmpty()) node.walk().put(node.node().outputs().get(i),
				Value.computedAs(x, statisticsShape, statisticsFields, y == null ? null : physical(tf, x, y[i], statisticsShape)));
		return Value.computedAs(x, x.shape, fields, y == null ? null : physical(tf, x, y[0], x.shape));
	}

	/** An output in ONNX's order as the operand of a value laid out as {@code x}. */
	private static Operand<TFloat32> physical(Ops tf, Value x, Operand<TFloat32> logical, long[] shape) {
		return x.channelsLast ? logical : Layout.toPhysical(tf, logical, shape);
	}

	@Override
	public boolean takesChannelsLast() {
		return true;
	}

	/** {normalised, mean, 1 / standard deviation}, in ONNX's axis order. */
	@SuppressWarnings("unchecked")
	private static Operand<TFloat32>[] normalise(Ops tf, Step node, Value x, int axis, float[] scale, float[] bias,
		long[] normalised)
	{
		int[] axes = new int[x.rank() - axis];
		for (int i = 0; i < axes.length; i++)
			axes[i] = axis + i;
		Operand<TFloat32> logical = Layout.toLogical(tf, x);
		Operand<TFloat32> mean = tf.math.mean(logical, tf.constant(axes), Mean.keepDims(true));
		Operand<TFloat32> centred = tf.math.sub(logical, mean);
		Operand<TFloat32> variance = tf.math.mean(tf.math.square(centred), tf.constant(axes), Mean.keepDims(true));
		Operand<TFloat32> inverse = tf.math.rsqrt(tf.math.add(variance, tf.constant(node.floatAttr("epsilon", 1e-5f))));
		Operand<TFloat32> y = tf.math.add(tf.math.mul(tf.math.mul(centred, inverse), Layout.floats(tf, scale, normalised)),
			Layout.floats(tf, bias, normalised));
		return new Operand[] { y, mean, inverse };
	}

	@Override
	public boolean checksExtraOutputs() {
		return true;
	}

	/** Scale or bias: a float constant of the normalised axes' shape (broadcast to it), or {@code absent} everywhere. */
	private static float[] parameter(Step node, int input, long[] shape, float absent) throws OnnxFormatException {
		int n = (int) Arrays.stream(shape).reduce(1, (a, b) -> a * b);
		float[] out = new float[n];
		if (!node.has(input)) {
			Arrays.fill(out, absent);
			return out;
		}
		Value p = node.constant(input);
		if (p.floats == null || p.floats.length != n && p.floats.length != 1)
			throw node.fail("input " + (input + 1) + " must be a float constant of shape " + Arrays.toString(shape));
		for (int i = 0; i < n; i++)
			out[i] = p.floats[p.floats.length == 1 ? 0 : i];
		return out;
	}
}
