package org.convnetexplorer.onnx.ops;

import java.util.Arrays;

import org.convnetexplorer.onnx.graph.OnnxFormatException;
import org.convnetexplorer.onnx.ops.OnnxImporter.Value;

/** Slice of a constant (folded) or of computed data's channels: starts, ends, axes, steps as attributes before opset 10, inputs since. */
final class Slice implements Operator {

	@Override
	public Value apply(Step node) throws OnnxFormatException {
		node.allow("starts", "ends", "axes");
		Value x = node.input(0);
		long[][] given = startsEndsAxesSteps(node);
		long[] starts = given[0], ends = given[1], axes = given[2], steps = given[3];
		int rank = x.rank();
		long[] first = new long[rank];
		long[] step = new long[rank];
		long[] shape = x.shape.clone();
		Arrays.fill(step, 1);
		for (int i = 0; i < starts.length; i++) {
			int axis = node.axis(axes == null ? i : axes[i], rank);
			long dim = x.shape[axis];
			long st = steps == null ? 1 : steps[i];
			if (st == 0) throw node.fail("step 0");
			long s0 = starts[i] < 0 ? starts[i] + dim : starts[i];
			long e0 = ends[i] < 0 ? ends[i] + dim : ends[i];
			long lowest = st > 0 ? 0 : -1;
			long highest = st > 0 ? dim : dim - 1;
			s0 = Math.max(lowest, Math.min(highest, s0));
			e0 = Math.max(lowest, Math.min(highest, e0));
			first[axis] = s0;
			step[axis] = st;
			shape[axis] = Math.max(0, st > 0 ? Step.ceilDiv(e0 - s0, st) : Step.ceilDiv(s0 - e0, -st));
		}
		if (x.batched) return ofComputed(node, x, first, step, shape);
		return ShapeFolding.rearranged(x, shape, out -> {
			long index = 0;
			for (int d = 0; d < rank; d++)
				index = index * x.shape[d] + first[d] + out[d] * step[d];
			return index;
		});
	}

	/** Of computed data: a range of channels, with step 1, of a tensor of rank 2 or 4 (a channel split). */
	private static Value ofComputed(Step node, Value x, long[] first, long[] step, long[] shape)
		throws OnnxFormatException
	{
		for (int d = 0; d < x.rank(); d++)
			if (d != 1 && shape[d] != x.shape[d] || step[d] != 1)
				throw node.fail("slices computed data other than a range of its channels");
		if (x.rank() != 2 && x.rank() != 4 || shape[1] < 1) throw node.fail("slices computed data of rank " + x.rank()
			+ " or to no channel");
		return ChannelRange.of(node, x, (int) first[1], (int) shape[1]);
	}

	/** {starts, ends, axes or null, steps or null}, of one length. */
	private static long[][] startsEndsAxesSteps(Step node) throws OnnxFormatException {
		long[] starts, ends, axes = null, steps = null;
		if (node.opset() < 10) {
			starts = node.intsAttr("starts", null);
			ends = node.intsAttr("ends", null);
			axes = node.intsAttr("axes", null);
		}
		else {
			starts = node.constant(1).ints;
			ends = node.constant(2).ints;
			if (node.has(3)) axes = node.constant(3).ints;
			if (node.has(4)) steps = node.constant(4).ints;
		}
		if (starts == null || ends == null || starts.length != ends.length || axes != null && axes.length != starts.length
			|| steps != null && steps.length != starts.length)
			throw node.fail("needs starts, ends (and axes, steps) of one length");
		return new long[][] { starts, ends, axes, steps };
	}
}
