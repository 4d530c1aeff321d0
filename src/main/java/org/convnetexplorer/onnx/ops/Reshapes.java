package org.convnetexplorer.onnx.ops;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.convnetexplorer.geometry.LayerFields;
import org.convnetexplorer.onnx.graph.OnnxFormatException;
import org.convnetexplorer.onnx.ops.OnnxImporter.Value;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Operators that pass data on or give it another shape: Identity, Dropout, Flatten, Reshape, Transpose, Squeeze,
 * Unsqueeze. Fields survive only where channels and positions stay as they were; constants are rearranged (folded).
 */
final class Reshapes {

	private Reshapes() {
	}

	static final class Identity implements Operator {

		@Override
		public Value apply(Step node) throws OnnxFormatException {
			node.allow();
			return node.input(0);
		}

		@Override
		public void backward(BackwardStep step) throws OnnxFormatException {
			step.send(0, step.signal());
		}

		@Override
		public boolean takesChannelsLast() {
			return true;
		}
	}

	/** Dropout in inference mode: its input as it is. */
	static final class Dropout implements Operator {

		@Override
		public Value apply(Step node) throws OnnxFormatException {
			node.allow("ratio", "seed", "is_test");
			List<String> outputs = node.node().outputs();
			if (outputs.size() > 1 && !outputs.get(1).isEmpty() && node.isRead(outputs.get(1)))
				throw node.fail("its mask output is not supported");
			if (node.has(2)) {
				Value training = node.constant(2);
				if (training.ints == null || training.ints.length != 1 || training.ints[0] != 0)
					throw node.fail("training mode is not supported");
			}
			return node.input(0);
		}

		/** In inference mode the identity: the signal passes as it is. */
		@Override
		public void backward(BackwardStep step) throws OnnxFormatException {
			step.send(0, step.signal());
		}

		@Override
		public boolean checksExtraOutputs() {
			return true;
		}

		@Override
		public boolean takesChannelsLast() {
			return true;
		}
	}

	static final class Flatten implements Operator {

		@Override
		public Value apply(Step node) throws OnnxFormatException {
			node.allow("axis");
			Value x = node.input(0);
			int axis = (int) node.intAttr("axis", 1);
			if (axis < 0) axis += x.rank();
			if (axis < 0 || axis > x.rank()) throw node.fail("axis " + axis + " out of range");
			if (x.batched && axis == 0) throw node.fail("flattens the batch axis into the data");
			long outer = 1, inner = 1;
			for (int i = 0; i < x.rank(); i++) {
				if (i < axis) outer = i == 0 && x.batched ? outer : outer * x.shape[i];
				else inner *= x.shape[i];
			}
			long[] shape = { x.batched ? Value.BATCH : outer, inner };
			if (x.batched && axis != 1) shape = new long[] { Value.BATCH, outer * inner };
			if (x.batched && axis > 1) throw node.fail("flattening from axis " + axis + " is not supported");
			return x.batched ? reshaped(node, x, shape) : x.reshapedConstant(shape);
		}

		@Override
		public void backward(BackwardStep step) throws OnnxFormatException {
			reshapedBack(step);
		}
	}

	/**
	 * A map's channels moved last ([N, C, H, W] → [N, H, W, C], as ConvNeXt's blocks do before their per-position
	 * layers) and back: the units and their fields stay as they are, and so does the operand (TF's NHWC already).
	 */
	static final class Transpose implements Operator {

		private static final long[] TO_CHANNELS_LAST = { 0, 2, 3, 1 };
		private static final long[] TO_CHANNELS_FIRST = { 0, 3, 1, 2 };

