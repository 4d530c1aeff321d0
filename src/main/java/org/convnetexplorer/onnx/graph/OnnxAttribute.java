package org.convnetexplorer.onnx.graph;

/** A node attribute. Graph- and sparse-valued attributes are recorded by type only: no supported operator has them. */
public final class OnnxAttribute {

	/** ONNX's AttributeProto.AttributeType codes. */
	public static final int FLOAT = 1;
	public static final int INT = 2;
	public static final int STRING = 3;
	public static final int TENSOR = 4;
	public static final int GRAPH = 5;
	public static final int FLOATS = 6;
	public static final int INTS = 7;
	public static final int STRINGS = 8;

	private final String name;
	private final int type;
	private final float f;
	private final long i;
	private final String s;
	private final OnnxTensor t;
	private final float[] floats;
	private final long[] ints;

	OnnxAttribute(String name, int type, float f, long i, String s, OnnxTensor t, float[] floats, long[] ints) {
		this.name = name;
		this.type = type;
		this.f = f;
		this.i = i;
		this.s = s;
		this.t = t;
		this.floats = floats;
		this.ints = ints;
	}

	public String name() {
		return name;
	}

	public int type() {
		return type;
	}

	public float floatValue() {
		return f;
	}

	public long intValue() {
		return i;
	}

	public String stringValue() {
		return s;
	}

	public OnnxTensor tensor() {
		return t;
	}

	public float[] floats() {
		return floats.clone();
	}

	public long[] ints() {
		return ints.clone();
	}
}
