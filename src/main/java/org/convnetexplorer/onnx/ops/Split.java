package org.convnetexplorer.onnx.ops;

import java.util.Arrays;
import java.util.List;

import org.convnetexplorer.onnx.graph.OnnxFormatException;
import org.convnetexplorer.onnx.ops.OnnxImporter.Value;

/** Split of computed data along channels (sizes as an input from opset 13, the attribute before; else equal parts). */
final class Split implements Operator {

	@Override
	public Value apply(Step node) throws OnnxFormatException {
		node.allow("axis", "split", "num_outputs");
		Value x = node.computed(0, -1);
		if (x.rank() != 2 && x.rank() != 4 || node.axis(node.intAttr("axis", 0), x.rank()) != 1)
			throw node.fail("splits only the channels of a tensor of rank 2 or 4");
		List<String> outputs = node.node().outputs();
		long[] sizes = node.has(1) ? node.constant(1).ints : node.intsAttr("split", null);
		if (sizes == null) {
			if (x.channels() % outputs.size() != 0)
				throw node.fail(x.channels() + " channels do not split into " + outputs.size() + " equal parts");
			sizes = new long[outputs.size()];
			Arrays.fill(sizes, x.channels() / outputs.size());
		}
		if (sizes.length != outputs.size() || Arrays.stream(sizes).anyMatch(s -> s < 1)
			|| Arrays.stream(sizes).sum() != x.channels())
			throw node.fail("split " + Arrays.toString(sizes) + " of " + x.channels() + " channels into " + outputs.size()
				+ " outputs");
		Value first = null;
		int from = 0;
		for (int i = 0; i < sizes.length; i++) {
			Value part = ChannelRange.of(node, x, from, (int) sizes[i]);
			from += sizes[i];
			if (i == 0) first = part;
			else if (!outputs.get(i).isEmpty()) node.walk().put(outputs.get(i), part);
		}
		return first;
	}

	@Override
	public boolean checksExtraOutputs() {
		return true;
	}
}
