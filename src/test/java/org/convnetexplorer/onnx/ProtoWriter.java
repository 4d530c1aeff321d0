package org.convnetexplorer.onnx;

import org.convnetexplorer.onnx.graph.OnnxAttribute;
import org.convnetexplorer.onnx.graph.OnnxTensor;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Writes protobuf's wire format, for hand-made (and hostile) ONNX files in tests. */
final class ProtoWriter {

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	ProtoWriter varint(int field, long value) {
		tag(field, 0);
		rawVarint(value);
		return this;
	}

	ProtoWriter float32(int field, float value) {
		tag(field, 5);
		int bits = Float.floatToIntBits(value);
		for (int i = 0; i < 4; i++)
			out.write(bits >>> (8 * i));
		return this;
	}

	ProtoWriter bytes(int field, byte[] value) {
		tag(field, 2);
		rawVarint(value.length);
		out.writeBytes(value);
		return this;
	}

	/** A length-delimited field whose declared length is {@code declared}, followed by only {@code value}. */
	ProtoWriter lyingBytes(int field, long declared, byte[] value) {
		tag(field, 2);
		rawVarint(declared);
		out.writeBytes(value);
		return this;
	}

	ProtoWriter string(int field, String value) {
		return bytes(field, value.getBytes(StandardCharsets.UTF_8));
	}

	ProtoWriter message(int field, ProtoWriter value) {
		return bytes(field, value.toByteArray());
	}

	ProtoWriter packedFloats(int field, float... values) {
		ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
		for (float v : values)
			b.putFloat(v);
		return bytes(field, b.array());
	}

	ProtoWriter packedVarints(int field, long... values) {
		ProtoWriter inner = new ProtoWriter();
		for (long v : values)
			inner.rawVarint(v);
		return bytes(field, inner.toByteArray());
	}

	byte[] toByteArray() {
		return out.toByteArray();
	}

	private void tag(int field, int wireType) {
		rawVarint((long) field << 3 | wireType);
	}

	private void rawVarint(long v) {
		while ((v & ~0x7fL) != 0) {
			out.write((int) (v & 0x7f) | 0x80);
			v >>>= 7;
		}
		out.write((int) v);
	}

	// ---- ONNX messages (field numbers of onnx.proto) ---------------------------------------------------------------

	/** ModelProto: IR version 8, opset {@code opset}, the graph. */
	static byte[] model(long opset, ProtoWriter graph) {
		return new ProtoWriter().varint(1, 8).string(2, "test")
			.message(8, new ProtoWriter().string(1, "").varint(2, opset)).message(7, graph).toByteArray();
	}

	/** GraphProto with the float input "x" of {@code inputDims} and the output {@code output}. */
	static ProtoWriter graph(long[] inputDims, String output, ProtoWriter... nodes) {
		ProtoWriter g = new ProtoWriter();
		for (ProtoWriter n : nodes)
			g.message(1, n);
		g.string(2, "test");
		g.message(11, valueInfo("x", inputDims));
		g.message(12, new ProtoWriter().string(1, output));
		return g;
	}

	static ProtoWriter valueInfo(String name, long[] dims) {
		ProtoWriter shape = new ProtoWriter();
		for (long d : dims)
			shape.message(1, d >= 0 ? new ProtoWriter().varint(1, d) : new ProtoWriter().string(2, "batch"));
		ProtoWriter tensorType = new ProtoWriter().varint(1, OnnxTensor.FLOAT).message(2, shape);
		return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensorType));
	}

	/** NodeProto. */
	static ProtoWriter node(String name, String opType, String[] inputs, String[] outputs, ProtoWriter... attributes) {
		ProtoWriter n = new ProtoWriter();
		for (String in : inputs)
			n.string(1, in);
		for (String out : outputs)
			n.string(2, out);
		n.string(3, name).string(4, opType);
		for (ProtoWriter a : attributes)
			n.message(5, a);
		return n;
	}

	static ProtoWriter intsAttribute(String name, long... values) {
		return new ProtoWriter().string(1, name).varint(20, OnnxAttribute.INTS).packedVarints(8, values);
	}

	static ProtoWriter intAttribute(String name, long value) {
		return new ProtoWriter().string(1, name).varint(20, OnnxAttribute.INT).varint(3, value);
	}

	static ProtoWriter floatAttribute(String name, float value) {
		return new ProtoWriter().string(1, name).varint(20, OnnxAttribute.FLOAT).float32(2, value);
	}

	static ProtoWriter stringAttribute(String name, String value) {
		return new ProtoWriter().string(1, name).varint(20, OnnxAttribute.STRING).string(4, value);
	}

	/** TensorProto of floats in raw_data. */
	static ProtoWriter floatTensor(String name, long[] dims, float... values) {
		ProtoWriter t = new ProtoWriter().packedVarints(1, dims).varint(2, OnnxTensor.FLOAT).string(8, name);
		ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
		for (float v : values)
			b.putFloat(v);
		return t.bytes(9, b.array());
	}
}
