package org.convnetexplorer.onnx.graph;

import java.util.Arrays;

/**
 * A tensor stored in the model (an initializer or a Constant's value), decoded: floating types as float32, integer and
 * boolean types as int64. Its element count has been checked against the bytes that hold it.
 */
public final class OnnxTensor {

	public static final int FLOAT = 1;
	public static final int UINT8 = 2;
	public static final int INT8 = 3;
	public static final int INT32 = 6;
	public static final int INT64 = 7;
	public static final int BOOL = 9;
	public static final int FLOAT16 = 10;
	public static final int DOUBLE = 11;

	private final String name;
	private final int dataType;
	private final long[] dims;
	private final float[] floats;
	private final long[] longs;

	OnnxTensor(String name, int dataType, long[] dims, float[] floats, long[] longs) {
		this.name = name;
		this.dataType = dataType;
		this.dims = dims;
		this.floats = floats;
		this.longs = longs;
	}

	public String name() {
		return name;
	}

	/** ONNX's TensorProto.DataType code. */
	public int dataType() {
		return dataType;
	}

	public long[] dims() {
		return dims.clone();
	}

	public int rank() {
		return dims.length;
	}

	/** Number of elements (the product of the dims; 1 for a scalar). */
	public int size() {
		return elementCount(dims);
	}

	public boolean isFloat() {
		return floats != null;
	}

	public boolean isInteger() {
		return longs != null;
	}

	/** The values as float32 (integer tensors converted); a copy. */
	public float[] floats() {
		if (floats != null) return floats.clone();
		float[] converted = new float[longs.length];
		for (int i = 0; i < longs.length; i++)
			converted[i] = longs[i];
		return converted;
	}

	/** The float32 values without a copy, or null: for the importer, which never writes them. */
	public float[] sharedFloats() {
		return floats;
	}

	/** The integer values without a copy, or null: for the importer, which never writes them. */
	public long[] sharedLongs() {
		return longs;
	}

	/** The values of an integer or boolean tensor; a copy. */
	public long[] longs() {
		if (longs == null) throw new IllegalStateException(name + " is not an integer tensor");
		return longs.clone();
	}

	public static int elementCount(long[] dims) {
		long n = 1;
		for (long d : dims) {
			if (d < 0) return -1;
			try {
				n = Math.multiplyExact(n, d); // 4 × 2^62 wraps to 0 in plain long arithmetic
			}
			catch (ArithmeticException e) {
				return -1;
			}
			if (n > Integer.MAX_VALUE) return -1;
		}
		return (int) n;
	}

	public static String typeName(int dataType) {
		String[] names = { "UNDEFINED", "FLOAT", "UINT8", "INT8", "UINT16", "INT16", "INT32", "INT64", "STRING", "BOOL",
			"FLOAT16", "DOUBLE", "UINT32", "UINT64", "COMPLEX64", "COMPLEX128", "BFLOAT16" };
		return dataType >= 0 && dataType < names.length ? names[dataType] : "type " + dataType;
	}

	@Override
	public String toString() {
		return name + " " + typeName(dataType) + Arrays.toString(dims);
	}
}
