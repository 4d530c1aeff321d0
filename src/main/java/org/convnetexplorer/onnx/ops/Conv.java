package org.convnetexplorer.onnx.ops;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BinaryOperator;

import org.convnetexplorer.geometry.LayerFields;
import org.convnetexplorer.network.KernelLayout;
import org.convnetexplorer.onnx.graph.OnnxFormatException;
import org.convnetexplorer.onnx.ops.OnnxImporter.Value;
import org.convnetexplorer.onnx.graph.OnnxNode;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Split;
import org.tensorflow.op.nn.Conv2d;
import org.tensorflow.op.nn.Conv2dBackpropInput;
import org.tensorflow.types.TFloat32;

/**
 * Conv: 2-D, float weights, groups (depthwise with a channel multiplier as TF's depthwise op), dilations, strides,
 * pads or auto_pad; a BatchNormalization after it may be folded into its weights ({@link NormFolding}).
 */
final class Conv implements Operator {

	@Override
	public Value apply(Step node) throws OnnxFormatException {
		node.allow("auto_pad", "dilations", "group", "kernel_shape", "pads", "strides");
		Value x = node.computed(0, 4);
		Value w = node.constant(1);
		if (w.rank() != 4 || w.floats == null) throw node.fail("only 2-D convolutions with float weights are supported");
		int outChannels = (int) w.shape[0];
		int groups = (int) node.intAttr("group", 1);
		int inChannels = x.channels();
		if (groups < 1 || inChannels % groups != 0 || outChannels % groups != 0 || w.shape[1] != inChannels / groups)
			throw node.fail("weights " + Arrays.toString(w.shape) + " do not fit " + inChannels + " input channels in "
				+ groups + " groups");
		int[] kernel = { (int) w.shape[2], (int) w.shape[3] };
		checkKernelShape(node, kernel);
		WindowGeometry win = WindowGeometry.of(node, x, kernel, node.pair("strides"), node.pair("dilations"), false);
		float[] bias = node.has(2) ? node.constant(2).floats : null;
		if (bias != null && bias.length != outChannels) throw node.fail("bias of " + bias.length + " for " + outChannels + " outputs");
		long[] shape = { Value.BATCH, outChannels, win.out[0], win.out[1] };
		LayerFields fields = win.inputFields(node, x).mixed(outChannels, groups,
			f -> f.window(win.axes[0], win.axes[1]), node.describe());
		if (node.tf() == null) return Value.computed(shape, fields, null);
		float[][] folded = folded(node, w.floats, bias, outChannels);
		float[] weights = folded[0];
		bias = folded[1];
		Operand<TFloat32> y = convolve(node.tf(), win.tfInput(node.tf(), x.op, 0f), win, weights, inChannels, outChannels,
			groups);
		if (bias != null) y = node.tf().nn.biasAdd(y, Layout.floats(node.tf(), bias, outChannels));
		return Value.computed(shape, fields, y);
	}

	/**
	 * The transposed convolution with the forward weights (as folded with a BatchNormalization after it): the same
	 * groups, strides, dilations and pads, the bias not used; the padding's rows and columns are dropped.
	 */
	@Override
	public void backward(BackwardStep step) throws OnnxFormatException {
		Step node = step.node();
		Value x = node.computed(0, 4);
		Value w = node.constant(1);
		int outChannels = (int) w.shape[0];
		int groups = (int) node.intAttr("group", 1);
		int[] kernel = { (int) w.shape[2], (int) w.shape[3] };
		WindowGeometry win = WindowGeometry.of(node, x, kernel, node.pair("strides"), node.pair("dilations"), false);
		float[] weights = folded(node, w.floats, null, outChannels)[0];
		boolean padded = !win.isTfSame && win.needsPad();
		long height = x.shape[2] + (padded ? win.pads[0] + win.pads[2] : 0);
		long width = x.shape[3] + (padded ? win.pads[1] + win.pads[3] : 0);
		Operand<TFloat32> in = transposed(step, win, weights, x.channels(), outChannels, groups, height, width);
		step.send(0, padded ? step.crop(in, win.pads[0], win.pads[1], x.shape[2], x.shape[3]) : in);
	}

	/** {weights, bias} with the BatchNormalization folded into them where one is ({@link NormFolding}). */
	private static float[][] folded(Step node, float[] weights, float[] bias, int outChannels)
		throws OnnxFormatException
	{
		OnnxNode norm = node.walk().normFolding().normAfter(node.node());
		if (norm == null) return new float[][] { weights, bias };
		float[][] scaleShift = Normalization.BatchNorm.scaleShift(new Step(norm, node.walk()), outChannels);
		float[] scaled = weights.clone();
		int per = scaled.length / outChannels;
		float[] shifted = new float[outChannels];
		for (int o = 0; o < outChannels; o++) {
			for (int k = 0; k < per; k++)
				scaled[o * per + k] *= scaleShift[0][o];
			shifted[o] = (bias == null ? 0 : bias[o]) * scaleShift[0][o] + scaleShift[1][o];
		}
		return new float[][] { scaled, shifted };
	}

