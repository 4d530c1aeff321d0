package org.convnetexplorer.onnx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.convnetexplorer.geometry.LayerFields;
import org.convnetexplorer.geometry.SlidingWindow;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Split;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.op.math.Mean;
import org.tensorflow.op.nn.Conv2d;
import org.tensorflow.op.nn.LeakyRelu;
import org.tensorflow.op.nn.LocalResponseNormalization;
import org.tensorflow.types.TFloat32;

/**
 * Walks an ONNX graph node by node at a given input size and works out, for each tensor, its shape, its units'
 * receptive fields and (where given {@link Ops}) the TensorFlow operand that computes it. One walk serves the layer list
 * (shapes and fields only) and the TF graph (the same walk with ops), so the two cannot disagree.
 * <p>
 * Conventions: shapes are ONNX's (NCHW); a tensor computed from the input carries the batch as dim 0 ({@link #BATCH},
 * whatever size the model declared: a model exported with batch 1 runs any batch). Its TF operand is NHWC where its
 * rank is 4 (TF's CPU kernels' layout), else in ONNX's order. Shape computations (Shape, Gather, Unsqueeze, Concat,
 * Cast, Slice on integers) are folded here, with the batch size kept symbolic ({@link #BATCH_SIZE}), so no batch size
 * is baked into the graph. An operator, attribute or pattern not handled exactly is refused with the node's name.
 */
final class OnnxImporter {

	/** In a shape: the batch dimension, of any size. */
	static final long BATCH = -1;
	/** In folded integer content: the batch size, unknown until run. */
	static final long BATCH_SIZE = Long.MIN_VALUE;

	/** A tensor as the walk knows it. */
	static final class Value {
		final long[] shape;
		final boolean batched;
		final long[] ints;
		final float[] floats;
		final LayerFields fields;
		final Operand<TFloat32> op;

		private Value(long[] shape, boolean batched, long[] ints, float[] floats, LayerFields fields, Operand<TFloat32> op) {
			this.shape = shape;
			this.batched = batched;
			this.ints = ints;
			this.floats = floats;
			this.fields = fields;
			this.op = op;
		}

		static Value ints(long[] shape, long[] content) {
			return new Value(shape, false, content, null, null, null);
		}

		static Value floats(long[] shape, float[] content) {
			return new Value(shape, false, null, content, null, null);
		}

		static Value computed(long[] shape, LayerFields fields, Operand<TFloat32> op) {
			return new Value(shape, true, null, null, fields, op);
		}

		int rank() {
			return shape.length;
		}

		boolean isConstant() {
			return !batched;
		}

		/** Channels (dim 1) of a computed tensor of rank ≥ 2, else 1. */
		int channels() {
			return rank() >= 2 ? (int) shape[1] : 1;
		}
	}

	private static final Set<String> ACTIVATIONS = Set.of("Relu", "LeakyRelu", "Clip", "Sigmoid", "HardSigmoid",
		"HardSwish", "Tanh");
	/** Nodes that read their first input through a window, whose fields {@link #windowInput} gives. */
	private static final Set<String> WINDOW_OPS = Set.of("Conv", "MaxPool", "AveragePool");

	private final OnnxGraph graph;
	private final Ops tf;
	private final Map<String, Value> values = new HashMap<>();
	/** Conv nodes whose following BatchNormalization is folded into their weights (TF only), and those norms. */
	private final Map<OnnxNode, OnnxNode> foldedNorm = new HashMap<>();
	private final Set<OnnxNode> normFoldedAway = new HashSet<>();
	/** Outputs of reflect Pads read only by convolutions and pools: their pads and their fields as if zero-padded. */
	private final Map<String, Reflection> reflections = new HashMap<>();

	/** A reflect Pad's output, whose fields are boxes only as seen through a wide enough window (see windowInput). */
	private static final class Reflection {
		final OnnxNode pad;
		final int[] pads; // top, left, bottom, right
		final LayerFields zeroPadFields;

		Reflection(OnnxNode pad, int[] pads, LayerFields zeroPadFields) {
			this.pad = pad;
			this.pads = pads;
			this.zeroPadFields = zeroPadFields;
		}
	}

	/**
	 * @param tf where to build the TF ops; null: shapes and fields only
	 * @param kept tensors the caller fetches: never folded away
	 */
	OnnxImporter(OnnxGraph graph, Ops tf, Set<String> kept) {
		this.graph = graph;
		this.tf = tf;
		if (tf != null) findFoldableNorms(kept);
	}

	Value value(String tensor) {
		return values.get(tensor);
	}

	/** Sets the graph input: NCHW shape with dim 0 the batch, and its operand (NCHW, as fed), or null. */
	void input(String name, long[] nchw, Operand<TFloat32> fed) {
		long[] shape = nchw.clone();
		shape[0] = BATCH;
		Operand<TFloat32> op = fed == null ? null : toPhysical(fed, shape);
		values.put(name, Value.computed(shape, LayerFields.input((int) shape[1]), op));
	}

	void run(Collection<OnnxNode> nodes) throws OnnxFormatException {
		for (Map.Entry<String, OnnxTensor> e : graph.initializers().entrySet())
			values.putIfAbsent(e.getKey(), constant(e.getValue(), null));
		for (OnnxNode node : nodes)
			step(node);
	}

	// ---- per node --------------------------------------------------------------------------------------------------

	private void step(OnnxNode node) throws OnnxFormatException {
		if (!node.domain().isEmpty())
			throw fail(node, "operator of domain '" + node.domain() + "' is not supported");
		for (OnnxAttribute a : node.attributes().values())
			if (a.type() == OnnxAttribute.GRAPH) throw fail(node, "subgraphs are not supported");
		Value out;
		switch (node.opType()) {
		case "Conv":
			out = conv(node);
			break;
		case "MaxPool":
		case "AveragePool":
			out = pool(node);
			break;
		case "GlobalAveragePool":
		case "GlobalMaxPool":
			out = globalPool(node);
			break;
		case "ReduceMean":
			out = reduceMean(node);
			break;
		case "BatchNormalization":
			out = batchNorm(node);
			break;
		case "Relu":
		case "LeakyRelu":
		case "Clip":
		case "Sigmoid":
		case "HardSigmoid":
		case "HardSwish":
		case "Tanh":
			out = activation(node);
			break;
		case "Add":
		case "Sub":
		case "Mul":
		case "Div":
			out = binary(node);
			break;
		case "Concat":
			out = concat(node);
			break;
		case "Pad":
			out = pad(node);
			break;
		case "Constant":
			out = constantNode(node);
			break;
		case "Identity":
			allow(node);
			out = input(node, 0);
			break;
		case "Dropout":
			out = dropout(node);
			break;
		case "Flatten":
			out = flatten(node);
			break;
		case "Reshape":
			out = reshape(node);
			break;
		case "Transpose":
			out = transpose(node);
			break;
		case "Gemm":
		case "MatMul":
			out = gemm(node);
			break;
		case "LRN":
			out = lrn(node);
			break;
		case "Softmax":
			out = softmax(node);
			break;
		case "Shape":
			out = shapeOf(node);
			break;
		case "Gather":
			out = gather(node);
			break;
		case "Unsqueeze":
		case "Squeeze":
			out = squeeze(node);
			break;
		case "Cast":
			out = cast(node);
			break;
		case "Slice":
			out = slice(node);
			break;
		case "ConstantOfShape":
			out = constantOfShape(node);
			break;
		default:
			throw fail(node, "unsupported operator");
		}
		for (int i = 1; i < node.outputs().size(); i++)
			if (!node.outputs().get(i).isEmpty() && !node.opType().equals("Dropout")
				&& !node.opType().equals("BatchNormalization"))
				throw fail(node, "its output " + (i + 1) + " ('" + node.outputs().get(i) + "') is not supported");
		values.put(node.outputs().get(0), out);
	}

