package org.convnetexplorer.onnx.ops;

import java.util.Arrays;

import org.convnetexplorer.geometry.LayerFields;
import org.convnetexplorer.geometry.Resampling;
import org.convnetexplorer.geometry.Resampling.Coordinates;
import org.convnetexplorer.geometry.Resampling.Interpolation;
import org.convnetexplorer.onnx.graph.OnnxFormatException;
import org.convnetexplorer.onnx.ops.OnnxImporter.Value;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Resize (opsets 10 to 18) and Upsample (opsets 7 and 9) of the two spatial axes, nearest or linear, by scales or to
 * sizes, with the coordinate transformations and nearest modes PyTorch writes. Each axis is a {@link Resampling}: the
 * TF ops gather the indices it reads and weigh them as it says, so the values and the (exact) fields come from the
 * same formulas. Cubic, crop-and-resize, antialiasing and resizing the batch or channels are refused.
 */
final class Resize implements Operator {

	/** Upsample's forms (scales only; nearest floors, asymmetric coordinates), else Resize's. */
	private final boolean upsample;

	Resize(boolean upsample) {
		this.upsample = upsample;
	}

	@Override
	public Value apply(Step node) throws OnnxFormatException {
		boolean legacy = upsample || node.opset() < 11;
		if (legacy) node.allow("mode", "scales");
		else node.allow("mode", "coordinate_transformation_mode", "nearest_mode", "cubic_coeff_a", "exclude_outside",
			"extrapolation_value", "antialias", "axes", "keep_aspect_ratio_policy");
		Value x = node.computed(0, 4);
		Interpolation interpolation = interpolation(node, legacy);
		Coordinates coordinates = legacy ? Coordinates.ASYMMETRIC : coordinates(node);
		if (!legacy) checkOpset18(node);
		double[] scales = new double[2];
		long[] out = new long[2];
		lengths(node, x, legacy, scales, out);
		Resampling[] axes = new Resampling[2];
		for (int a = 0; a < 2; a++) {
			if (legacy && interpolation != Interpolation.LINEAR && scales[a] < 1)
				throw node.fail("nearest downsampling before opset 11 is not supported");
			axes[a] = new Resampling(x.shape[2 + a], out[a], scales[a], coordinates, interpolation);
		}
		long[] shape = { Value.BATCH, x.shape[1], out[0], out[1] };
		LayerFields fields = x.fields.window(f -> f.mapped(axes[0], axes[1]));
		Ops tf = node.tf();
		if (tf == null) return Value.computed(shape, fields, null);
		Operand<TFloat32> y = resampled(tf, resampled(tf, x.op, axes[0], 1), axes[1], 2);
		return Value.computed(shape, fields, y);
	}

	private static Interpolation interpolation(Step node, boolean legacy) throws OnnxFormatException {
		String mode = node.stringAttr("mode", "nearest");
		if (mode.equals("linear")) return Interpolation.LINEAR;
		if (!mode.equals("nearest")) throw node.fail("mode '" + mode + "' is not supported (only nearest and linear)");
		if (legacy) return Interpolation.NEAREST_FLOOR;
		String rounding = node.stringAttr("nearest_mode", "round_prefer_floor");
		switch (rounding) {
		case "round_prefer_floor":
			return Interpolation.NEAREST_ROUND_PREFER_FLOOR;
		case "round_prefer_ceil":
			return Interpolation.NEAREST_ROUND_PREFER_CEIL;
		case "floor":
			return Interpolation.NEAREST_FLOOR;
		case "ceil":
			return Interpolation.NEAREST_CEIL;
		default:
			throw node.fail("nearest_mode '" + rounding + "' is not supported");
		}
	}

	private static Coordinates coordinates(Step node) throws OnnxFormatException {
		String mode = node.stringAttr("coordinate_transformation_mode", "half_pixel");
		switch (mode) {
		case "half_pixel":
			return Coordinates.HALF_PIXEL;
		case "pytorch_half_pixel":
			return Coordinates.PYTORCH_HALF_PIXEL;
		case "align_corners":
			return Coordinates.ALIGN_CORNERS;
		case "asymmetric":
			return Coordinates.ASYMMETRIC;
		case "tf_half_pixel_for_nn":
			return Coordinates.TF_HALF_PIXEL_FOR_NN;
		default:
			throw node.fail("coordinate_transformation_mode '" + mode + "' is not supported");
		}
	}

