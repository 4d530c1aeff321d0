package org.convnetexplorer.onnx.ops;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.convnetexplorer.geometry.LayerFields;
import org.convnetexplorer.geometry.TransposedWindow;
import org.convnetexplorer.onnx.graph.OnnxFormatException;
import org.convnetexplorer.onnx.ops.OnnxImporter.Value;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Split;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * ConvTranspose: 2-D, float weights [in, out / groups, kh, kw], strides, dilations, groups, pads, output_padding, and
 * output_shape or auto_pad SAME_UPPER / SAME_LOWER as ONNX turns them into pads. TF computes the whole transposed
 * convolution (its Conv2DBackpropInput, dilated kernels spelled out with zeros), then the pads are cut and output
 * padding added as zeros before the bias. Each axis is a {@link TransposedWindow}, the units' exact fields.
 */
final class ConvTranspose implements Operator {

	@Override
	public Value apply(Step node) throws OnnxFormatException {
		node.allow("auto_pad", "dilations", "group", "kernel_shape", "output_padding", "output_shape", "pads", "strides");
		Value x = node.computed(0, 4);
		Value w = node.constant(1);
		if (w.rank() != 4 || w.floats == null) throw node.fail("only 2-D transposed convolutions with float weights are supported");
		int groups = (int) node.intAttr("group", 1);
		int inChannels = x.channels();
		if (groups < 1 || w.shape[0] != inChannels || inChannels % groups != 0)
			throw node.fail("weights " + Arrays.toString(w.shape) + " do not fit " + inChannels + " input channels in "
				+ groups + " groups");
		int outChannels = (int) w.shape[1] * groups;
		int[] kernel = { (int) w.shape[2], (int) w.shape[3] };
		long[] k = node.intsAttr("kernel_shape", null);
		if (k != null && (k.length != 2 || k[0] != kernel[0] || k[1] != kernel[1]))
			throw node.fail("kernel_shape " + Arrays.toString(k) + " does not match the weights");
		TransposedWindow[] axes = axes(node, x, kernel);
		long spelledOut = (long) inChannels / groups * (outChannels / groups);
		for (TransposedWindow axis : axes)
			spelledOut *= (long) axis.dilation * (axis.kernel - 1) + 1;
		if (spelledOut > 1 << 26) throw node.fail("dilations " + axes[0].dilation + ", " + axes[1].dilation
			+ " make a kernel too large to compute");
		Resize.checkArea(node, axes[0].outLength(), axes[1].outLength());
		float[] bias = node.has(2) ? node.constant(2).floats : null;
		if (bias != null && bias.length != outChannels) throw node.fail("bias of " + bias.length + " for " + outChannels + " outputs");
		long[] shape = { Value.BATCH, outChannels, axes[0].outLength(), axes[1].outLength() };
		LayerFields fields = x.fields.mixed(outChannels, groups, f -> f.mapped(axes[0], axes[1]), node.describe());
		Ops tf = node.tf();
		if (tf == null) return Value.computed(shape, fields, null);
		Operand<TFloat32> y = cropped(tf, transposed(tf, x.op, w.floats, inChannels, outChannels, groups, axes), axes);
		if (bias != null) y = tf.nn.biasAdd(y, Layout.floats(tf, bias, outChannels));
		return Value.computed(shape, fields, y);
	}

	/** Both axes' windows, with the pads that pads, output_shape or auto_pad give. */
	private static TransposedWindow[] axes(Step node, Value x, int[] kernel) throws OnnxFormatException {
		int[] strides = node.pair("strides");
		int[] dilations = node.pair("dilations");
		long[] outputPadding = node.intsAttr("output_padding", new long[] { 0, 0 });
		if (outputPadding.length != 2) throw node.fail("output_padding " + Arrays.toString(outputPadding));
		long[] outputShape = node.intsAttr("output_shape", null);
		if (outputShape != null && outputShape.length == 4) outputShape = Arrays.copyOfRange(outputShape, 2, 4);
		if (outputShape != null && outputShape.length != 2) throw node.fail("output_shape " + Arrays.toString(outputShape));
		String autoPad = node.stringAttr("auto_pad", "NOTSET");
		if (!List.of("NOTSET", "VALID", "SAME_UPPER", "SAME_LOWER").contains(autoPad))
			throw node.fail("unsupported auto_pad '" + autoPad + "'");
		long[] pads = node.intsAttr("pads", new long[4]);
		if (pads.length != 4 || !autoPad.equals("NOTSET") && node.hasAttr("pads"))
			throw node.fail("unsupported pads " + Arrays.toString(pads) + " with auto_pad " + autoPad);
		TransposedWindow[] axes = new TransposedWindow[2];
		for (int a = 0; a < 2; a++) {
			long in = x.shape[2 + a];
			long op = outputPadding[a];
			if (op < 0 || op >= Math.max(strides[a], dilations[a])) throw node.fail("output_padding " + op);
			long full = (in - 1) * strides[a] + op + (long) dilations[a] * (kernel[a] - 1) + 1;
			long begin = pads[a], end = pads[a + 2];
			long wanted = outputShape != null ? outputShape[a] : autoPad.startsWith("SAME") ? in * strides[a] : -1;
			if (wanted >= 0) {
				long total = full - wanted;
				if (total < 0) op -= total; // longer than the kernel reaches: more output padding
				total = Math.max(0, total);
				begin = autoPad.equals("SAME_UPPER") ? total / 2 : total - total / 2;
				end = total - begin;
			}
			if (begin < 0 || end < 0 || begin + end >= full || begin > 1 << 20 || end > 1 << 20 || op > 1 << 20)
				throw node.fail("unsupported pads " + Arrays.toString(pads));
			axes[a] = new TransposedWindow(kernel[a], strides[a], dilations[a], (int) begin, (int) end, (int) op, in);
			if (axes[a].outLength() > 1 << 20) throw node.fail("output length " + axes[a].outLength() + " is not supported");
		}
		return axes;
	}