	private Value conv(OnnxNode node) throws OnnxFormatException {
		allow(node, "auto_pad", "dilations", "group", "kernel_shape", "pads", "strides");
		Value x = computed(node, 0, 4);
		Value w = constant(node, 1);
		if (w.rank() != 4 || w.floats == null) throw fail(node, "only 2-D convolutions with float weights are supported");
		int outChannels = (int) w.shape[0];
		int groups = (int) intAttr(node, "group", 1);
		int inChannels = x.channels();
		if (groups < 1 || inChannels % groups != 0 || outChannels % groups != 0 || w.shape[1] != inChannels / groups)
			throw fail(node, "weights " + Arrays.toString(w.shape) + " do not fit " + inChannels + " input channels in "
				+ groups + " groups");
		int[] kernel = { (int) w.shape[2], (int) w.shape[3] };
		checkKernelShape(node, kernel);
		int[] strides = pair(node, "strides");
		int[] dilations = pair(node, "dilations");
		Window win = window(node, x, kernel, strides, dilations, false);
		float[] bias = node.inputs().size() > 2 && !node.inputs().get(2).isEmpty() ? constant(node, 2).floats : null;
		if (bias != null && bias.length != outChannels) throw fail(node, "bias of " + bias.length + " for " + outChannels + " outputs");
		long[] shape = { BATCH, outChannels, win.out[0], win.out[1] };
		LayerFields fields = windowInput(node, x, win, kernel, dilations).mixed(outChannels, groups,
			f -> f.window(win.axes[0], win.axes[1]), describe(node));
		if (tf == null) return Value.computed(shape, fields, null);
		float[] weights = w.floats;
		OnnxNode norm = foldedNorm.get(node);
		if (norm != null) {
			float[][] scaleShift = normScaleShift(norm, outChannels);
			weights = weights.clone();
			int per = weights.length / outChannels;
			float[] folded = new float[outChannels];
			for (int o = 0; o < outChannels; o++) {
				for (int k = 0; k < per; k++)
					weights[o * per + k] *= scaleShift[0][o];
				folded[o] = (bias == null ? 0 : bias[o]) * scaleShift[0][o] + scaleShift[1][o];
			}
			bias = folded;
		}
		Operand<TFloat32> in = x.op;
		String padding = "VALID";
		if (win.isTfSame) padding = "SAME";
		else if (win.needsPad()) in = tf.pad(in, paddings(win), tf.constant(0f));
		List<Long> tfStrides = Arrays.asList(1L, (long) strides[0], (long) strides[1], 1L);
		List<Long> tfDilations = Arrays.asList(1L, (long) dilations[0], (long) dilations[1], 1L);
		Operand<TFloat32> y;
		int perGroupIn = inChannels / groups;
		int perGroupOut = outChannels / groups;
		if (groups == 1)
			y = tf.nn.conv2d(in, hwio(weights, 0, outChannels, inChannels, kernel), tfStrides, padding,
				Conv2d.dilations(tfDilations));
		else if (perGroupIn == 1 && dilations[0] == 1 && dilations[1] == 1) {
			// depthwise (with a channel multiplier): filter [kh, kw, C, multiplier]
			int multiplier = perGroupOut;
			float[] f = new float[kernel[0] * kernel[1] * inChannels * multiplier];
			for (int c = 0; c < inChannels; c++)
				for (int j = 0; j < multiplier; j++)
					for (int ky = 0; ky < kernel[0]; ky++)
						for (int kx = 0; kx < kernel[1]; kx++)
							f[((ky * kernel[1] + kx) * inChannels + c) * multiplier + j] =
								weights[((c * multiplier + j) * kernel[0] + ky) * kernel[1] + kx];
			y = tf.nn.depthwiseConv2dNative(in, tf.constant(Shape.of(kernel[0], kernel[1], inChannels, multiplier),
				DataBuffers.of(f, true, false)), tfStrides, padding);
		}
		else {
			Split<TFloat32> parts = tf.split(tf.constant(3), in, (long) groups);
			List<Operand<TFloat32>> outs = new ArrayList<>();
			for (int g = 0; g < groups; g++)
				outs.add(tf.nn.conv2d(parts.output().get(g), hwio(weights, g * perGroupOut, perGroupOut, perGroupIn, kernel),
					tfStrides, padding, Conv2d.dilations(tfDilations)));
			y = tf.concat(outs, tf.constant(3));
		}
		if (bias != null) y = tf.nn.biasAdd(y, tf.constant(Shape.of(outChannels), DataBuffers.of(bias, true, false)));
		return Value.computed(shape, fields, y);
	}

	/** ONNX [out, in, kh, kw] (output channels from..from+count) to TF's [kh, kw, in, out]. */
	private Operand<TFloat32> hwio(float[] oihw, int from, int count, int in, int[] k) {
		float[] f = new float[k[0] * k[1] * in * count];
		for (int o = 0; o < count; o++)
			for (int i = 0; i < in; i++)
				for (int y = 0; y < k[0]; y++)
					for (int x = 0; x < k[1]; x++)
						f[((y * k[1] + x) * in + i) * count + o] = oihw[(((from + o) * in + i) * k[0] + y) * k[1] + x];
		return tf.constant(Shape.of(k[0], k[1], in, count), DataBuffers.of(f, true, false));
	}

	/** A sliding window's geometry on one input: its axes (y, x), pads {top, left, bottom, right} and output size {h, w}. */
	private static final class Window {
		final SlidingWindow[] axes;
		final int[] pads;
		final long[] out;
		/** Extra rows/columns past the end that ceil_mode reads (beyond the declared pads). */
		final int[] ceilExtra;
		final boolean isTfSame;

		Window(SlidingWindow[] axes, int[] pads, long[] out, int[] ceilExtra, boolean isTfSame) {
			this.axes = axes;
			this.pads = pads;
			this.out = out;
			this.ceilExtra = ceilExtra;
			this.isTfSame = isTfSame;
		}

		boolean needsPad() {
			return pads[0] != 0 || pads[1] != 0 || pads[2] != 0 || pads[3] != 0 || ceilExtra[0] != 0 || ceilExtra[1] != 0;
		}
	}

	private Window window(OnnxNode node, Value x, int[] kernel, int[] strides, int[] dilations, boolean ceilMode)
		throws OnnxFormatException
	{
		String autoPad = stringAttr(node, "auto_pad", "NOTSET");
		int[] pads = new int[4];
		int[] sameTf = new int[4];
		long[] out = new long[2];
		int[] extra = new int[2];
		for (int a = 0; a < 2; a++) {
			long in = x.shape[2 + a];
			long effective = (long) dilations[a] * (kernel[a] - 1) + 1;
			long total = Math.max((ceilDiv(in, strides[a]) - 1) * strides[a] + effective - in, 0);
			sameTf[a] = (int) (total / 2);
			sameTf[a + 2] = (int) (total - total / 2);
			switch (autoPad) {
			case "NOTSET":
				break;
			case "VALID":
				break;
			case "SAME_UPPER":
				pads[a] = sameTf[a];
				pads[a + 2] = sameTf[a + 2];
				break;
			case "SAME_LOWER":
				pads[a] = sameTf[a + 2];
				pads[a + 2] = sameTf[a];
				break;
			default:
				throw fail(node, "unsupported auto_pad '" + autoPad + "'");
			}
		}
		if (autoPad.equals("NOTSET") && node.attributes().containsKey("pads")) {
			long[] given = intsAttr(node, "pads", null);
			if (given.length != 4) throw fail(node, "pads " + Arrays.toString(given) + " (expected 4 values)");
			for (int i = 0; i < 4; i++) {
				if (given[i] < 0 || given[i] > 1 << 20) throw fail(node, "unsupported pads " + Arrays.toString(given));
				pads[i] = (int) given[i];
			}
		}
		SlidingWindow[] axes = new SlidingWindow[2];
		for (int a = 0; a < 2; a++) {
			long in = x.shape[2 + a];
			axes[a] = new SlidingWindow(kernel[a], strides[a], dilations[a], pads[a], pads[a + 2], ceilMode);
			if (!axes[a].fits(in)) throw fail(node, "window of " + axes[a].span() + " larger than the padded input (" + in + ")");
			out[a] = axes[a].outputLength(in);
			extra[a] = (int) axes[a].overhang(in);
		}
		boolean isSame = extra[0] == 0 && extra[1] == 0 && Arrays.equals(pads, sameTf)
			&& out[0] == ceilDiv(x.shape[2], strides[0]) && out[1] == ceilDiv(x.shape[3], strides[1]);
		return new Window(axes, pads, out, extra, isSame);
	}

	private Operand<org.tensorflow.types.TInt32> paddings(Window w) {
		return tf.constant(new int[][] { { 0, 0 }, { w.pads[0], w.pads[2] + w.ceilExtra[0] },
			{ w.pads[1], w.pads[3] + w.ceilExtra[1] }, { 0, 0 } });
	}

	private void checkKernelShape(OnnxNode node, int[] kernel) throws OnnxFormatException {
		if (node.attributes().containsKey("kernel_shape")) {
			long[] k = intsAttr(node, "kernel_shape", null);
			if (k.length != 2 || k[0] != kernel[0] || k[1] != kernel[1])
				throw fail(node, "kernel_shape " + Arrays.toString(k) + " does not match the weights");
		}
	}

