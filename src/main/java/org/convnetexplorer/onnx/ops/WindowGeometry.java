package org.convnetexplorer.onnx.ops;

import java.util.Arrays;

import org.convnetexplorer.geometry.LayerFields;
import org.convnetexplorer.geometry.SlidingWindow;
import org.convnetexplorer.onnx.graph.OnnxFormatException;
import org.convnetexplorer.onnx.ops.OnnxImporter.Value;
import org.convnetexplorer.onnx.ops.Reflections.Reflection;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A sliding window's geometry on one 2-D input, shared by Conv and the pools: its axes (y, x), pads {top, left, bottom,
 * right} from {@code pads} or {@code auto_pad}, the extra rows and columns {@code ceil_mode} reads, the output size, and
 * whether TF's SAME padding computes the same.
 */
final class WindowGeometry {

	final int[] kernel;
	final int[] strides;
	final int[] dilations;
	final SlidingWindow[] axes;
	final int[] pads;
	final long[] out;
	/** Extra rows/columns past the end that ceil_mode reads (beyond the declared pads). */
	final int[] ceilExtra;
	final boolean isTfSame;

	private WindowGeometry(int[] kernel, int[] strides, int[] dilations, SlidingWindow[] axes, int[] pads, long[] out,
		int[] ceilExtra, boolean isTfSame)
	{
		this.kernel = kernel;
		this.strides = strides;
		this.dilations = dilations;
		this.axes = axes;
		this.pads = pads;
		this.out = out;
		this.ceilExtra = ceilExtra;
		this.isTfSame = isTfSame;
	}

	/** The window of {@code kernel} the node slides over {@code x} (NCHW), with its strides and dilations attributes. */
	static WindowGeometry of(Step node, Value x, int[] kernel, int[] strides, int[] dilations, boolean ceilMode)
		throws OnnxFormatException
	{
		int[] sameTf = new int[4];
		for (int a = 0; a < 2; a++) {
			long in = x.shape[2 + a];
			long effective = (long) dilations[a] * (kernel[a] - 1) + 1;
			long total = Math.max((Step.ceilDiv(in, strides[a]) - 1) * strides[a] + effective - in, 0);
			sameTf[a] = (int) (total / 2);
			sameTf[a + 2] = (int) (total - total / 2);
		}
		int[] pads = pads(node, sameTf);
		SlidingWindow[] axes = new SlidingWindow[2];
		long[] out = new long[2];
		int[] extra = new int[2];
		for (int a = 0; a < 2; a++) {
			long in = x.shape[2 + a];
			axes[a] = new SlidingWindow(kernel[a], strides[a], dilations[a], pads[a], pads[a + 2], ceilMode);
			if (!axes[a].fits(in)) throw node.fail("window of " + axes[a].span() + " larger than the padded input (" + in + ")");
			out[a] = axes[a].outputLength(in);
			extra[a] = (int) axes[a].overhang(in);
		}
		boolean isSame = extra[0] == 0 && extra[1] == 0 && Arrays.equals(pads, sameTf)
			&& out[0] == Step.ceilDiv(x.shape[2], strides[0]) && out[1] == Step.ceilDiv(x.shape[3], strides[1]);
		return new WindowGeometry(kernel, strides, dilations, axes, pads, out, extra, isSame);
	}

	/** The pads {top, left, bottom, right} that auto_pad or pads give; {@code sameTf}: TF's SAME pads. */
	private static int[] pads(Step node, int[] sameTf) throws OnnxFormatException {
		String autoPad = node.stringAttr("auto_pad", "NOTSET");
		int[] pads = new int[4];
		switch (autoPad) {
		case "NOTSET":
		case "VALID":
			break;
		case "SAME_UPPER":
			pads = sameTf.clone();
			break;
		case "SAME_LOWER":
			pads = new int[] { sameTf[2], sameTf[3], sameTf[0], sameTf[1] };
			break;
		default:
			throw node.fail("unsupported auto_pad '" + autoPad + "'");
		}
		if (autoPad.equals("NOTSET") && node.hasAttr("pads")) {
			long[] given = node.intsAttr("pads", null);
			if (given.length != 4) throw node.fail("pads " + Arrays.toString(given) + " (expected 4 values)");
			for (int i = 0; i < 4; i++) {
				if (given[i] < 0 || given[i] > 1 << 20) throw node.fail("unsupported pads " + Arrays.toString(given));
				pads[i] = (int) given[i];
			}
		}
		return pads;
	}

	/** Whether the operator of that name reads its first input through a window (Conv, the pools). */
	static boolean readsThroughWindow(String opType) {
		Operator operator = Operators.of(opType);
		return operator instanceof Conv || operator instanceof Pool;
	}

	boolean needsPad() {
		return pads[0] != 0 || pads[1] != 0 || pads[2] != 0 || pads[3] != 0 || ceilExtra[0] != 0 || ceilExtra[1] != 0;
	}

	/** The input padded as the window reads it (declared pads and ceil_mode's overhang), with {@code value}. */
	Operand<TFloat32> padded(Ops tf, Operand<TFloat32> nhwc, float value) {
		Operand<TInt32> paddings = tf.constant(new int[][] { { 0, 0 }, { pads[0], pads[2] + ceilExtra[0] },
			{ pads[1], pads[3] + ceilExtra[1] }, { 0, 0 } });
		return tf.pad(nhwc, paddings, tf.constant(value));
	}

	/** TF's padding argument for the input {@link #tfInput} gives. */
	String tfPadding() {
		return isTfSame ? "SAME" : "VALID";
	}

	/** The operand to run TF's window on with {@link #tfPadding}: padded with {@code value} where SAME does not fit. */
	Operand<TFloat32> tfInput(Ops tf, Operand<TFloat32> nhwc, float value) {
		return !isTfSame && needsPad() ? padded(tf, nhwc, value) : nhwc;
	}

	/**
	 * The fields the window builds on. After reflect padding, a window also reads mirrored pixels: the one at -u (u
	 * rows past the border) is pixel u. A window that reaches at least 2u + 1 rows into the map from where it starts
	 * holds pixel u anyway, so zero padding's fields stay true boxes; where a window that meets the border can reach
	 * less far in, its units may see mirrored pixels outside their boxes, and have none.
	 */
	LayerFields inputFields(Step node, Value x) {
		Reflection reflection = node.walk().reflections().of(node.node().inputs().get(0));
		if (reflection == null) return x.fields;
		for (int a = 0; a < 2; a++) {
			long span = (long) dilations[a] * (kernel[a] - 1) + 1;
			if (span - pads[a] < 2L * reflection.pads[a] + 1
				|| span - pads[a + 2] - ceilExtra[a] < 2L * reflection.pads[a + 2] + 1)
				return reflection.zeroPadFields.notBox(node.describe() + " reads pixels that " + reflection.pad.describe()
					+ " mirrors, from outside its units' boxes");
		}
		return reflection.zeroPadFields;
	}

	/** The output fields of a window that keeps channels apart (pools, and depthwise where a caller says so). */
	LayerFields fieldsPerChannel(Step node, Value x) {
		return inputFields(node, x).window(f -> f.window(axes[0], axes[1]));
	}
}