	/** The signal taken back through {@link #convolve}: to its (padded) input of {@code height × width}. */
	private static Operand<TFloat32> transposed(BackwardStep step, WindowGeometry win, float[] weights, int inChannels,
		int outChannels, int groups, long height, long width)
	{
		Ops tf = step.tf();
		List<Long> strides = nhwc(win.strides);
		List<Long> dilations = nhwc(win.dilations);
		String padding = win.tfPadding();
		return byGroups(tf, step.signal(), win, weights, inChannels, outChannels, groups,
			(signal, kernel, in) -> tf.nn.conv2dBackpropInput(step.perSelectionShape(height, width, in), kernel, signal,
				strides, padding, Conv2dBackpropInput.dilations(dilations)),
			(signal, filter) -> tf.nn.depthwiseConv2dNativeBackpropInput(
				step.perSelectionShape(height, width, inChannels), filter, signal, strides, padding));
	}

	private static void checkKernelShape(Step node, int[] kernel) throws OnnxFormatException {
		if (node.hasAttr("kernel_shape")) {
			long[] k = node.intsAttr("kernel_shape", null);
			if (k.length != 2 || k[0] != kernel[0] || k[1] != kernel[1])
				throw node.fail("kernel_shape " + Arrays.toString(k) + " does not match the weights");
		}
	}

	/** The convolution of {@code in} (NHWC, padded for the window) with ONNX [out, in / groups, kh, kw] weights. */
	private static Operand<TFloat32> convolve(Ops tf, Operand<TFloat32> in, WindowGeometry win, float[] weights,
		int inChannels, int outChannels, int groups)
	{
		List<Long> strides = nhwc(win.strides);
		List<Long> dilations = nhwc(win.dilations);
		String padding = win.tfPadding();
		return byGroups(tf, in, win, weights, inChannels, outChannels, groups,
			(x, kernel, channels) -> tf.nn.conv2d(x, kernel, strides, padding, Conv2d.dilations(dilations)),
			(x, filter) -> tf.nn.depthwiseConv2dNative(x, filter, strides, padding));
	}

	/** A full convolution of {@code x} with a [kh, kw, in, out] kernel, or its transpose (back to {@code in} channels). */
	private interface FullKernel {
		Operand<TFloat32> of(Operand<TFloat32> x, Operand<TFloat32> kernel, int in);
	}

	/**
	 * {@code x} through a convolution's kernels (forwards, or transposed for the way down) in the form its groups call
	 * for: one full convolution, a depthwise one (one input channel per group, with a channel multiplier, no dilation)
	 * or a full one per group, {@code x} split along its channels and the results concatenated.
	 */
	private static Operand<TFloat32> byGroups(Ops tf, Operand<TFloat32> x, WindowGeometry win, float[] weights,
		int inChannels, int outChannels, int groups, FullKernel full, BinaryOperator<Operand<TFloat32>> depthwise)
	{
		int[] k = win.kernel;
		int perGroupIn = inChannels / groups;
		int perGroupOut = outChannels / groups;
		if (groups == 1) return full.of(x, kernel(tf, weights, 0, outChannels, inChannels, k), inChannels);
		if (perGroupIn == 1 && win.dilations[0] == 1 && win.dilations[1] == 1) {
			// depthwise (with a channel multiplier): [C × m, 1, kh, kw] as hwio is TF's [kh, kw, C, m]
			float[] f = KernelLayout.oihwToHwio(weights, 0, outChannels, 1, k[0], k[1]);
			return depthwise.apply(x, Layout.floats(tf, f, k[0], k[1], inChannels, perGroupOut));
		}
		Split<TFloat32> parts = tf.split(tf.constant(3), x, (long) groups);
		List<Operand<TFloat32>> results = new ArrayList<>();
		for (int g = 0; g < groups; g++)
			results.add(full.of(parts.output().get(g), kernel(tf, weights, g * perGroupOut, perGroupOut, perGroupIn, k),
				perGroupIn));
		return tf.concat(results, tf.constant(3));
	}

	/** [1, y, x, 1]: strides or dilations as TF's convolutions take them. */
	private static List<Long> nhwc(int[] yx) {
		return Arrays.asList(1L, (long) yx[0], (long) yx[1], 1L);
	}

	/** Output channels from .. from + count as TF's [kh, kw, in, count]. */
	private static Operand<TFloat32> kernel(Ops tf, float[] oihw, int from, int count, int in, int[] k) {
		return Layout.floats(tf, KernelLayout.oihwToHwio(oihw, from, count, in, k[0], k[1]), k[0], k[1], in, count);
	}
}