	/**
	 * The fields a window (convolution, pool) builds on. After reflect padding, a window also reads mirrored pixels:
	 * the one at -u (u rows past the border) is pixel u. A window that reaches at least 2u + 1 rows into the map from
	 * where it starts holds pixel u anyway, so zero padding's fields stay true boxes; where a window that meets the
	 * border can reach less far in, its units may see mirrored pixels outside their boxes, and have none.
	 */
	private LayerFields windowInput(OnnxNode node, Value x, Window win, int[] kernel, int[] dilations) {
		Reflection reflection = reflections.get(node.inputs().get(0));
		if (reflection == null) return x.fields;
		for (int a = 0; a < 2; a++) {
			long span = (long) dilations[a] * (kernel[a] - 1) + 1;
			if (span - win.pads[a] < 2L * reflection.pads[a] + 1
				|| span - win.pads[a + 2] - win.ceilExtra[a] < 2L * reflection.pads[a + 2] + 1)
				return reflection.zeroPadFields.notBox(describe(node) + " reads pixels that " + describe(reflection.pad) +
					" mirrors, from outside its units' boxes");
		}
		return reflection.zeroPadFields;
	}

	private Value pool(OnnxNode node) throws OnnxFormatException {
		boolean max = node.opType().equals("MaxPool");
		if (max) allow(node, "auto_pad", "ceil_mode", "dilations", "kernel_shape", "pads", "storage_order", "strides");
		else allow(node, "auto_pad", "ceil_mode", "count_include_pad", "dilations", "kernel_shape", "pads", "strides");
		Value x = computed(node, 0, 4);
		long[] k = intsAttr(node, "kernel_shape", null);
		if (k == null || k.length != 2 || k[0] < 1 || k[1] < 1 || k[0] > 1 << 16 || k[1] > 1 << 16)
			throw fail(node, "needs a 2-D kernel_shape");
		int[] kernel = { (int) k[0], (int) k[1] };
		int[] strides = pair(node, "strides");
		int[] dilations = pair(node, "dilations");
		if (dilations[0] != 1 || dilations[1] != 1) throw fail(node, "dilated pooling is not supported");
		boolean ceil = intAttr(node, "ceil_mode", 0) != 0;
		Window win = window(node, x, kernel, strides, dilations, ceil);
		// A window wholly in the padding would average no pixel (a division by zero) or take the maximum of none.
		for (int i = 0; i < 4; i++)
			if (win.pads[i] >= kernel[i % 2]) throw fail(node, "pads " + Arrays.toString(win.pads) +
				" not smaller than the kernel " + Arrays.toString(kernel) + ": a window could hold padding only");
		long[] shape = { BATCH, x.shape[1], win.out[0], win.out[1] };
		LayerFields fields = windowInput(node, x, win, kernel, new int[] { 1, 1 })
			.window(f -> f.window(win.axes[0], win.axes[1]));
		if (tf == null) return Value.computed(shape, fields, null);
		List<Long> tfKernel = Arrays.asList(1L, (long) kernel[0], (long) kernel[1], 1L);
		List<Long> tfStrides = Arrays.asList(1L, (long) strides[0], (long) strides[1], 1L);
		Operand<TFloat32> y;
		if (max) {
			Operand<TFloat32> in = x.op;
			String padding = "VALID";
			if (win.isTfSame) padding = "SAME";
			else if (win.needsPad()) in = tf.pad(in, paddings(win), tf.constant(Float.NEGATIVE_INFINITY));
			y = tf.nn.maxPool(in, tf.constant(new int[] { 1, kernel[0], kernel[1], 1 }),
				tf.constant(new int[] { 1, strides[0], strides[1], 1 }), padding);
		}
		else {
			boolean includePad = intAttr(node, "count_include_pad", 0) != 0;
			Operand<TFloat32> in = win.needsPad() ? tf.pad(x.op, paddings(win), tf.constant(0f)) : x.op;
			y = tf.nn.avgPool(in, tfKernel, tfStrides, "VALID");
			// TF divides by the whole window; ONNX (and PyTorch) by the window's part inside the input (or, with
			// count_include_pad, inside the declared padding): rescale where they differ.
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
			if (differs) y = tf.math.mul(y, tf.constant(Shape.of(1, oh, ow, 1), DataBuffers.of(factor, true, false)));
		}
		return Value.computed(shape, fields, y);
	}

	/** How many of a pooling window's positions along one axis count as its divisor. */
	private static long covered(int o, int stride, int kernel, int padBegin, int padEnd, long in, boolean includePad) {
		long start = (long) o * stride - padBegin;
		long end = Math.min(start + kernel, in + padEnd);
		if (includePad) return end - start;
		return Math.min(end, in) - Math.max(start, 0);
	}

	private Value globalPool(OnnxNode node) throws OnnxFormatException {
		allow(node);
		Value x = computed(node, 0, 4);
		long[] shape = { BATCH, x.shape[1], 1, 1 };
		LayerFields fields = x.fields.notBox(describe(node) + " pools over the whole map: each unit sees the whole input");
		if (tf == null) return Value.computed(shape, fields, null);
		Operand<TFloat32> y = node.opType().equals("GlobalMaxPool")
			? tf.max(x.op, tf.constant(new int[] { 1, 2 }), org.tensorflow.op.core.Max.keepDims(true))
			: tf.math.mean(x.op, tf.constant(new int[] { 1, 2 }), Mean.keepDims(true));
		return Value.computed(shape, fields, y);
	}

	private Value reduceMean(OnnxNode node) throws OnnxFormatException {
		allow(node, "axes", "keepdims", "noop_with_empty_axes");
		Value x = computed(node, 0, -1);
		long[] axes = node.inputs().size() > 1 && !node.inputs().get(1).isEmpty() ? constant(node, 1).ints
			: intsAttr(node, "axes", null);
		if (axes == null || axes.length == 0) throw fail(node, "reducing over all axes (the batch too) is not supported");
		boolean keep = intAttr(node, "keepdims", 1) != 0;
		boolean[] reduced = new boolean[x.rank()];
		for (long a : axes)
			reduced[normalizeAxis(node, a, x.rank())] = true;
		if (reduced[0]) throw fail(node, "reduces over the batch axis");
		List<Long> dims = new ArrayList<>();
		for (int i = 0; i < x.rank(); i++)
			if (!reduced[i]) dims.add(x.shape[i]);
			else if (keep) dims.add(1L);
		long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
		boolean spatial = false;
		for (int i = 2; i < x.rank(); i++)
			spatial |= reduced[i];
		int outChannels = shape.length >= 2 ? (int) shape[1] : 1;
		String overSpace = describe(node) + " averages over space: each unit sees the whole input";
		LayerFields fields;
		if (x.rank() >= 2 && reduced[1])
			fields = keep && !spatial ? x.fields.mixed(1, 1, f -> f, describe(node))
				: LayerFields.notBox(outChannels, spatial ? overSpace : describe(node) + " averages over channels");
		else fields = spatial ? x.fields.notBox(overSpace) : x.fields;
		if (tf == null) return Value.computed(shape, fields, null);
		Operand<TFloat32> y;
		if (x.rank() == 4 && keep) {
			int[] physical = new int[axes.length];
			for (int i = 0; i < axes.length; i++)
				physical[i] = NCHW_TO_NHWC_AXIS[normalizeAxis(node, axes[i], 4)];
			y = tf.math.mean(x.op, tf.constant(physical), Mean.keepDims(true));
		}
		else {
			int[] logical = Arrays.stream(axes).mapToInt(a -> normalizeAxisUnchecked(a, x.rank())).toArray();
			y = toPhysical(tf.math.mean(toLogical(x), tf.constant(logical), Mean.keepDims(keep)), shape);
		}
		return Value.computed(shape, fields, y);
	}

	private static final int[] NCHW_TO_NHWC_AXIS = { 0, 3, 1, 2 };

	private Value batchNorm(OnnxNode node) throws OnnxFormatException {
		allow(node, "epsilon", "momentum", "spatial", "training_mode");
		if (intAttr(node, "training_mode", 0) != 0) throw fail(node, "training mode is not supported");
		if (intAttr(node, "spatial", 1) != 1) throw fail(node, "spatial=0 is not supported");
		for (int i = 1; i < node.outputs().size(); i++)
			if (!node.outputs().get(i).isEmpty() && isRead(node.outputs().get(i)))
				throw fail(node, "its running statistics outputs are not supported");
		Value x = computed(node, 0, -1);
		if (x.rank() != 4 && x.rank() != 2) throw fail(node, "only inputs of rank 2 or 4 are supported");
		float[][] scaleShift = normScaleShift(node, x.channels());
		if (tf == null || normFoldedAway.contains(node)) return Value.computed(x.shape, x.fields, x.op);
		int c = x.channels();
		Operand<TFloat32> y = tf.math.add(tf.math.mul(x.op, tf.constant(Shape.of(c), DataBuffers.of(scaleShift[0], true, false))),
			tf.constant(Shape.of(c), DataBuffers.of(scaleShift[1], true, false)));
		return Value.computed(x.shape, x.fields, y);
	}

