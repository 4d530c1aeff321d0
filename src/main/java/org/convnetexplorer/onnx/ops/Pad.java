package org.convnetexplorer.onnx.ops;

import java.util.Arrays;

import org.convnetexplorer.geometry.LayerFields;
import org.convnetexplorer.onnx.graph.OnnxFormatException;
import org.convnetexplorer.onnx.graph.OnnxGraph;
import org.convnetexplorer.onnx.ops.OnnxImporter.Value;
import org.convnetexplorer.onnx.ops.Reflections.Reflection;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** Pad of a 4-D tensor's spatial axes, constant or reflect (pads as an attribute before opset 11, an input since). */
final class Pad implements Operator {

	@Override
	public Value apply(Step node) throws OnnxFormatException {
		node.allow("mode", "pads", "value");
		Value x = node.computed(0, 4);
		String mode = node.stringAttr("mode", "constant");
		long[] pads;
		float value = 0;
		if (node.opset() < 11) {
			pads = node.intsAttr("pads", null);
			value = node.floatAttr("value", 0f);
		}
		else {
			pads = node.constant(1).ints;
			if (node.has(2)) value = node.scalar(2);
			if (node.has(3)) throw node.fail("the axes input is not supported");
		}
		if (pads == null || pads.length != 8) throw node.fail("needs 8 pads for a 4-D input");
		if (pads[0] != 0 || pads[1] != 0 || pads[4] != 0 || pads[5] != 0) throw node.fail("pads the batch or channel axis");
		for (long p : pads)
			if (p < 0 || p > 1 << 20) throw node.fail("unsupported pads " + Arrays.toString(pads));
		if (!mode.equals("constant") && !mode.equals("reflect")) throw node.fail("unsupported mode '" + mode + "'");
		int top = (int) pads[2], left = (int) pads[3], bottom = (int) pads[6], right = (int) pads[7];
		boolean reflect = mode.equals("reflect");
		if (reflect && (top >= x.shape[2] || bottom >= x.shape[2] || left >= x.shape[3] || right >= x.shape[3]))
			throw node.fail("reflects more than the map holds");
		long[] shape = { Value.BATCH, x.shape[1], x.shape[2] + top + bottom, x.shape[3] + left + right };
		LayerFields fields = x.fields.window(f -> f.padded(top, left, bottom, right));
		if (reflect) fields = reflected(node, fields, new int[] { top, left, bottom, right });
		Ops tf = node.tf();
		if (tf == null) return Value.computed(shape, fields, null);
		Operand<TInt32> paddings = tf.constant(new int[][] { { 0, 0 }, { top, bottom }, { left, right }, { 0, 0 } });
		Operand<TFloat32> y = reflect ? tf.mirrorPad(x.op, paddings, "REFLECT") : tf.pad(x.op, paddings, tf.constant(value));
		return Value.computed(shape, fields, y);
	}

	/** Constant padding: the signal of the padded input's own rows and columns (padding is no input). */
	@Override
	public void backward(BackwardStep step) throws OnnxFormatException {
		Step node = step.node();
		if (!node.stringAttr("mode", "constant").equals("constant")) throw step.noRule("for reflect padding");
		Value x = node.computed(0, 4);
		long[] pads = node.opset() < 11 ? node.intsAttr("pads", null) : node.constant(1).ints;
		step.send(0, step.crop(step.signal(), (int) pads[2], (int) pads[3], x.shape[2], x.shape[3]));
	}

	/**
	 * A mirrored pixel lies inside the map, not where zero padding's field puts it: only a window reading the output
	 * can tell whether it falls inside its units' boxes ({@link WindowGeometry#inputFields}).
	 */
	private static LayerFields reflected(Step node, LayerFields zeroPadFields, int[] pads) {
		String output = node.node().outputs().get(0);
		OnnxGraph graph = node.walk().graph();
		boolean onlyWindowsRead = graph.outputs().stream().noneMatch(out -> out.name().equals(output))
			&& graph.nodes().stream().filter(n -> n.inputs().contains(output)).allMatch(n -> n.inputs().indexOf(output)
				== 0 && WindowGeometry.readsThroughWindow(n.opType()));
		if (onlyWindowsRead) node.walk().reflections().put(output, new Reflection(node.node(), pads, zeroPadFields));
		return zeroPadFields.notBox(node.describe() + " pads by reflection: its border pixels are mirrored ones from " +
			"inside the map");
	}
}
