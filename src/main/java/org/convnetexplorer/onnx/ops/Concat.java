package org.convnetexplorer.onnx.ops;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.convnetexplorer.geometry.LayerFields;
import org.convnetexplorer.onnx.graph.OnnxFormatException;
import org.convnetexplorer.onnx.ops.OnnxImporter.Value;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.types.TFloat32;

/**
 * Concat: of computed tensors (along channels each unit keeps its branch's field; along space there is no box), or
 * of 1-D integer constants (folded: shapes).
 */
final class Concat implements Operator {

	@Override
	public Value apply(Step node) throws OnnxFormatException {
		node.allow("axis");
		List<Value> parts = new ArrayList<>();
		for (int i = 0; i < node.node().inputs().size(); i++)
			parts.add(node.input(i));
		if (parts.isEmpty()) throw node.fail("has no inputs");
		int rank = parts.get(0).rank();
		int axis = node.axis(node.intAttr("axis", Long.MIN_VALUE), rank);
		if (parts.stream().allMatch(Value::isConstant)) {
			if (rank != 1) throw node.fail("folds only 1-D constants");
			if (parts.stream().allMatch(p -> p.ints != null)) {
				long[] all = parts.stream().flatMapToLong(p -> Arrays.stream(p.ints)).toArray();
				return Value.ints(new long[] { all.length }, all);
			}
			throw node.fail("folds only integer constants");
		}
		if (!parts.stream().allMatch(p -> p.batched && p.rank() == rank))
			throw node.fail("concatenates constants with computed data, or tensors of different ranks");
		if (axis == 0) throw node.fail("concatenates along the batch axis");
		long[] shape = parts.get(0).shape.clone();
		shape[axis] = 0;
		for (Value p : parts) {
			for (int i = 1; i < rank; i++)
				if (i != axis && p.shape[i] != shape[i]) throw node.fail("inputs of different shapes");
			shape[axis] += p.shape[axis];
		}
		LayerFields fields;
		if (axis == 1) {
			List<LayerFields> f = new ArrayList<>();
			for (Value p : parts)
				f.add(p.fields);
			fields = LayerFields.concat(f);
		}
		else fields = LayerFields.notBox((int) shape[1], node.describe() + " concatenates along space");
		if (node.tf() == null) return Value.computed(shape, fields, null);
		if (parts.size() == 1) return Value.computed(shape, fields, parts.get(0).op); // torch writes these; TF refuses one
		List<Operand<TFloat32>> ops = new ArrayList<>();
		for (Value p : parts)
			ops.add(p.op);
		return Value.computed(shape, fields,
			node.tf().concat(ops, node.tf().constant(rank == 4 ? Layout.NCHW_TO_NHWC_AXIS[axis] : axis)));
	}

	/** The signal cut into each input's part along the axis: an Inception block's to its branches. */
	@Override
	public void backward(BackwardStep step) throws OnnxFormatException {
		Step node = step.node();
		int inputs = node.node().inputs().size();
		if (inputs == 1) {
			step.send(0, step.signal());
			return;
		}
		int rank = node.input(0).rank();
		int axis = node.axis(node.intAttr("axis", Long.MIN_VALUE), rank);
		int[] sizes = new int[inputs];
		for (int i = 0; i < inputs; i++)
			sizes[i] = (int) node.input(i).shape[axis];
		List<Output<TFloat32>> parts = step.tf().splitV(step.signal(), step.tf().constant(sizes),
			step.tf().constant(rank == 4 ? Layout.NCHW_TO_NHWC_AXIS[axis] : axis), (long) inputs).output();
		for (int i = 0; i < inputs; i++)
			step.send(i, parts.get(i));
	}
}