	/** The norm as y = scale × x + shift per channel. */
	private float[][] normScaleShift(OnnxNode node, int channels) throws OnnxFormatException {
		float[] gamma = constant(node, 1).floats;
		float[] beta = constant(node, 2).floats;
		float[] mean = constant(node, 3).floats;
		float[] var = constant(node, 4).floats;
		if (gamma == null || beta == null || mean == null || var == null)
			throw fail(node, "needs float scale, bias, mean and variance");
		for (float[] p : new float[][] { gamma, beta, mean, var })
			if (p.length != channels) throw fail(node, "parameters of " + p.length + " values for " + channels + " channels");
		double eps = floatAttr(node, "epsilon", 1e-5f);
		float[] scale = new float[channels];
		float[] shift = new float[channels];
		for (int i = 0; i < channels; i++) {
			double s = gamma[i] / Math.sqrt(var[i] + eps);
			scale[i] = (float) s;
			shift[i] = (float) (beta[i] - mean[i] * s);
		}
		return new float[][] { scale, shift };
	}

	private Value activation(OnnxNode node) throws OnnxFormatException {
		switch (node.opType()) {
		case "LeakyRelu":
			allow(node, "alpha");
			break;
		case "HardSigmoid":
			allow(node, "alpha", "beta");
			break;
		case "Clip":
			allow(node, "min", "max");
			break;
		default:
			allow(node);
		}
		Value x = computed(node, 0, -1);
		if (tf == null) return Value.computed(x.shape, x.fields, null);
		Operand<TFloat32> y;
		switch (node.opType()) {
		case "Relu":
			y = tf.nn.relu(x.op);
			break;
		case "LeakyRelu":
			y = tf.nn.leakyRelu(x.op, LeakyRelu.alpha(floatAttr(node, "alpha", 0.01f)));
			break;
		case "Sigmoid":
			y = tf.math.sigmoid(x.op);
			break;
		case "Tanh":
			y = tf.math.tanh(x.op);
			break;
		case "HardSigmoid":
			y = hardSigmoid(x.op, floatAttr(node, "alpha", 0.2f), floatAttr(node, "beta", 0.5f));
			break;
		case "HardSwish":
			y = tf.math.mul(x.op, hardSigmoid(x.op, 1f / 6, 0.5f));
			break;
		default:
			y = clip(node, x.op);
		}
		return Value.computed(x.shape, x.fields, y);
	}

	private Operand<TFloat32> hardSigmoid(Operand<TFloat32> x, float alpha, float beta) {
		return tf.clipByValue(tf.math.add(tf.math.mul(x, tf.constant(alpha)), tf.constant(beta)), tf.constant(0f),
			tf.constant(1f));
	}

	private Operand<TFloat32> clip(OnnxNode node, Operand<TFloat32> x) throws OnnxFormatException {
		float min = Float.NEGATIVE_INFINITY;
		float max = Float.POSITIVE_INFINITY;
		if (graph.opset() < 11) {
			min = floatAttr(node, "min", min);
			max = floatAttr(node, "max", max);
		}
		else {
			if (node.inputs().size() > 1 && !node.inputs().get(1).isEmpty()) min = scalar(node, 1);
			if (node.inputs().size() > 2 && !node.inputs().get(2).isEmpty()) max = scalar(node, 2);
		}
		if (min == 0 && max == 6) return tf.nn.relu6(x);
		if (min == 0 && max == Float.POSITIVE_INFINITY) return tf.nn.relu(x);
		Operand<TFloat32> y = x;
		if (min != Float.NEGATIVE_INFINITY) y = tf.math.maximum(y, tf.constant(min));
		if (max != Float.POSITIVE_INFINITY) y = tf.math.minimum(y, tf.constant(max));
		return y;
	}

	private float scalar(OnnxNode node, int input) throws OnnxFormatException {
		Value v = constant(node, input);
		float[] f = v.floats != null ? v.floats : null;
		if (f == null || f.length != 1) throw fail(node, "input " + (input + 1) + " must be a constant scalar");
		return f[0];
	}

	private Value binary(OnnxNode node) throws OnnxFormatException {
		allow(node, "axis", "broadcast");
		if (node.attributes().containsKey("broadcast") && graph.opset() < 7)
			throw fail(node, "legacy broadcast attributes (opset < 7) are not supported");
		Value a = input(node, 0);
		Value b = input(node, 1);
		if (a.isConstant() && b.isConstant()) return foldBinary(node, a, b);
		if (a.batched && b.batched && a.rank() != b.rank())
			throw fail(node, "combines computed tensors of ranks " + a.rank() + " and " + b.rank());
		Value computed = a.batched ? a : b;
		Value other = a.batched ? b : a;
		if (other.rank() > computed.rank()) throw fail(node, "broadcasts a constant of higher rank over the data");
		long[] shape = broadcast(node, a.shape, b.shape);
		LayerFields fields;
		if (other.batched) {
			LayerFields fa = spreadFields(node, a, shape);
			LayerFields fb = spreadFields(node, b, shape);
			fields = computed.rank() >= 2 ? LayerFields.merged(fa, fb, describe(node)) : fa;
		}
		else {
			if (!Arrays.equals(shape, computed.shape)) throw fail(node, "a constant widens the data's shape");
			fields = computed.fields;
		}
		if (tf == null) return Value.computed(shape, fields, null);
		Operand<TFloat32> pa = a.batched ? a.op : constantOperand(node, a, computed.rank());
		Operand<TFloat32> pb = b.batched ? b.op : constantOperand(node, b, computed.rank());
		Operand<TFloat32> y;
		switch (node.opType()) {
		case "Add":
			y = tf.math.add(pa, pb);
			break;
		case "Sub":
			y = tf.math.sub(pa, pb);
			break;
		case "Mul":
			y = tf.math.mul(pa, pb);
			break;
		default:
			y = tf.math.div(pa, pb);
		}
		return Value.computed(shape, fields, y);
	}

	/** A side's fields where it is broadcast over space: one value for the whole map is no box. */
	private LayerFields spreadFields(OnnxNode node, Value v, long[] shape) {
		for (int i = 2; i < shape.length; i++)
			if (v.shape[i] != shape[i])
				return v.fields.notBox(describe(node) + " spreads one value over the whole map: each unit sees the whole input");
		return v.fields;
	}

	private long[] broadcast(OnnxNode node, long[] a, long[] b) throws OnnxFormatException {
		int rank = Math.max(a.length, b.length);
		long[] out = new long[rank];
		for (int i = 0; i < rank; i++) {
			long da = i - (rank - a.length) >= 0 ? a[i - (rank - a.length)] : 1;
			long db = i - (rank - b.length) >= 0 ? b[i - (rank - b.length)] : 1;
			if (da == db || db == 1) out[i] = da;
			else if (da == 1) out[i] = db;
			else throw fail(node, "shapes " + Arrays.toString(a) + " and " + Arrays.toString(b) + " do not broadcast");
		}
		return out;
	}

	/** A float constant as an operand broadcasting against computed data of {@code rank} (NHWC where rank 4). */
	private Operand<TFloat32> constantOperand(OnnxNode node, Value c, int rank) throws OnnxFormatException {
		float[] data = c.floats != null ? c.floats : toFloats(c.ints, node);
		long[] shape = new long[rank];
		Arrays.fill(shape, 1);
		System.arraycopy(c.shape, 0, shape, rank - c.rank(), c.rank());
		if (rank == 4) {
			long n = shape[0], ch = shape[1], h = shape[2], w = shape[3];
			float[] nhwc = new float[data.length];
			for (int i = 0; i < n; i++)
				for (int k = 0; k < ch; k++)
					for (int y = 0; y < h; y++)
						for (int x = 0; x < w; x++)
							nhwc[(int) (((i * h + y) * w + x) * ch + k)] = data[(int) (((i * ch + k) * h + y) * w + x)];
			return tf.constant(Shape.of(n, h, w, ch), DataBuffers.of(nhwc, true, false));
		}
		return tf.constant(Shape.of(shape), DataBuffers.of(data, true, false));
	}

	private float[] toFloats(long[] ints, OnnxNode node) throws OnnxFormatException {
		float[] f = new float[ints.length];
		for (int i = 0; i < ints.length; i++) {
			if (ints[i] == BATCH_SIZE) throw fail(node, "uses the batch size in arithmetic");
			f[i] = ints[i];
		}
		return f;
	}

