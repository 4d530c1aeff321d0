package org.convnetexplorer.onnx.ops;

import java.util.Arrays;

import org.convnetexplorer.network.ProjectionMethod;
import org.convnetexplorer.onnx.graph.OnnxFormatException;
import org.convnetexplorer.onnx.ops.OnnxImporter.Value;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * One node as its operator's backward rule sees it ({@link Operator#backward}): the forward node (attributes, input
 * values), the signal at its first output, one per selection, in the operands' layout (NHWC for rank 4), and where
 * the signals for its inputs go.
 */
public final class BackwardStep {

	private final Step node;
	private final BackwardWalk walk;
	private final Operand<TFloat32> signal;

	BackwardStep(Step node, BackwardWalk walk, Operand<TFloat32> signal) {
		this.node = node;
		this.walk = walk;
		this.signal = signal;
	}

	/** The forward node: its attributes and its inputs' values as the forward walk computed them. */
	Step node() {
		return node;
	}

	Ops tf() {
		return node.tf();
	}

	ProjectionMethod method() {
		return walk.method();
	}

	/** The signal at the node's first output, per selection. */
	Operand<TFloat32> signal() {
		return signal;
	}

	/** Input i of the forward pass, per selection (each selection's image's). */
	Operand<TFloat32> forward(int input) throws OnnxFormatException {
		return walk.perSelection(node.computed(input, -1).op);
	}

	/** Adds {@code inputSignal} to the signal of input i; an input that is a constant takes none. */
	void send(int input, Operand<TFloat32> inputSignal) throws OnnxFormatException {
		if (node.input(input).batched) walk.add(node.node().inputs().get(input), inputSignal);
	}

	/** The refusal of a node whose operator has no backward rule, or whose attributes its rule does not cover. */
	OnnxFormatException noRule() {
		return node.fail("has no backward rule, so no projection can pass it (see docs/deconvnet.md)");
	}

	OnnxFormatException noRule(String why) {
		return node.fail("has no backward rule " + why + ", so no projection can pass it");
	}

	/** [the signal's batch size, dims...]: the shape of a per-selection operand. */
	Operand<TInt32> perSelectionShape(long... dims) {
		Ops tf = tf();
		Operand<TInt32> batch = tf.slice(tf.shape(signal), tf.constant(new int[] { 0 }), tf.constant(new int[] { 1 }));
		int[] rest = Arrays.stream(dims).mapToInt(d -> (int) d).toArray();
		return tf.concat(Arrays.asList(batch, tf.constant(rest)), tf.constant(0));
	}

	/** The {@code height × width} rows and columns of an NHWC operand from {@code top}, {@code left}. */
	Operand<TFloat32> crop(Operand<TFloat32> nhwc, int top, int left, long height, long width) {
		return tf().slice(nhwc, tf().constant(new int[] { 0, top, left, 0 }),
			tf().constant(new int[] { -1, (int) height, (int) width, -1 }));
	}

	/** A logical (ONNX-ordered) operand of {@code shape} in the operands' layout, and back. */
	Operand<TFloat32> toPhysical(Operand<TFloat32> logical, long[] shape) {
		return Layout.toPhysical(tf(), logical, shape);
	}

	Operand<TFloat32> toLogical(Operand<TFloat32> physical, long[] shape) {
		return Layout.toLogical(tf(), Value.computed(shape, null, physical));
	}
}
