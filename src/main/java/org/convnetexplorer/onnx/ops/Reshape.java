package org.convnetexplorer.onnx.ops;

import java.util.Arrays;

import org.convnetexplorer.onnx.graph.OnnxFormatException;
import org.convnetexplorer.onnx.ops.OnnxImporter.Value;
import org.convnetexplorer.onnx.graph.OnnxTensor;

/**
 * Reshape to a constant target shape (folded from Shape, Gather, Concat where exporters compute it). On computed data
 * the batch stays dim 0: a model exported with batch 1 writes 1 (or -1) where the batch goes.
 */
final class Reshape implements Operator {

	@Override
	public Value apply(Step node) throws OnnxFormatException {
		node.allow("allowzero");
		Value x = node.input(0);
		long[] target = node.opset() < 5 ? node.intsAttr("shape", null) : node.constant(1).ints;
		if (target == null) throw node.fail("its target shape is not a constant");
		boolean allowZero = node.intAttr("allowzero", 0) != 0;
		long[] shape = new long[target.length];
		int infer = -1;
		for (int i = 0; i < target.length; i++) {
			long t = target[i];
			if (t == Value.BATCH_SIZE) shape[i] = Value.BATCH;
			else if (t == 0 && !allowZero) {
				if (i >= x.rank()) throw node.fail("copies dim " + i + " that the input lacks");
				shape[i] = x.shape[i];
			}
			else if (t == -1) {
				if (infer >= 0) throw node.fail("more than one -1 in its target shape");
				infer = i;
				shape[i] = 0; // worked out below
			}
			else if (t < 0) throw node.fail("bad target shape " + Arrays.toString(target));
			else shape[i] = t;
		}
		if (x.batched) return Reshapes.reshaped(node, x, batchedShape(node, x, target, shape, infer));
		int n = OnnxTensor.elementCount(x.shape);
		long known = 1;
		for (int i = 0; i < shape.length; i++)
			if (i != infer) known *= shape[i];
		if (infer >= 0) shape[infer] = known == 0 ? 0 : n / known;
		if (OnnxTensor.elementCount(shape) != n) throw node.fail("target shape does not hold the constant's values");
		return x.reshapedConstant(shape);
	}

	/** The shape of computed data, dim 0 the batch; {@code infer}: the dim given as -1, or -1. */
	private static long[] batchedShape(Step node, Value x, long[] target, long[] shape, int infer)
		throws OnnxFormatException
	{
		long perSample = 1;
		for (int i = 1; i < x.rank(); i++)
			perSample *= x.shape[i];
		if (shape[0] != Value.BATCH) {
			if (shape[0] == 1 || infer == 0) {
				if (infer == 0) infer = -1;
				shape[0] = Value.BATCH;
			}
			else throw node.fail("moves the batch axis (target " + describeTarget(target) + ")");
		}
		for (int i = 1; i < shape.length; i++)
			if (shape[i] == Value.BATCH && i != infer)
				throw node.fail("moves the batch axis (target " + describeTarget(target) + ")");
		long known = 1;
		for (int i = 1; i < shape.length; i++)
			if (i != infer) known *= shape[i];
		if (infer > 0) {
			if (known == 0 || perSample % known != 0) throw node.fail("cannot reshape " + perSample + " values per image");
			shape[infer] = perSample / known;
		}
		else if (known != perSample)
			throw node.fail("target " + describeTarget(target) + " does not hold " + perSample + " values per image");
		return shape;
	}

	/** A folded shape for messages, the batch size as "batch". */
	static String describeTarget(long[] target) {
		StringBuilder s = new StringBuilder("[");
		for (int i = 0; i < target.length; i++)
			s.append(i > 0 ? ", " : "").append(target[i] == Value.BATCH_SIZE ? "batch" : Long.toString(target[i]));
		return s.append(']').toString();
	}

	@Override
	public void backward(BackwardStep step) throws OnnxFormatException {
		Reshapes.reshapedBack(step);
	}
}