		@Override
		public Value apply(Step node) throws OnnxFormatException {
			node.allow("perm");
			Value x = node.input(0);
			int rank = x.rank();
			long[] perm = permutation(node, rank);
			long[] shape = new long[rank];
			for (int i = 0; i < rank; i++)
				shape[i] = x.shape[(int) perm[i]];
			if (!x.batched) return ShapeFolding.rearranged(x, shape, out -> {
				long[] in = new long[rank];
				for (int d = 0; d < rank; d++)
					in[(int) perm[d]] = out[d];
				long index = 0;
				for (int d = 0; d < rank; d++)
					index = index * x.shape[d] + in[d];
				return index;
			});
			if (perm[0] != 0) throw node.fail("moves the batch axis");
			if (rank == 4 && Arrays.equals(perm, x.channelsLast ? TO_CHANNELS_FIRST : TO_CHANNELS_LAST))
				return x.channelsLast ? Value.computed(shape, x.fields, x.op) : Value.channelsLast(shape, x.fields, x.op);
			LayerFields fields = x.channelsLast ? LayerFields.notBox((int) shape[1], node.describe()
				+ " swaps the axes of a map moved channels last: its units have no box in the input")
				: fieldsAfterTranspose(node, x, perm, shape);
			Ops tf = node.tf();
			if (tf == null) return Value.computed(shape, fields, null);
			int[] p = Arrays.stream(perm).mapToInt(v -> (int) v).toArray();
			return Value.computed(shape, fields,
				Layout.toPhysical(tf, tf.linalg.transpose(Layout.toLogical(tf, x), tf.constant(p)), shape));
		}

		@Override
		public boolean takesChannelsLast() {
			return true;
		}

		/** The perm attribute, checked (default: the axes reversed). */
		private static long[] permutation(Step node, int rank) throws OnnxFormatException {
			long[] perm = node.intsAttr("perm", null);
			if (perm == null) {
				perm = new long[rank];
				for (int i = 0; i < rank; i++)
					perm[i] = rank - 1 - i;
			}
			if (perm.length != rank) throw node.fail("perm " + Arrays.toString(perm) + " for rank " + rank);
			boolean[] seen = new boolean[rank];
			for (long p : perm) {
				if (p < 0 || p >= rank || seen[(int) p]) throw node.fail("bad perm " + Arrays.toString(perm));
				seen[(int) p] = true;
			}
			return perm;
		}
	}

	/** Squeeze or Unsqueeze (axes as an attribute, or an input in later opsets). */
	static final class Squeeze implements Operator {

		private final boolean unsqueeze;

		Squeeze(boolean unsqueeze) {
			this.unsqueeze = unsqueeze;
		}

		@Override
		public Value apply(Step node) throws OnnxFormatException {
			node.allow("axes");
			Value x = node.input(0);
			long[] axes = node.axes(1);
			List<Long> dims = new ArrayList<>();
			for (long d : x.shape)
				dims.add(d);
			if (unsqueeze) insert(node, x, axes, dims);
			else remove(node, x, axes, dims);
			long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
			return x.batched ? reshaped(node, x, shape) : x.reshapedConstant(shape);
		}

		private static void insert(Step node, Value x, long[] axes, List<Long> dims) throws OnnxFormatException {
			if (axes == null) throw node.fail("needs axes");
			int rank = x.rank() + axes.length;
			long[] sorted = Arrays.stream(axes).map(a -> a < 0 ? a + rank : a).sorted().toArray();
			for (long a : sorted) {
				if (a < 0 || a > dims.size()) throw node.fail("axis out of range");
				if (a == 0 && x.batched) throw node.fail("inserts an axis before the batch");
				dims.add((int) a, 1L);
			}
		}

		private static void remove(Step node, Value x, long[] axes, List<Long> dims) throws OnnxFormatException {
			int rank = x.rank();
			long[] sorted = axes == null ? null : Arrays.stream(axes).map(a -> a < 0 ? a + rank : a).sorted().toArray();
			for (int i = rank - 1; i >= 0; i--) {
				boolean chosen = sorted == null ? x.shape[i] == 1 : Arrays.binarySearch(sorted, i) >= 0;
				if (!chosen) continue;
				if (x.shape[i] != 1 || i == 0 && x.batched) throw node.fail("squeezes axis " + i + " of size " + x.shape[i]);
				dims.remove(i);
			}
		}
	}

	/** The units of a map of rank ≥ 4: the product of the dims between the batch and the last two (space). */
	private static long channelCount(long[] shape) {
		long n = 1;
		for (int i = 1; i < shape.length - 2; i++)
			n *= shape[i];
		return n;
	}