	/** The whole transposed convolution of {@code nhwc} (no pads, no output padding), per group. */
	private static Operand<TFloat32> transposed(Ops tf, Operand<TFloat32> nhwc, float[] weights, int inChannels,
		int outChannels, int groups, TransposedWindow[] axes)
	{
		int perIn = inChannels / groups;
		int perOut = outChannels / groups;
		int[] span = new int[2];
		int[] full = new int[2];
		for (int a = 0; a < 2; a++) {
			span[a] = axes[a].dilation * (axes[a].kernel - 1) + 1;
			full[a] = (int) ((axes[a].inLength() - 1) * axes[a].stride + span[a]);
		}
		List<Long> strides = Arrays.asList(1L, (long) axes[0].stride, (long) axes[1].stride, 1L);
		Operand<TInt32> sizes = tf.concat(List.of(tf.slice(tf.shape(nhwc), tf.constant(new int[] { 0 }),
			tf.constant(new int[] { 1 })), tf.constant(new int[] { full[0], full[1], perOut })), tf.constant(0));
		List<Operand<TFloat32>> outs = new ArrayList<>();
		Split<TFloat32> parts = groups == 1 ? null : tf.split(tf.constant(3), nhwc, (long) groups);
		for (int g = 0; g < groups; g++) {
			Operand<TFloat32> filter = Layout.floats(tf, filter(weights, g, perIn, perOut, axes, span), span[0], span[1],
				perOut, perIn);
			outs.add(tf.nn.conv2dBackpropInput(sizes, filter, groups == 1 ? nhwc : parts.output().get(g), strides,
				"VALID"));
		}
		return groups == 1 ? outs.get(0) : tf.concat(outs, tf.constant(3));
	}

	/**
	 * Group g's weights as TF's filter [span h, span w, out, in]: ONNX's [in, out / groups, kh, kw] with tap (t, u) at
	 * (t × dilation, u × dilation) and zeros between.
	 */
	private static float[] filter(float[] weights, int g, int perIn, int perOut, TransposedWindow[] axes, int[] span) {
		int kh = axes[0].kernel, kw = axes[1].kernel;
		float[] f = new float[span[0] * span[1] * perOut * perIn];
		for (int i = 0; i < perIn; i++)
			for (int o = 0; o < perOut; o++)
				for (int t = 0; t < kh; t++)
					for (int u = 0; u < kw; u++) {
						float v = weights[(((g * perIn + i) * perOut + o) * kh + t) * kw + u];
						int y = t * axes[0].dilation, xx = u * axes[1].dilation;
						f[((y * span[1] + xx) * perOut + o) * perIn + i] = v;
					}
		return f;
	}

	/** The whole output cut to ONNX's: pads off, output padding as zeros at the end. */
	private static Operand<TFloat32> cropped(Ops tf, Operand<TFloat32> full, TransposedWindow[] axes) {
		int[] extra = new int[2];
		for (int a = 0; a < 2; a++)
			extra[a] = Math.max(0, axes[a].outputPadding - axes[a].padEnd);
		Operand<TFloat32> y = full;
		if (extra[0] > 0 || extra[1] > 0)
			y = tf.pad(y, tf.constant(new int[][] { { 0, 0 }, { 0, extra[0] }, { 0, extra[1] }, { 0, 0 } }),
				tf.constant(0f));
		if (axes[0].padBegin == 0 && axes[1].padBegin == 0 && axes[0].outputPadding == axes[0].padEnd
			&& axes[1].outputPadding == axes[1].padEnd) return y;
		return tf.slice(y, tf.constant(new int[] { 0, axes[0].padBegin, axes[1].padBegin, 0 }),
			tf.constant(new int[] { -1, (int) axes[0].outLength(), (int) axes[1].outLength(), -1 }));
	}
}
