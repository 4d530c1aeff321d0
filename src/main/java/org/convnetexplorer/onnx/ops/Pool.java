package org.convnetexplorer.onnx.ops;

import java.util.Arrays;
import java.util.List;

import org.convnetexplorer.geometry.LayerFields;
import org.convnetexplorer.onnx.graph.OnnxFormatException;
import org.convnetexplorer.onnx.ops.OnnxImporter.Value;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** MaxPool and AveragePool: 2-D, pads or auto_pad, ceil_mode; the average's count_include_pad. */
final class Pool implements Operator {

	private final boolean max;

	/** @param max MaxPool; else AveragePool */
	Pool(boolean max) {
		this.max = max;
	}

	@Override
	public Value apply(Step node) throws OnnxFormatException {
		if (max) node.allow("auto_pad", "ceil_mode", "dilations", "kernel_shape", "pads", "storage_order", "strides");
		else node.allow("auto_pad", "ceil_mode", "count_include_pad", "dilations", "kernel_shape", "pads", "strides");
		Value x = node.computed(0, 4);
		WindowGeometry win = window(node, x);
		long[] shape = { Value.BATCH, x.shape[1], win.out[0], win.out[1] };
		LayerFields fields = win.fieldsPerChannel(node, x);
		Ops tf = node.tf();
		if (tf == null) return Value.computed(shape, fields, null);
		if (max) return Value.computed(shape, fields, tf.nn.maxPool(win.tfInput(tf, x.op, Float.NEGATIVE_INFINITY),
			windowShape(tf, win.kernel), windowShape(tf, win.strides), win.tfPadding()));
		boolean includePad = node.intAttr("count_include_pad", 0) != 0;
		return Value.computed(shape, fields, average(tf, x, win, includePad));
	}

	/**
	 * MaxPool: unpooling by the forward pass's switches, each window's signal to the position that was its maximum
	 * (TF's MaxPoolGrad, the first maximum in row-major order as torch's). AveragePool, linear: its gradient, each
	 * window's signal spread evenly over the pixels its divisor counts.
	 */
	@Override
	public void backward(BackwardStep step) throws OnnxFormatException {
		Step node = step.node();
		Value x = node.computed(0, 4);
		WindowGeometry win = window(node, x);
		if (!max) {
			averageBackward(step, x, win, node.intAttr("count_include_pad", 0) != 0);
			return;
		}
		Ops tf = step.tf();
		Operand<TFloat32> in = win.tfInput(tf, step.forward(0), Float.NEGATIVE_INFINITY);
		Operand<TInt32> kernel = windowShape(tf, win.kernel);
		Operand<TInt32> strides = windowShape(tf, win.strides);
		Operand<TFloat32> pooled = tf.nn.maxPool(in, kernel, strides, win.tfPadding());
		Operand<TFloat32> unpooled = tf.nn.maxPoolGrad(in, pooled, step.signal(), kernel, strides, win.tfPadding());
		step.send(0, win.isTfSame || !win.needsPad() ? unpooled
			: step.crop(unpooled, win.pads[0], win.pads[1], x.shape[2], x.shape[3]));
	}

	/**
	 * The average's gradient: the signal rescaled as the forward average is, spread over its windows of the padded
	 * input (TF's AvgPoolGrad), the padding cut off.
	 */
	private static void averageBackward(BackwardStep step, Value x, WindowGeometry win, boolean includePad)
		throws OnnxFormatException
	{
		Ops tf = step.tf();
		float[] factor = divisorFactors(x, win, includePad);
		Operand<TFloat32> signal = factor == null ? step.signal()
			: tf.math.mul(step.signal(), Layout.floats(tf, factor, 1, (int) win.out[0], (int) win.out[1], 1));
		long height = x.shape[2] + win.pads[0] + win.pads[2] + win.ceilExtra[0];
		long width = x.shape[3] + win.pads[1] + win.pads[3] + win.ceilExtra[1];
		Operand<TFloat32> spread = tf.nn.avgPoolGrad(step.perSelectionShape(height, width, x.shape[1]), signal,
			List.of(1L, (long) win.kernel[0], (long) win.kernel[1], 1L),
			List.of(1L, (long) win.strides[0], (long) win.strides[1], 1L), "VALID");
		step.send(0, win.needsPad() ? step.crop(spread, win.pads[0], win.pads[1], x.shape[2], x.shape[3]) : spread);
	}

