package org.convnetexplorer.onnx.ops;

import org.convnetexplorer.onnx.graph.OnnxFormatException;
import org.convnetexplorer.onnx.ops.OnnxImporter.Value;

/**
 * One ONNX operator: checks a node's attributes and inputs, and gives its (first) output's shape, its units' receptive
 * fields and, where the walk builds TF ops, the operand computing it. Anything not computed exactly is refused.
 * Beside the forward rule, the backward rule of deconvnet projections ({@link #backward}).
 */
public interface Operator {

	Value apply(Step node) throws OnnxFormatException;

	/**
	 * The backward rule of deconvnet projections and guided backpropagation: from the signal at the node's first
	 * output, the signals at its computed inputs ({@link BackwardStep#send}). Linear operators pass their gradient;
	 * a ReLU rectifies ({@link org.convnetexplorer.network.ProjectionMethod}). The default: the operator has none, and
	 * a projection through the node is refused, naming it.
	 */
	default void backward(BackwardStep step) throws OnnxFormatException {
		throw step.noRule();
	}

	/** Whether the operator checks outputs past its first itself; else the walk refuses any. */
	default boolean checksExtraOutputs() {
		return false;
	}

	/** Whether the operator computes on maps moved channels last ({@link OnnxImporter.Value#channelsLast}). */
	default boolean takesChannelsLast() {
		return false;
	}

	/** Whether the operator is an activation whose outputs are default layers (see docs/models.md). */
	default boolean isDefaultLayerActivation() {
		return false;
	}
}
