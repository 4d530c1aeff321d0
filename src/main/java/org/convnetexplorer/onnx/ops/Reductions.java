package org.convnetexplorer.onnx.ops;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.convnetexplorer.geometry.LayerFields;
import org.convnetexplorer.onnx.graph.OnnxFormatException;
import org.convnetexplorer.onnx.ops.OnnxImporter.Value;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Max;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TFloat32;

/** Reductions: GlobalAveragePool, GlobalMaxPool and ReduceMean. A unit that pools over space sees the whole input. */
final class Reductions {

	private Reductions() {
	}

	/** GlobalAveragePool or GlobalMaxPool. */
	static final class GlobalPool implements Operator {

		private final boolean max;

		GlobalPool(boolean max) {
			this.max = max;
		}

		@Override
		public Value apply(Step node) throws OnnxFormatException {
			node.allow();
			Value x = node.computed(0, 4);
			long[] shape = { Value.BATCH, x.shape[1], 1, 1 };
			LayerFields fields = x.fields.notBox(node.describe() + " pools over the whole map: each unit sees the whole input");
			Ops tf = node.tf();
			if (tf == null) return Value.computed(shape, fields, null);
			Operand<TFloat32> y = max ? tf.max(x.op, tf.constant(new int[] { 1, 2 }), Max.keepDims(true))
				: tf.math.mean(x.op, tf.constant(new int[] { 1, 2 }), Mean.keepDims(true));
			return Value.computed(shape, fields, y);
		}
	}

	static final class ReduceMean implements Operator {

		@Override
		public Value apply(Step node) throws OnnxFormatException {
			node.allow("axes", "keepdims", "noop_with_empty_axes");
			Value x = node.computed(0, -1);
			long[] axes = node.axes(1);
			if (axes == null || axes.length == 0) throw node.fail("reducing over all axes (the batch too) is not supported");
			boolean keep = node.intAttr("keepdims", 1) != 0;
			boolean[] reduced = new boolean[x.rank()];
			for (long a : axes)
				reduced[node.axis(a, x.rank())] = true;
			if (reduced[0]) throw node.fail("reduces over the batch axis");
			if (x.channelsLast) return overUnitsLast(node, x, reduced, keep);
			List<Long> dims = new ArrayList<>();
			for (int i = 0; i < x.rank(); i++)
				if (!reduced[i]) dims.add(x.shape[i]);
				else if (keep) dims.add(1L);
			long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
			LayerFields fields = fields(node, x, reduced, keep, shape.length >= 2 ? (int) shape[1] : 1);
			Ops tf = node.tf();
			if (tf == null) return Value.computed(shape, fields, null);
			Operand<TFloat32> y;
			if (x.rank() == 4 && keep) {
				int[] physical = new int[axes.length];
				for (int i = 0; i < axes.length; i++)
					physical[i] = Layout.NCHW_TO_NHWC_AXIS[node.axis(axes[i], 4)];
				y = tf.math.mean(x.op, tf.constant(physical), Mean.keepDims(true));
			}
			else {
				int[] logical = Arrays.stream(axes).mapToInt(a -> (int) (a < 0 ? a + x.rank() : a)).toArray();
				y = Layout.toPhysical(tf, tf.math.mean(Layout.toLogical(tf, x), tf.constant(logical), Mean.keepDims(keep)),
					shape);
			}
			return Value.computed(shape, fields, y);
		}

		@Override
		public boolean takesChannelsLast() {
			return true;
		}

		/** The mean over the units of a map moved channels last (a LayerNorm written out): one unit per position. */
		private static Value overUnitsLast(Step node, Value x, boolean[] reduced, boolean keep) throws OnnxFormatException {
			if (reduced[1] || reduced[2] || !keep)
				throw node.fail("reduces a map moved channels last other than over its channels, keeping the axis");
			long[] shape = { Value.BATCH, x.shape[1], x.shape[2], 1 };
			LayerFields fields = x.fields.mixed(1, 1, f -> f, node.describe());
			Ops tf = node.tf();
			return Value.channelsLast(shape, fields,
				tf == null ? null : tf.math.mean(x.op, tf.constant(new int[] { 3 }), Mean.keepDims(true)));
		}

		private static LayerFields fields(Step node, Value x, boolean[] reduced, boolean keep, int outChannels) {
			boolean spatial = false;
			for (int i = 2; i < x.rank(); i++)
				spatial |= reduced[i];
			String overSpace = node.describe() + " averages over space: each unit sees the whole input";
			if (x.rank() >= 2 && reduced[1])
				return keep && !spatial ? x.fields.mixed(1, 1, f -> f, node.describe())
					: LayerFields.notBox(outChannels, spatial ? overSpace : node.describe() + " averages over channels");
			return spatial ? x.fields.notBox(overSpace) : x.fields;
		}
	}
}
