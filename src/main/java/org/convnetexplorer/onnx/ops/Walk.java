package org.convnetexplorer.onnx.ops;

import org.convnetexplorer.onnx.graph.OnnxFormatException;
import org.convnetexplorer.onnx.graph.OnnxGraph;
import org.convnetexplorer.onnx.ops.OnnxImporter.Value;
import org.convnetexplorer.onnx.graph.OnnxNode;
import org.convnetexplorer.onnx.graph.OnnxTensor;
import org.tensorflow.op.Ops;

/** What operators see of the walk over a graph ({@link org.convnetexplorer.onnx.ops.OnnxImporter}). */
public interface Walk {

	OnnxGraph graph();

	/** Where TF ops are built; null where the walk works out shapes and fields only. */
	Ops tf();

	/** The value of a tensor computed or read so far, or null. */
	Value value(String tensor);

	/** Sets an operator's output past its first (the walk sets the first). */
	void put(String tensor, Value value);

	/** A tensor of the file as a constant value, refused (naming {@code reader}) where its type is unusable. */
	Value constant(OnnxTensor tensor, OnnxNode reader) throws OnnxFormatException;

	/** Which BatchNormalizations are folded into the convolution before them. */
	NormFolding normFolding();

	/** Reflect Pads' outputs that only windows read. */
	Reflections reflections();
}
