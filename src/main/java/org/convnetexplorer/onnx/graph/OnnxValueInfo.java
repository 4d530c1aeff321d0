package org.convnetexplorer.onnx.graph;

import java.util.List;

/** A graph input or output: name, element type and shape; a dim is a number or a symbolic name (null: unknown). */
public final class OnnxValueInfo {

	/** One dimension: {@code value} ≥ 0 where fixed, else -1 with {@code param} the symbolic name (or null). */
	public static final class Dim {
		public final long value;
		public final String param;

		Dim(long value, String param) {
			this.value = value;
			this.param = param;
		}

		public boolean isFixed() {
			return value >= 0;
		}

		@Override
		public String toString() {
			return isFixed() ? Long.toString(value) : param == null ? "?" : param;
		}
	}

	private final String name;
	private final int elementType;
	private final List<Dim> shape;

	OnnxValueInfo(String name, int elementType, List<Dim> shape) {
		this.name = name;
		this.elementType = elementType;
		this.shape = shape == null ? null : List.copyOf(shape);
	}

	public String name() {
		return name;
	}

	public int elementType() {
		return elementType;
	}

	/** The dims, or null where the model does not say. */
	public List<Dim> shape() {
		return shape;
	}
}
