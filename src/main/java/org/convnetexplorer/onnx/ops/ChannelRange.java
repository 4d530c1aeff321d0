package org.convnetexplorer.onnx.ops;

import org.convnetexplorer.onnx.ops.OnnxImporter.Value;
import org.tensorflow.op.Ops;

/** Channels [from, from + count) of computed data of rank 2 or 4, as Split and Slice take them: fields kept per unit. */
final class ChannelRange {

	private ChannelRange() {
	}

	static Value of(Step node, Value x, int from, int count) {
		long[] shape = x.shape.clone();
		shape[1] = count;
		Ops tf = node.tf();
		org.convnetexplorer.geometry.LayerFields fields = x.fields.channels(from, from + count);
		if (tf == null) return Value.computed(shape, fields, null);
		int last = x.rank() - 1; // the channels' axis in the operand: NHWC's last, or [N, C]'s
		int[] begin = new int[x.rank()];
		int[] size = new int[x.rank()];
		java.util.Arrays.fill(size, -1);
		begin[last] = from;
		size[last] = count;
		return Value.computed(shape, fields, tf.slice(x.op, tf.constant(begin), tf.constant(size)));
	}
}
