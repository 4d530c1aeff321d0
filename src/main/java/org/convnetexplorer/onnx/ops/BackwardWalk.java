package org.convnetexplorer.onnx.ops;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.convnetexplorer.network.ProjectionMethod;
import org.convnetexplorer.onnx.graph.OnnxFormatException;
import org.convnetexplorer.onnx.graph.OnnxNode;
import org.convnetexplorer.onnx.ops.OnnxImporter.Value;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Projections into the input through an imported graph: a signal set at a tensor goes down the nodes in reverse
 * order, each node passing it to its inputs by its operator's backward rule ({@link Operator#backward}); where a tensor
 * feeds several nodes (a residual block's branch point) their signals add up. The forward pass is the imported
 * graph's, run once per image; the backward passes run per selection, each reading its image's forward values
 * ({@link #perSelection}).
 */
public final class BackwardWalk {

	private final OnnxImporter forward;
	private final List<OnnxNode> nodes;
	private final String input;
	private final UnaryOperator<Operand<TFloat32>> toSelections;
	private final ProjectionMethod method;
	private final Map<Operand<TFloat32>, Operand<TFloat32>> gathered = new IdentityHashMap<>();
	private Map<String, List<Operand<TFloat32>>> signals;

	/**
	 * @param forward the walk that imported {@code nodes} (with TF ops)
	 * @param nodes the imported nodes, in graph order
	 * @param input the graph input's name
	 * @param toSelections an operand per image to one per selection (a gather by each selection's image)
	 */
	public BackwardWalk(OnnxImporter forward, List<OnnxNode> nodes, String input,
		UnaryOperator<Operand<TFloat32>> toSelections, ProjectionMethod method)
	{
		this.forward = forward;
		this.nodes = nodes;
		this.input = input;
		this.toSelections = toSelections;
		this.method = method;
	}

	/** A computed tensor's forward operand: per image, in the operands' layout (NHWC for rank 4). */
	public Operand<TFloat32> forward(String tensor) {
		return forward.value(tensor).op;
	}

	/** A tensor's ONNX shape, dim 0 the batch. */
	public long[] shape(String tensor) {
		return forward.value(tensor).shape.clone();
	}

	ProjectionMethod method() {
		return method;
	}

	/** A forward operand per selection, gathered once however many rules read it. */
	Operand<TFloat32> perSelection(Operand<TFloat32> perImage) {
		return gathered.computeIfAbsent(perImage, toSelections);
	}

	/**
	 * The projection of {@code seed} (per selection, in the layout of {@code tensor}'s operand) into the input.
	 *
	 * @return per selection, the signal at the graph input, NCHW
	 * @throws OnnxFormatException naming the first node on the way whose operator has no backward rule
	 */
	public Operand<TFloat32> project(String tensor, Operand<TFloat32> seed) throws OnnxFormatException {
		Ops tf = forward.tf();
		signals = new HashMap<>();
		add(tensor, seed);
		for (int i = nodes.size() - 1; i >= 0; i--) {
			OnnxNode node = nodes.get(i);
			Step step = new Step(node, forward);
			for (int o = 1; o < node.outputs().size(); o++)
				if (signals.containsKey(node.outputs().get(o)))
					throw step.fail("has no backward rule for its output " + (o + 1) + ", so no projection can pass it");
			Operand<TFloat32> signal = take(node.outputs().get(0));
			if (signal == null) continue;
			Operator operator = Operators.of(node.opType());
			operator.backward(new BackwardStep(step, this, signal));
		}
		Operand<TFloat32> atInput = take(input);
		Value in = forward.value(input);
		if (atInput == null) throw new IllegalArgumentException("'" + tensor + "' is not computed from the input");
		return Layout.toLogical(tf, Value.computed(in.shape, null, atInput));
	}

	void add(String tensor, Operand<TFloat32> signal) {
		signals.computeIfAbsent(tensor, t -> new ArrayList<>()).add(signal);
	}

	/** The signal summed over what reached the tensor, or null where none did. */
	private Operand<TFloat32> take(String tensor) {
		List<Operand<TFloat32>> parts = signals.remove(tensor);
		if (parts == null) return null;
		return parts.size() == 1 ? parts.get(0) : forward.tf().math.addN(parts);
	}
}