	private Value foldBinary(OnnxNode node, Value a, Value b) throws OnnxFormatException {
		long[] shape = broadcast(node, a.shape, b.shape);
		int n = OnnxTensor.elementCount(shape);
		int na = OnnxTensor.elementCount(a.shape);
		int nb = OnnxTensor.elementCount(b.shape);
		if (!(na == n || na == 1) || !(nb == n || nb == 1) || na != n && !Arrays.equals(a.shape, shape) && na != 1)
			throw fail(node, "cannot fold this broadcast of constants");
		if (na == n && !Arrays.equals(a.shape, shape) || nb == n && !Arrays.equals(b.shape, shape) && nb != 1)
			throw fail(node, "cannot fold this broadcast of constants");
		String op = node.opType();
		if (a.ints != null && b.ints != null) {
			long[] out = new long[n];
			for (int i = 0; i < n; i++) {
				long x = a.ints[na == 1 ? 0 : i];
				long y = b.ints[nb == 1 ? 0 : i];
				if (x == BATCH_SIZE || y == BATCH_SIZE) throw fail(node, "uses the batch size in arithmetic");
				if (op.equals("Div") && y == 0) throw fail(node, "divides by zero");
				out[i] = op.equals("Add") ? x + y : op.equals("Sub") ? x - y : op.equals("Mul") ? x * y : x / y;
			}
			return Value.ints(shape, out);
		}
		float[] fa = a.floats != null ? a.floats : toFloats(a.ints, node);
		float[] fb = b.floats != null ? b.floats : toFloats(b.ints, node);
		float[] out = new float[n];
		for (int i = 0; i < n; i++) {
			float x = fa[na == 1 ? 0 : i];
			float y = fb[nb == 1 ? 0 : i];
			out[i] = op.equals("Add") ? x + y : op.equals("Sub") ? x - y : op.equals("Mul") ? x * y : x / y;
		}
		return Value.floats(shape, out);
	}

	private Value concat(OnnxNode node) throws OnnxFormatException {
		allow(node, "axis");
		List<Value> parts = new ArrayList<>();
		for (int i = 0; i < node.inputs().size(); i++)
			parts.add(input(node, i));
		if (parts.isEmpty()) throw fail(node, "has no inputs");
		int rank = parts.get(0).rank();
		int axis = normalizeAxis(node, intAttr(node, "axis", Long.MIN_VALUE), rank);
		if (parts.stream().allMatch(Value::isConstant)) {
			if (rank != 1) throw fail(node, "folds only 1-D constants");
			if (parts.stream().allMatch(p -> p.ints != null)) {
				long[] all = parts.stream().flatMapToLong(p -> Arrays.stream(p.ints)).toArray();
				return Value.ints(new long[] { all.length }, all);
			}
			throw fail(node, "folds only integer constants");
		}
		if (!parts.stream().allMatch(p -> p.batched && p.rank() == rank))
			throw fail(node, "concatenates constants with computed data, or tensors of different ranks");
		if (axis == 0) throw fail(node, "concatenates along the batch axis");
		long[] shape = parts.get(0).shape.clone();
		shape[axis] = 0;
		for (Value p : parts) {
			for (int i = 1; i < rank; i++)
				if (i != axis && p.shape[i] != shape[i]) throw fail(node, "inputs of different shapes");
			shape[axis] += p.shape[axis];
		}
		LayerFields fields;
		if (axis == 1) {
			List<LayerFields> f = new ArrayList<>();
			for (Value p : parts)
				f.add(p.fields);
			fields = LayerFields.concat(f);
		}
		else fields = LayerFields.notBox((int) shape[1], describe(node) + " concatenates along space");
		if (tf == null) return Value.computed(shape, fields, null);
		List<Operand<TFloat32>> ops = new ArrayList<>();
		for (Value p : parts)
			ops.add(p.op);
		return Value.computed(shape, fields, tf.concat(ops, tf.constant(rank == 4 ? NCHW_TO_NHWC_AXIS[axis] : axis)));
	}

	private Value pad(OnnxNode node) throws OnnxFormatException {
		allow(node, "mode", "pads", "value");
		Value x = computed(node, 0, 4);
		String mode = stringAttr(node, "mode", "constant");
		long[] pads;
		float value = 0;
		if (graph.opset() < 11) {
			pads = intsAttr(node, "pads", null);
			value = floatAttr(node, "value", 0f);
		}
		else {
			pads = constant(node, 1).ints;
			if (node.inputs().size() > 2 && !node.inputs().get(2).isEmpty()) value = scalar(node, 2);
			if (node.inputs().size() > 3 && !node.inputs().get(3).isEmpty()) throw fail(node, "the axes input is not supported");
		}
		if (pads == null || pads.length != 8) throw fail(node, "needs 8 pads for a 4-D input");
		if (pads[0] != 0 || pads[1] != 0 || pads[4] != 0 || pads[5] != 0)
			throw fail(node, "pads the batch or channel axis");
		for (long p : pads)
			if (p < 0 || p > 1 << 20) throw fail(node, "unsupported pads " + Arrays.toString(pads));
		if (!mode.equals("constant") && !mode.equals("reflect")) throw fail(node, "unsupported mode '" + mode + "'");
		int top = (int) pads[2], left = (int) pads[3], bottom = (int) pads[6], right = (int) pads[7];
		if (mode.equals("reflect") && (top >= x.shape[2] || bottom >= x.shape[2] || left >= x.shape[3] || right >= x.shape[3]))
			throw fail(node, "reflects more than the map holds");
		long[] shape = { BATCH, x.shape[1], x.shape[2] + top + bottom, x.shape[3] + left + right };
		LayerFields fields = x.fields.window(f -> f.padded(top, left));
		if (mode.equals("reflect")) {
			// A mirrored pixel lies inside the map, not where zero padding's field puts it: only a window reading the
			// output can tell whether it falls inside its units' boxes (windowInput).
			String output = node.outputs().get(0);
			boolean onlyWindowsRead = graph.outputs().stream().noneMatch(out -> out.name().equals(output))
				&& graph.nodes().stream().filter(n -> n.inputs().contains(output)).allMatch(n -> n.inputs().indexOf(output)
					== 0 && WINDOW_OPS.contains(n.opType()));
			if (onlyWindowsRead) reflections.put(output, new Reflection(node, new int[] { top, left, bottom, right },
				fields));
			fields = fields.notBox(describe(node) + " pads by reflection: its border pixels are mirrored ones from " +
				"inside the map");
		}
		if (tf == null) return Value.computed(shape, fields, null);
		Operand<org.tensorflow.types.TInt32> paddings = tf.constant(new int[][] { { 0, 0 }, { top, bottom }, { left, right }, { 0, 0 } });
		Operand<TFloat32> y = mode.equals("reflect") ? tf.mirrorPad(x.op, paddings, "REFLECT")
			: tf.pad(x.op, paddings, tf.constant(value));
		return Value.computed(shape, fields, y);
	}

	private Value constantNode(OnnxNode node) throws OnnxFormatException {
		allow(node, "value", "value_float", "value_floats", "value_int", "value_ints");
		Map<String, OnnxAttribute> a = node.attributes();
		if (a.size() != 1) throw fail(node, "needs exactly one value attribute");
		OnnxAttribute v = a.values().iterator().next();
		switch (v.name()) {
		case "value":
			if (v.tensor() == null) throw fail(node, "value is not a tensor");
			return constant(v.tensor(), node);
		case "value_float":
			return Value.floats(new long[0], new float[] { v.floatValue() });
		case "value_floats":
			return Value.floats(new long[] { v.floats().length }, v.floats());
		case "value_int":
			return Value.ints(new long[0], new long[] { v.intValue() });
		default:
			return Value.ints(new long[] { v.ints().length }, v.ints());
		}
	}

	private Value dropout(OnnxNode node) throws OnnxFormatException {
		allow(node, "ratio", "seed", "is_test");
		if (node.outputs().size() > 1 && !node.outputs().get(1).isEmpty() && isRead(node.outputs().get(1)))
			throw fail(node, "its mask output is not supported");
		if (node.inputs().size() > 2 && !node.inputs().get(2).isEmpty()) {
			Value training = constant(node, 2);
			if (training.ints == null || training.ints.length != 1 || training.ints[0] != 0)
				throw fail(node, "training mode is not supported");
		}
		return input(node, 0);
	}

	private Value flatten(OnnxNode node) throws OnnxFormatException {
		allow(node, "axis");
		Value x = input(node, 0);
		int axis = (int) intAttr(node, "axis", 1);
		if (axis < 0) axis += x.rank();
		if (axis < 0 || axis > x.rank()) throw fail(node, "axis " + axis + " out of range");
		if (x.batched && axis == 0) throw fail(node, "flattens the batch axis into the data");
		long outer = 1, inner = 1;
		for (int i = 0; i < x.rank(); i++) {
			if (i < axis) outer = i == 0 && x.batched ? outer : outer * x.shape[i];
			else inner *= x.shape[i];
		}
		long[] shape = { x.batched ? BATCH : outer, inner };
		if (x.batched && axis != 1) shape = new long[] { BATCH, outer * inner };
		if (x.batched && axis > 1) throw fail(node, "flattening from axis " + axis + " is not supported");
		if (!x.batched) return x.ints != null ? Value.ints(shape, x.ints) : Value.floats(shape, x.floats);
		return reshaped(node, x, shape);
	}

