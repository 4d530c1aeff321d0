package org.convnetexplorer.onnx.ops;

import org.convnetexplorer.onnx.graph.OnnxFormatException;
import org.convnetexplorer.onnx.ops.OnnxImporter.Value;

/**
 * One ONNX operator: checks a node's attributes and inputs, and gives its (first) output's shape, its units' receptive
 * fields and, where the walk builds TF ops, the operand computing it. Anything not computed exactly is refused.
 */
public interface Operator {

	Value apply(Step node) throws OnnxFormatException;

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