	/** Opset 18's attributes, where they change nothing: no antialiasing, the spatial axes, sizes stretched. */
	private static void checkOpset18(Step node) throws OnnxFormatException {
		if (node.intAttr("antialias", 0) != 0) throw node.fail("antialiasing is not supported");
		if (!node.stringAttr("keep_aspect_ratio_policy", "stretch").equals("stretch"))
			throw node.fail("keep_aspect_ratio_policy other than stretch is not supported");
		long[] axes = node.intsAttr("axes", null);
		if (axes != null && !(axes.length == 4 && Arrays.equals(axes, new long[] { 0, 1, 2, 3 })))
			throw node.fail("the axes attribute " + Arrays.toString(axes) + " is not supported");
	}

	/** The output lengths and the scales the coordinate transformation divides by, from scales or sizes. */
	private static void lengths(Step node, Value x, boolean legacy, double[] scales, long[] out)
		throws OnnxFormatException
	{
		int scalesInput = legacy ? 1 : 2;
		float[] given = upsampleAttribute(node);
		if (given == null && node.has(scalesInput)) given = node.constant(scalesInput).floats;
		if (given == null && node.has(scalesInput) && node.constant(scalesInput).ints != null)
			throw node.fail("scales must be floats");
		long[] sizes = !legacy && node.has(3) ? node.constant(3).ints : null;
		if (given != null && given.length > 0) {
			if (sizes != null && sizes.length > 0) throw node.fail("gives both scales and sizes");
			if (given.length != 4 || given[0] != 1 || given[1] != 1)
				throw node.fail("scales " + Arrays.toString(given) + " (only the two spatial axes may be resized)");
			for (int a = 0; a < 2; a++) {
				if (!(given[2 + a] > 0) || Float.isInfinite(given[2 + a])) throw node.fail("scale " + given[2 + a]);
				scales[a] = given[2 + a];
				out[a] = (long) Math.floor(x.shape[2 + a] * scales[a]);
			}
		}
		else if (sizes != null && sizes.length == 4) {
			if (sizes[1] != x.shape[1]) throw node.fail("sizes " + Arrays.toString(sizes) + " resize the channels");
			for (int a = 0; a < 2; a++) {
				out[a] = sizes[2 + a];
				scales[a] = (double) out[a] / x.shape[2 + a];
			}
		}
		else throw node.fail("needs 4 scales or 4 sizes");
		for (int a = 0; a < 2; a++)
			if (out[a] < 1 || out[a] > 1 << 20) throw node.fail("output length " + out[a] + " is not supported");
		checkArea(node, out[0], out[1]);
	}

	/** Maps of at most 8192 × 8192 (twice the largest input's side), so that one channel of one image fits in memory. */
	static void checkArea(Step node, long height, long width) throws OnnxFormatException {
		if (height * width > 1 << 26) throw node.fail("output of " + height + "×" + width + " is too large");
	}

	/** Upsample-7's scales attribute; null where the node has none. */
	private static float[] upsampleAttribute(Step node) {
		if (!node.hasAttr("scales")) return null;
		float[] f = node.node().attributes().get("scales").floats();
		return f == null || f.length == 0 ? null : f;
	}

	/** {@code nhwc} resampled along {@code axis} (1: rows, 2: columns) as {@code along} reads it. */
	private static Operand<TFloat32> resampled(Ops tf, Operand<TFloat32> nhwc, Resampling along, int axis) {
		int n = (int) along.outLength();
		int[] first = new int[n];
		int[] last = new int[n];
		float[] weight = new float[n];
		boolean identity = along.inLength() == n;
		for (int o = 0; o < n; o++) {
			first[o] = (int) along.first(o);
			last[o] = (int) along.last(o);
			weight[o] = (float) along.weight(o);
			identity &= first[o] == o && weight[o] == 0;
		}
		if (identity) return nhwc;
		Operand<TFloat32> low = tf.gather(nhwc, tf.constant(first), tf.constant(axis));
		if (along.interpolation != Interpolation.LINEAR) return low;
		Operand<TFloat32> high = tf.gather(nhwc, tf.constant(last), tf.constant(axis));
		long[] shape = axis == 1 ? new long[] { 1, n, 1, 1 } : new long[] { 1, 1, n, 1 };
		float[] lowWeight = new float[n];
		for (int o = 0; o < n; o++)
			lowWeight[o] = 1 - weight[o];
		return tf.math.add(tf.math.mul(low, Layout.floats(tf, lowWeight, shape)),
			tf.math.mul(high, Layout.floats(tf, weight, shape)));
	}
}