	private Value reshape(OnnxNode node) throws OnnxFormatException {
		allow(node, "allowzero");
		Value x = input(node, 0);
		long[] target = graph.opset() < 5 ? intsAttr(node, "shape", null) : constant(node, 1).ints;
		if (target == null) throw fail(node, "its target shape is not a constant");
		boolean allowZero = intAttr(node, "allowzero", 0) != 0;
		long[] shape = new long[target.length];
		int infer = -1;
		for (int i = 0; i < target.length; i++) {
			long t = target[i];
			if (t == BATCH_SIZE) shape[i] = BATCH;
			else if (t == 0 && !allowZero) {
				if (i >= x.rank()) throw fail(node, "copies dim " + i + " that the input lacks");
				shape[i] = x.shape[i];
			}
			else if (t == -1) {
				if (infer >= 0) throw fail(node, "more than one -1 in its target shape");
				infer = i;
				shape[i] = 0; // worked out below
			}
			else if (t < 0) throw fail(node, "bad target shape " + Arrays.toString(target));
			else shape[i] = t;
		}
		if (x.batched) {
			// A model exported with batch 1 writes 1 (or -1) where the batch goes: read as the batch, which must stay dim 0.
			long perSample = 1;
			for (int i = 1; i < x.rank(); i++)
				perSample *= x.shape[i];
			if (shape[0] != BATCH) {
				if (shape[0] == 1 || infer == 0) {
					if (infer == 0) infer = -1;
					shape[0] = BATCH;
				}
				else throw fail(node, "moves the batch axis (target " + describeTarget(target) + ")");
			}
			for (int i = 1; i < shape.length; i++)
				if (shape[i] == BATCH && i != infer)
					throw fail(node, "moves the batch axis (target " + describeTarget(target) + ")");
			long known = 1;
			for (int i = 1; i < shape.length; i++)
				if (i != infer) known *= shape[i];
			if (infer > 0) {
				if (known == 0 || perSample % known != 0) throw fail(node, "cannot reshape " + perSample + " values per image");
				shape[infer] = perSample / known;
			}
			else if (known != perSample)
				throw fail(node, "target " + describeTarget(target) + " does not hold " + perSample + " values per image");
			return reshaped(node, x, shape);
		}
		int n = OnnxTensor.elementCount(x.shape);
		long known = 1;
		for (int i = 0; i < shape.length; i++)
			if (i != infer) known *= shape[i];
		if (infer >= 0) shape[infer] = known == 0 ? 0 : n / known;
		if (OnnxTensor.elementCount(shape) != n) throw fail(node, "target shape does not hold the constant's values");
		return x.ints != null ? Value.ints(shape, x.ints) : Value.floats(shape, x.floats);
	}

	private static String describeTarget(long[] target) {
		StringBuilder s = new StringBuilder("[");
		for (int i = 0; i < target.length; i++)
			s.append(i > 0 ? ", " : "").append(target[i] == BATCH_SIZE ? "batch" : Long.toString(target[i]));
		return s.append(']').toString();
	}

	/** Computed data given a new shape (dim 0 the batch), its values in the same (ONNX) order. */
	private Value reshaped(OnnxNode node, Value x, long[] shape) {
		LayerFields fields = reshapedFields(node, x, shape);
		if (tf == null) return Value.computed(shape, fields, null);
		int[] dims = new int[shape.length];
		for (int i = 0; i < shape.length; i++)
			dims[i] = shape[i] == BATCH ? -1 : (int) shape[i];
		return Value.computed(shape, fields, toPhysical(tf.reshape(toLogical(x), tf.constant(dims)), shape));
	}

	/** Fields survive a reshape only where it keeps the channels and positions as they were. */
	private LayerFields reshapedFields(OnnxNode node, Value x, long[] shape) {
		int channels = shape.length >= 2 ? (int) shape[1] : 1;
		boolean same = Arrays.equals(x.shape, shape);
		boolean squeezedMap = x.rank() == 4 && x.shape[2] == 1 && x.shape[3] == 1 && shape.length == 2 && shape[1] == x.shape[1]
			|| x.rank() == 2 && shape.length == 4 && shape[1] == x.shape[1] && shape[2] == 1 && shape[3] == 1;
		if (same || squeezedMap) return x.fields;
		String reason = x.fields.firstReason();
		return LayerFields.notBox(channels, reason != null ? reason
			: describe(node) + " rearranges positions and channels: its units have no box in the input");
	}

	private Value transpose(OnnxNode node) throws OnnxFormatException {
		allow(node, "perm");
		Value x = input(node, 0);
		long[] perm = intsAttr(node, "perm", null);
		int rank = x.rank();
		if (perm == null) {
			perm = new long[rank];
			for (int i = 0; i < rank; i++)
				perm[i] = rank - 1 - i;
		}
		if (perm.length != rank) throw fail(node, "perm " + Arrays.toString(perm) + " for rank " + rank);
		boolean[] seen = new boolean[rank];
		for (long p : perm) {
			if (p < 0 || p >= rank || seen[(int) p]) throw fail(node, "bad perm " + Arrays.toString(perm));
			seen[(int) p] = true;
		}
		long[] shape = new long[rank];
		boolean identity = true;
		for (int i = 0; i < rank; i++) {
			shape[i] = x.shape[(int) perm[i]];
			identity &= perm[i] == i;
		}
		if (!x.batched) {
			long[] p = perm;
			return rearranged(x, shape, out -> {
				long[] in = new long[rank];
				for (int d = 0; d < rank; d++)
					in[(int) p[d]] = out[d];
				long index = 0;
				for (int d = 0; d < rank; d++)
					index = index * x.shape[d] + in[d];
				return index;
			});
		}
		if (perm[0] != 0) throw fail(node, "moves the batch axis");
		LayerFields fields = identity ? x.fields
			: LayerFields.notBox(rank >= 2 ? (int) shape[1] : 1, x.fields.firstReason() != null ? x.fields.firstReason()
				: describe(node) + " swaps axes: its units have no box in the input");
		if (tf == null) return Value.computed(shape, fields, null);
		int[] p = Arrays.stream(perm).mapToInt(v -> (int) v).toArray();
		return Value.computed(shape, fields, toPhysical(tf.linalg.transpose(toLogical(x), tf.constant(p)), shape));
	}

	private Value gemm(OnnxNode node) throws OnnxFormatException {
		boolean isGemm = node.opType().equals("Gemm");
		if (isGemm) allow(node, "alpha", "beta", "transA", "transB");
		else allow(node);
		Value a = computed(node, 0, 2);
		Value b = constant(node, 1);
		if (b.rank() != 2 || b.floats == null) throw fail(node, "needs a constant 2-D float matrix as its second input");
		if (isGemm && intAttr(node, "transA", 0) != 0) throw fail(node, "transA=1 on computed data is not supported");
		boolean transB = isGemm && intAttr(node, "transB", 0) != 0;
		long k = transB ? b.shape[1] : b.shape[0];
		int m = (int) (transB ? b.shape[0] : b.shape[1]);
		if (k != a.shape[1]) throw fail(node, "matrix of " + Arrays.toString(b.shape) + " for " + a.shape[1] + " inputs");
		float alpha = isGemm ? floatAttr(node, "alpha", 1f) : 1f;
		float beta = isGemm ? floatAttr(node, "beta", 1f) : 1f;
		float[] c = null;
		if (isGemm && node.inputs().size() > 2 && !node.inputs().get(2).isEmpty()) {
			Value cv = constant(node, 2);
			c = cv.floats;
			if (c == null || !(c.length == m || c.length == 1) || cv.rank() > 2 || cv.rank() == 2 && cv.shape[0] != 1)
				throw fail(node, "its C input must be a constant broadcast along the batch");
		}
		long[] shape = { BATCH, m };
		LayerFields fields = a.fields.mixed(m, 1, f -> f, describe(node));
		if (tf == null) return Value.computed(shape, fields, null);
		float[] kxm = new float[(int) k * m];
		for (int i = 0; i < k; i++)
			for (int j = 0; j < m; j++)
				kxm[i * m + j] = alpha * (transB ? b.floats[(int) (j * k + i)] : b.floats[i * m + j]);
		Operand<TFloat32> y = tf.linalg.matMul(a.op, tf.constant(Shape.of(k, m), DataBuffers.of(kxm, true, false)),
			MatMul.transposeA(false));
		if (c != null) {
			float[] bias = new float[m];
			for (int j = 0; j < m; j++)
				bias[j] = beta * c[c.length == 1 ? 0 : j];
			y = tf.math.add(y, tf.constant(Shape.of(m), DataBuffers.of(bias, true, false)));
		}
		return Value.computed(shape, fields, y);
	}