	/** The pooling window over {@code x}, checked. */
	private static WindowGeometry window(Step node, Value x) throws OnnxFormatException {
		long[] k = node.intsAttr("kernel_shape", null);
		if (k == null || k.length != 2 || k[0] < 1 || k[1] < 1 || k[0] > 1 << 16 || k[1] > 1 << 16)
			throw node.fail("needs a 2-D kernel_shape");
		int[] kernel = { (int) k[0], (int) k[1] };
		int[] strides = node.pair("strides");
		int[] dilations = node.pair("dilations");
		if (dilations[0] != 1 || dilations[1] != 1) throw node.fail("dilated pooling is not supported");
		boolean ceil = node.intAttr("ceil_mode", 0) != 0;
		WindowGeometry win = WindowGeometry.of(node, x, kernel, strides, dilations, ceil);
		// A window wholly in the padding would average no pixel (a division by zero) or take the maximum of none.
		for (int i = 0; i < 4; i++)
			if (win.pads[i] >= kernel[i % 2]) throw node.fail("pads " + Arrays.toString(win.pads) +
				" not smaller than the kernel " + Arrays.toString(kernel) + ": a window could hold padding only");
		return win;
	}

	/** [1, y, x, 1]: a window's size or strides as TF's pools take them. */
	private static Operand<TInt32> windowShape(Ops tf, int[] yx) {
		return tf.constant(new int[] { 1, yx[0], yx[1], 1 });
	}

	/**
	 * TF's average divides by the whole window; ONNX (and PyTorch) by the window's part inside the input (or, with
	 * count_include_pad, inside the declared padding): rescaled where they differ.
	 */
	private static Operand<TFloat32> average(Ops tf, Value x, WindowGeometry win, boolean includePad) {
		int[] kernel = win.kernel;
		int[] strides = win.strides;
		Operand<TFloat32> in = win.needsPad() ? win.padded(tf, x.op, 0f) : x.op;
		Operand<TFloat32> y = tf.nn.avgPool(in, Arrays.asList(1L, (long) kernel[0], (long) kernel[1], 1L),
			List.of(1L, (long) strides[0], (long) strides[1], 1L), "VALID");
		float[] factor = divisorFactors(x, win, includePad);
		return factor == null ? y : tf.math.mul(y, Layout.floats(tf, factor, 1, (int) win.out[0], (int) win.out[1], 1));
	}

	/** Per output position, the whole window's size over ONNX's divisor; null where they agree everywhere. */
	private static float[] divisorFactors(Value x, WindowGeometry win, boolean includePad) {
		int[] kernel = win.kernel;
		int[] strides = win.strides;
		int oh = (int) win.out[0];
		int ow = (int) win.out[1];
		float[] factor = new float[oh * ow];
		boolean differs = false;
		for (int oy = 0; oy < oh; oy++)
			for (int ox = 0; ox < ow; ox++) {
				long count = covered(oy, strides[0], kernel[0], win.pads[0], win.pads[2], x.shape[2], includePad)
					* covered(ox, strides[1], kernel[1], win.pads[1], win.pads[3], x.shape[3], includePad);
				factor[oy * ow + ox] = (float) ((double) kernel[0] * kernel[1] / count);
				differs |= count != (long) kernel[0] * kernel[1];
			}
		return differs ? factor : null;
	}

	/** How many of a pooling window's positions along one axis count as its divisor. */
	private static long covered(int o, int stride, int kernel, int padBegin, int padEnd, long in, boolean includePad) {
		long start = (long) o * stride - padBegin;
		long end = Math.min(start + kernel, in + padEnd);
		if (includePad) return end - start;
		return Math.min(end, in) - Math.max(start, 0);
	}
}