	/**
	 * Fields after a transpose: kept where it swaps nothing, reordered where it permutes only the channel axes of a
	 * map of rank 5 or more (a channel shuffle); otherwise none.
	 */
	private static LayerFields fieldsAfterTranspose(Step node, Value x, long[] perm, long[] shape) {
		int rank = x.rank();
		boolean identity = true;
		boolean channelsOnly = rank >= 4 && perm[rank - 2] == rank - 2 && perm[rank - 1] == rank - 1;
		for (int i = 0; i < rank; i++)
			identity &= perm[i] == i;
		if (identity) return x.fields;
		if (!channelsOnly) return LayerFields.notBox(rank >= 2 ? (int) shape[1] : 1, x.fields.firstReason() != null
			? x.fields.firstReason() : node.describe() + " swaps axes: its units have no box in the input");
		int[] from = new int[(int) channelCount(shape)];
		long[] index = new long[rank];
		for (int c = 0; c < from.length; c++) {
			long rest = c;
			for (int d = rank - 3; d >= 1; d--) { // c as the output's channel indices, row-major
				index[(int) perm[d]] = rest % shape[d];
				rest /= shape[d];
			}
			long old = 0;
			for (int d = 1; d <= rank - 3; d++)
				old = old * x.shape[d] + index[d];
			from[c] = (int) old;
		}
		return x.fields.reordered(from);
	}

	/** The backward rule of a reshape: the signal given the input's shape back, its values in the same order. */
	static void reshapedBack(BackwardStep step) throws OnnxFormatException {
		Step node = step.node();
		Value x = node.computed(0, -1);
		long[] out = node.walk().value(node.node().outputs().get(0)).shape;
		int[] dims = new int[x.rank()];
		for (int i = 0; i < dims.length; i++)
			dims[i] = i == 0 ? -1 : (int) x.shape[i];
		Operand<TFloat32> logical = step.tf().reshape(step.toLogical(step.signal(), out), step.tf().constant(dims));
		step.send(0, step.toPhysical(logical, x.shape));
	}

	/** Computed data given a new shape (dim 0 the batch), its values in the same (ONNX) order. */
	static Value reshaped(Step node, Value x, long[] shape) {
		LayerFields fields = fieldsAfterReshape(node, x, shape);
		Ops tf = node.tf();
		if (tf == null) return Value.computed(shape, fields, null);
		int[] dims = new int[shape.length];
		for (int i = 0; i < shape.length; i++)
			dims[i] = shape[i] == Value.BATCH ? -1 : (int) shape[i];
		return Value.computed(shape, fields,
			Layout.toPhysical(tf, tf.reshape(Layout.toLogical(tf, x), tf.constant(dims)), shape));
	}

	/**
	 * Fields survive a reshape only where it keeps the channels and positions as they were, or regroups the channels
	 * alone ([N, C, H, W] ↔ [N, g, C / g, H, W], as a channel shuffle does: the channels in row-major order).
	 */
	private static LayerFields fieldsAfterReshape(Step node, Value x, long[] shape) {
		int channels = shape.length >= 2 ? (int) shape[1] : 1;
		boolean same = Arrays.equals(x.shape, shape);
		boolean squeezedMap = x.rank() == 4 && x.shape[2] == 1 && x.shape[3] == 1 && shape.length == 2 && shape[1] == x.shape[1]
			|| x.rank() == 2 && shape.length == 4 && shape[1] == x.shape[1] && shape[2] == 1 && shape[3] == 1;
		boolean regrouped = x.rank() >= 4 && shape.length >= 4 && channelCount(x.shape) == channelCount(shape)
			&& x.shape[x.rank() - 2] == shape[shape.length - 2] && x.shape[x.rank() - 1] == shape[shape.length - 1];
		if (same || squeezedMap || regrouped) return x.fields;
		String reason = x.fields.firstReason();
		return LayerFields.notBox(channels, reason != null ? reason
			: node.describe() + " rearranges positions and channels: its units have no box in the input");
	}
}
