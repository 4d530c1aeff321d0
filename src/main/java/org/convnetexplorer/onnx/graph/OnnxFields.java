package org.convnetexplorer.onnx.graph;

/** The field numbers of onnx.proto's messages that {@link OnnxReader} decodes (TensorProto's: {@link TensorReader}). */
final class OnnxFields {

	private OnnxFields() {}

	/** ModelProto. */
	static final class Model {
		static final int IR_VERSION = 1;
		static final int PRODUCER_NAME = 2;
		static final int PRODUCER_VERSION = 3;
		static final int GRAPH = 7;
		static final int OPSET_IMPORT = 8;
	}

	/** OperatorSetIdProto. */
	static final class OperatorSet {
		static final int DOMAIN = 1;
		static final int VERSION = 2;
	}

	/** GraphProto. */
	static final class Graph {
		static final int NODE = 1;
		static final int INITIALIZER = 5;
		static final int INPUT = 11;
		static final int OUTPUT = 12;
		static final int SPARSE_INITIALIZER = 15;
	}

	/** NodeProto. */
	static final class Node {
		static final int INPUT = 1;
		static final int OUTPUT = 2;
		static final int NAME = 3;
		static final int OP_TYPE = 4;
		static final int ATTRIBUTE = 5;
		static final int DOMAIN = 7;
	}

	/** AttributeProto. */
	static final class Attribute {
		static final int NAME = 1;
		static final int F = 2;
		static final int I = 3;
		static final int S = 4;
		static final int T = 5;
		static final int G = 6;
		static final int FLOATS = 7;
		static final int INTS = 8;
		static final int GRAPHS = 11;
		static final int TYPE = 20;
	}

	/** ValueInfoProto, TypeProto, TypeProto.Tensor, TensorShapeProto and its Dimension. */
	static final class ValueInfo {
		static final int NAME = 1;
		static final int TYPE = 2;
		static final int TENSOR_TYPE = 1;
		static final int ELEMENT_TYPE = 1;
		static final int SHAPE = 2;
		static final int DIM = 1;
		static final int DIM_VALUE = 1;
		static final int DIM_PARAM = 2;
	}
}