	private Value lrn(OnnxNode node) throws OnnxFormatException {
		allow(node, "alpha", "beta", "bias", "size");
		Value x = computed(node, 0, 4);
		long size = intAttr(node, "size", -1);
		if (size < 1 || size % 2 == 0 || size > 1 << 10) throw fail(node, "size " + size + " (only odd sizes are supported)");
		int radius = (int) (size - 1) / 2;
		LayerFields fields = x.fields.acrossChannels(radius, radius, describe(node));
		if (tf == null) return Value.computed(x.shape, fields, null);
		float alpha = floatAttr(node, "alpha", 1e-4f);
		Operand<TFloat32> y = tf.nn.localResponseNormalization(x.op, LocalResponseNormalization.depthRadius((long) radius),
			LocalResponseNormalization.bias(floatAttr(node, "bias", 1f)),
			LocalResponseNormalization.alpha((float) ((double) alpha / size)),
			LocalResponseNormalization.beta(floatAttr(node, "beta", 0.75f)));
		return Value.computed(x.shape, fields, y);
	}

	private Value softmax(OnnxNode node) throws OnnxFormatException {
		allow(node, "axis");
		Value x = computed(node, 0, 2);
		long axis = intAttr(node, "axis", graph.opset() < 13 ? 1 : -1);
		if (normalizeAxis(node, axis, 2) != 1) throw fail(node, "only over the units of a 2-D tensor");
		LayerFields fields = x.fields.mixed(x.channels(), 1, f -> f, describe(node));
		return Value.computed(x.shape, fields, tf == null ? null : tf.nn.softmax(x.op));
	}

	private Value shapeOf(OnnxNode node) throws OnnxFormatException {
		allow(node, "start", "end");
		Value x = input(node, 0);
		int rank = x.rank();
		long start = intAttr(node, "start", 0);
		long end = intAttr(node, "end", rank);
		start = Math.max(0, Math.min(rank, start < 0 ? start + rank : start));
		end = Math.max(start, Math.min(rank, end < 0 ? end + rank : end));
		long[] dims = new long[(int) (end - start)];
		for (int i = 0; i < dims.length; i++) {
			long d = x.shape[(int) start + i];
			dims[i] = d == BATCH && x.batched ? BATCH_SIZE : d;
		}
		return Value.ints(new long[] { dims.length }, dims);
	}

	private Value gather(OnnxNode node) throws OnnxFormatException {
		allow(node, "axis");
		Value data = input(node, 0);
		Value indices = constant(node, 1);
		if (data.batched) throw fail(node, "gathering from computed data is not supported");
		if (data.rank() != 1 || indices.ints == null || normalizeAxis(node, intAttr(node, "axis", 0), 1) != 0)
			throw fail(node, "folds only a 1-D constant indexed along axis 0");
		int n = (int) data.shape[0];
		long[] at = indices.ints;
		long[] li = new long[at.length];
		float[] lf = new float[at.length];
		for (int i = 0; i < at.length; i++) {
			long k = at[i] < 0 ? at[i] + n : at[i];
			if (k < 0 || k >= n) throw fail(node, "index " + at[i] + " out of range " + n);
			if (data.ints != null) li[i] = data.ints[(int) k];
			else lf[i] = data.floats[(int) k];
		}
		return data.ints != null ? Value.ints(indices.shape, li) : Value.floats(indices.shape, lf);
	}

	private Value squeeze(OnnxNode node) throws OnnxFormatException {
		allow(node, "axes");
		boolean unsqueeze = node.opType().equals("Unsqueeze");
		Value x = input(node, 0);
		long[] axes = node.inputs().size() > 1 && !node.inputs().get(1).isEmpty() ? constant(node, 1).ints
			: intsAttr(node, "axes", null);
		List<Long> dims = new ArrayList<>();
		for (long d : x.shape)
			dims.add(d);
		if (unsqueeze) {
			if (axes == null) throw fail(node, "needs axes");
			int rank = x.rank() + axes.length;
			long[] sorted = Arrays.stream(axes).map(a -> a < 0 ? a + rank : a).sorted().toArray();
			for (long a : sorted) {
				if (a < 0 || a > dims.size()) throw fail(node, "axis out of range");
				if (a == 0 && x.batched) throw fail(node, "inserts an axis before the batch");
				dims.add((int) a, 1L);
			}
		}
		else {
			int rank = x.rank();
			long[] sorted = axes == null ? null : Arrays.stream(axes).map(a -> a < 0 ? a + rank : a).sorted().toArray();
			for (int i = rank - 1; i >= 0; i--) {
				boolean chosen = sorted == null ? x.shape[i] == 1 : Arrays.binarySearch(sorted, i) >= 0;
				if (!chosen) continue;
				if (x.shape[i] != 1 || i == 0 && x.batched) throw fail(node, "squeezes axis " + i + " of size " + x.shape[i]);
				dims.remove(i);
			}
		}
		long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
		if (!x.batched) return x.ints != null ? Value.ints(shape, x.ints) : Value.floats(shape, x.floats);
		return reshaped(node, x, shape);
	}

	private Value cast(OnnxNode node) throws OnnxFormatException {
		allow(node, "to", "saturate");
		Value x = input(node, 0);
		int to = (int) intAttr(node, "to", 0);
		boolean toFloat = to == OnnxTensor.FLOAT || to == OnnxTensor.DOUBLE || to == OnnxTensor.FLOAT16;
		if (x.batched) {
			if (to != OnnxTensor.FLOAT) throw fail(node, "casts computed data to " + OnnxTensor.typeName(to));
			return x;
		}
		if (toFloat) return Value.floats(x.shape, x.floats != null ? x.floats : toFloats(x.ints, node));
		if (to == OnnxTensor.BOOL || to == OnnxTensor.INT64 || to == OnnxTensor.INT32) {
			if (x.ints != null)
				return to == OnnxTensor.BOOL ? Value.ints(x.shape, Arrays.stream(x.ints).map(v -> v != 0 ? 1 : 0).toArray()) : x;
			long[] out = new long[x.floats.length];
			for (int i = 0; i < out.length; i++)
				out[i] = to == OnnxTensor.BOOL ? (x.floats[i] != 0 ? 1 : 0) : (long) x.floats[i];
			return Value.ints(x.shape, out);
		}
		throw fail(node, "casts to " + OnnxTensor.typeName(to) + ", not supported");
	}

	private Value slice(OnnxNode node) throws OnnxFormatException {
		allow(node, "starts", "ends", "axes");
		Value x = input(node, 0);
		if (x.batched) throw fail(node, "slicing computed data is not supported");
		long[] starts, ends, axes = null, steps = null;
		if (graph.opset() < 10) {
			starts = intsAttr(node, "starts", null);
			ends = intsAttr(node, "ends", null);
			axes = intsAttr(node, "axes", null);
		}
		else {
			starts = constant(node, 1).ints;
			ends = constant(node, 2).ints;
			if (node.inputs().size() > 3 && !node.inputs().get(3).isEmpty()) axes = constant(node, 3).ints;
			if (node.inputs().size() > 4 && !node.inputs().get(4).isEmpty()) steps = constant(node, 4).ints;
		}
		if (starts == null || ends == null || starts.length != ends.length || axes != null && axes.length != starts.length
			|| steps != null && steps.length != starts.length)
			throw fail(node, "needs starts, ends (and axes, steps) of one length");
		int rank = x.rank();
		long[] first = new long[rank];
		long[] step = new long[rank];
		long[] shape = x.shape.clone();
		Arrays.fill(step, 1);
		for (int i = 0; i < starts.length; i++) {
			int axis = normalizeAxis(node, axes == null ? i : axes[i], rank);
			long dim = x.shape[axis];
			long st = steps == null ? 1 : steps[i];
			if (st == 0) throw fail(node, "step 0");
			long s0 = starts[i] < 0 ? starts[i] + dim : starts[i];
			long e0 = ends[i] < 0 ? ends[i] + dim : ends[i];
			if (st > 0) {
				s0 = Math.max(0, Math.min(dim, s0));
				e0 = Math.max(0, Math.min(dim, e0));
			}
			else {
				s0 = Math.max(-1, Math.min(dim - 1, s0));
				e0 = Math.max(-1, Math.min(dim - 1, e0));
			}
			first[axis] = s0;
			step[axis] = st;
			shape[axis] = Math.max(0, st > 0 ? ceilDiv(e0 - s0, st) : ceilDiv(s0 - e0, -st));
		}
		return rearranged(x, shape, out -> {
			long index = 0;
			for (int d = 0; d < rank; d++)
				index = index * x.shape[d] + first[d] + out[d] * step[d];
			return index;
		});
	}

