package org.convnetexplorer.onnx.ops;

import java.util.Arrays;

import org.convnetexplorer.onnx.graph.OnnxAttribute;
import org.convnetexplorer.onnx.graph.OnnxFormatException;
import org.convnetexplorer.onnx.ops.OnnxImporter.Value;
import org.convnetexplorer.onnx.graph.OnnxNode;
import org.tensorflow.op.Ops;

/** One node as an operator handles it: its inputs' values, its attributes, and refusals that name it. */
public final class Step {

	private final OnnxNode node;
	private final Walk walk;

	public Step(OnnxNode node, Walk walk) {
		this.node = node;
		this.walk = walk;
	}

	public OnnxNode node() {
		return node;
	}

	public String opType() {
		return node.opType();
	}

	Walk walk() {
		return walk;
	}

	/** Where TF ops are built; null where only shapes and fields are worked out. */
	Ops tf() {
		return walk.tf();
	}

	long opset() {
		return walk.graph().opset();
	}

	/** "node 'name' (Op)", for messages and reasons. */
	String describe() {
		return node.describe();
	}

	public OnnxFormatException fail(String reason) {
		return new OnnxFormatException(walk.graph().file(), node.describe() + ": " + reason);
	}

	// ---- inputs ----------------------------------------------------------------------------------------------------

	/** Whether input i is given (present and not the empty name). */
	boolean has(int i) {
		return i < node.inputs().size() && !node.inputs().get(i).isEmpty();
	}

	Value input(int i) throws OnnxFormatException {
		if (!has(i)) throw fail("input " + (i + 1) + " is missing");
		Value v = walk.value(node.inputs().get(i));
		if (v == null) throw fail("reads '" + node.inputs().get(i) + "', which is not computed here");
		return v;
	}

	/** Input i, computed from the graph input, of the given rank (-1: any). */
	Value computed(int i, int rank) throws OnnxFormatException {
		Value v = input(i);
		if (!v.batched) throw fail("input " + (i + 1) + " is a constant where data is expected");
		if (rank >= 0 && v.rank() != rank)
			throw fail("input of rank " + v.rank() + " " + Arrays.toString(v.shape) + ", expected rank " + rank);
		return v;
	}

	Value constant(int i) throws OnnxFormatException {
		Value v = input(i);
		if (v.batched) throw fail("input " + (i + 1) + " must be a constant, not computed data");
		return v;
	}

	float scalar(int i) throws OnnxFormatException {
		float[] f = constant(i).floats;
		if (f == null || f.length != 1) throw fail("input " + (i + 1) + " must be a constant scalar");
		return f[0];
	}

	/** Integer content as floats; the symbolic batch size cannot take part in arithmetic. */
	float[] toFloats(long[] ints) throws OnnxFormatException {
		float[] f = new float[ints.length];
		for (int i = 0; i < ints.length; i++) {
			if (ints[i] == Value.BATCH_SIZE) throw fail("uses the batch size in arithmetic");
			f[i] = ints[i];
		}
		return f;
	}

	/** Whether anything reads {@code tensor} (a node or the graph's outputs). */
	boolean isRead(String tensor) {
		for (OnnxNode n : walk.graph().nodes())
			if (n.inputs().contains(tensor)) return true;
		return walk.graph().outputs().stream().anyMatch(o -> o.name().equals(tensor));
	}

	// ---- attributes ------------------------------------------------------------------------------------------------

	void allow(String... names) throws OnnxFormatException {
		for (String a : node.attributes().keySet())
			if (!Arrays.asList(names).contains(a)) throw fail("unsupported attribute '" + a + "'");
	}

	boolean hasAttr(String name) {
		return node.attributes().containsKey(name);
	}

	/** @param def the default; {@link Long#MIN_VALUE}: the attribute is required */
	long intAttr(String name, long def) throws OnnxFormatException {
		OnnxAttribute a = node.attributes().get(name);
		if (a == null) {
			if (def == Long.MIN_VALUE) throw fail("needs attribute '" + name + "'");
			return def;
		}
		return a.intValue();
	}

	float floatAttr(String name, float def) {
		OnnxAttribute a = node.attributes().get(name);
		return a == null ? def : a.floatValue();
	}

	String stringAttr(String name, String def) {
		OnnxAttribute a = node.attributes().get(name);
		return a == null || a.stringValue() == null ? def : a.stringValue();
	}

	long[] intsAttr(String name, long[] def) {
		OnnxAttribute a = node.attributes().get(name);
		return a == null ? def : a.ints();
	}

	/** A 2-D attribute such as strides or dilations (default 1, 1), each in 1..65536. */
	int[] pair(String name) throws OnnxFormatException {
		long[] v = intsAttr(name, new long[] { 1, 1 });
		if (v.length != 2 || v[0] < 1 || v[1] < 1 || v[0] > 1 << 16 || v[1] > 1 << 16)
			throw fail("unsupported " + name + " " + Arrays.toString(v));
		return new int[] { (int) v[0], (int) v[1] };
	}

	/** Axes given as an input (later opsets) or else as the attribute {@code axes}; null where neither. */
	long[] axes(int input) throws OnnxFormatException {
		return has(input) ? constant(input).ints : intsAttr("axes", null);
	}

	int axis(long axis, int rank) throws OnnxFormatException {
		long a = axis < 0 ? axis + rank : axis;
		if (a < 0 || a >= rank) throw fail("axis " + axis + " out of range for rank " + rank);
		return (int) a;
	}

	static long ceilDiv(long a, long b) {
		return -Math.floorDiv(-a, b);
	}
}