	/** A constant with elements taken from {@code x}: output position (as indices per axis) → index into x. */
	private static Value rearranged(Value x, long[] shape, java.util.function.ToLongFunction<long[]> source) {
		int n = OnnxTensor.elementCount(shape);
		long[] position = new long[shape.length];
		long[] ints = x.ints != null ? new long[n] : null;
		float[] floats = x.floats != null ? new float[n] : null;
		for (int i = 0; i < n; i++) {
			long rest = i;
			for (int d = shape.length - 1; d >= 0; d--) {
				position[d] = rest % shape[d];
				rest /= shape[d];
			}
			int from = (int) source.applyAsLong(position);
			if (ints != null) ints[i] = x.ints[from];
			else floats[i] = x.floats[from];
		}
		return ints != null ? Value.ints(shape, ints) : Value.floats(shape, floats);
	}

	private Value constantOfShape(OnnxNode node) throws OnnxFormatException {
		allow(node, "value");
		long[] dims = constant(node, 0).ints;
		if (dims == null) throw fail(node, "needs a constant integer shape");
		for (long d : dims)
			if (d < 0 || d == BATCH_SIZE) throw fail(node, "shape " + describeTarget(dims) + " is not a constant size");
		int n = OnnxTensor.elementCount(dims);
		if (n < 0 || n > 1 << 24) throw fail(node, "shape " + Arrays.toString(dims) + " too large to fold");
		OnnxAttribute value = node.attributes().get("value");
		OnnxTensor t = value == null ? null : value.tensor();
		if (t == null || t.isFloat()) {
			float[] f = new float[n];
			Arrays.fill(f, t == null ? 0f : t.floats()[0]);
			return Value.floats(dims, f);
		}
		long[] l = new long[n];
		Arrays.fill(l, t.longs()[0]);
		return Value.ints(dims, l);
	}

	// ---- layout ----------------------------------------------------------------------------------------------------

	/** The operand in ONNX's axis order (NCHW for rank 4). */
	private Operand<TFloat32> toLogical(Value x) {
		if (x.rank() != 4) return x.op;
		long c = x.shape[1], h = x.shape[2], w = x.shape[3];
		if (h * w == 1 || c == 1) return tf.reshape(x.op, tf.constant(new int[] { -1, (int) c, (int) h, (int) w }));
		return tf.linalg.transpose(x.op, tf.constant(new int[] { 0, 3, 1, 2 }));
	}

	/** An operand in ONNX's axis order made physical (NHWC for rank 4). */
	private Operand<TFloat32> toPhysical(Operand<TFloat32> logical, long[] shape) {
		if (shape.length != 4) return logical;
		long c = shape[1], h = shape[2], w = shape[3];
		if (h * w == 1 || c == 1) return tf.reshape(logical, tf.constant(new int[] { -1, (int) h, (int) w, (int) c }));
		return tf.linalg.transpose(logical, tf.constant(new int[] { 0, 2, 3, 1 }));
	}

	// ---- BatchNormalization folding --------------------------------------------------------------------------------

	/** Conv → BatchNormalization pairs where the Conv's output feeds only the norm and nobody fetches it. */
	private void findFoldableNorms(Set<String> kept) {
		Map<String, Integer> readers = new HashMap<>();
		for (OnnxNode n : graph.nodes())
			for (String in : n.inputs())
				readers.merge(in, 1, Integer::sum);
		for (OnnxValueInfo out : graph.outputs())
			readers.merge(out.name(), 1, Integer::sum);
		for (OnnxNode n : graph.nodes()) {
			if (!n.opType().equals("BatchNormalization") || n.inputs().size() < 5) continue;
			OnnxNode conv = graph.producer(n.inputs().get(0));
			if (conv == null || !conv.opType().equals("Conv") || kept.contains(conv.outputs().get(0))) continue;
			if (readers.getOrDefault(conv.outputs().get(0), 0) != 1) continue;
			boolean constants = true;
			for (int i = 1; i < 5; i++)
				constants &= graph.initializers().containsKey(n.inputs().get(i));
			if (!constants) continue;
			foldedNorm.put(conv, n);
			normFoldedAway.add(n);
		}
	}

	private boolean isRead(String tensor) {
		for (OnnxNode n : graph.nodes())
			if (n.inputs().contains(tensor)) return true;
		return graph.outputs().stream().anyMatch(o -> o.name().equals(tensor));
	}

	// ---- inputs and attributes -------------------------------------------------------------------------------------

	private Value input(OnnxNode node, int i) throws OnnxFormatException {
		if (i >= node.inputs().size() || node.inputs().get(i).isEmpty()) throw fail(node, "input " + (i + 1) + " is missing");
		Value v = values.get(node.inputs().get(i));
		if (v == null) throw fail(node, "reads '" + node.inputs().get(i) + "', which is not computed here");
		return v;
	}

	/** Input i, computed from the graph input, of the given rank (-1: any). */
	private Value computed(OnnxNode node, int i, int rank) throws OnnxFormatException {
		Value v = input(node, i);
		if (!v.batched) throw fail(node, "input " + (i + 1) + " is a constant where data is expected");
		if (rank >= 0 && v.rank() != rank)
			throw fail(node, "input of rank " + v.rank() + " " + Arrays.toString(v.shape) + ", expected rank " + rank);
		return v;
	}

	private Value constant(OnnxNode node, int i) throws OnnxFormatException {
		Value v = input(node, i);
		if (v.batched) throw fail(node, "input " + (i + 1) + " must be a constant, not computed data");
		return v;
	}

	private Value constant(OnnxTensor t, OnnxNode node) throws OnnxFormatException {
		if (t.isFloat()) return Value.floats(t.dims(), t.sharedFloats());
		if (t.isInteger()) return Value.ints(t.dims(), t.sharedLongs());
		if (node == null) return Value.ints(t.dims(), new long[0]); // unusable type; refused if a node reads it
		throw fail(node, "constant of type " + OnnxTensor.typeName(t.dataType()) + " is not supported");
	}

	private void allow(OnnxNode node, String... names) throws OnnxFormatException {
		for (String a : node.attributes().keySet())
			if (!Arrays.asList(names).contains(a)) throw fail(node, "unsupported attribute '" + a + "'");
	}

	private long intAttr(OnnxNode node, String name, long def) throws OnnxFormatException {
		OnnxAttribute a = node.attributes().get(name);
		if (a == null) {
			if (def == Long.MIN_VALUE) throw fail(node, "needs attribute '" + name + "'");
			return def;
		}
		return a.intValue();
	}

	private float floatAttr(OnnxNode node, String name, float def) {
		OnnxAttribute a = node.attributes().get(name);
		return a == null ? def : a.floatValue();
	}

	private String stringAttr(OnnxNode node, String name, String def) {
		OnnxAttribute a = node.attributes().get(name);
		return a == null || a.stringValue() == null ? def : a.stringValue();
	}

	private long[] intsAttr(OnnxNode node, String name, long[] def) {
		OnnxAttribute a = node.attributes().get(name);
		return a == null ? def : a.ints();
	}

	/** A 2-D attribute such as strides or dilations (default 1, 1), each in 1..65536. */
	private int[] pair(OnnxNode node, String name) throws OnnxFormatException {
		long[] v = intsAttr(node, name, new long[] { 1, 1 });
		if (v.length != 2 || v[0] < 1 || v[1] < 1 || v[0] > 1 << 16 || v[1] > 1 << 16)
			throw fail(node, "unsupported " + name + " " + Arrays.toString(v));
		return new int[] { (int) v[0], (int) v[1] };
	}

	private int normalizeAxis(OnnxNode node, long axis, int rank) throws OnnxFormatException {
		long a = axis < 0 ? axis + rank : axis;
		if (a < 0 || a >= rank) throw fail(node, "axis " + axis + " out of range for rank " + rank);
		return (int) a;
	}

	private static int normalizeAxisUnchecked(long axis, int rank) {
		return (int) (axis < 0 ? axis + rank : axis);
	}

	private static long ceilDiv(long a, long b) {
		return -Math.floorDiv(-a, b);
	}

	static String describe(OnnxNode node) {
		return node.describe();
	}

	private OnnxFormatException fail(OnnxNode node, String reason) {
		return new OnnxFormatException(graph.file(), node.describe() + ": " + reason);
	}

	/** Whether the node is an activation, for the default layers. */
	static boolean isActivation(OnnxNode node) {
		return ACTIVATIONS.contains(node.opType());
	}
}
