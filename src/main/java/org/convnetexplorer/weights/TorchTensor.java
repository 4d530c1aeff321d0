package org.convnetexplorer.weights;

import java.util.Arrays;

/** A tensor read from a state dict: its shape and its values as contiguous row-major floats. */
public final class TorchTensor {

	private final long[] shape;
	private final float[] values;

	TorchTensor(long[] shape, float[] values) {
		this.shape = shape;
		this.values = values;
	}

	/** The sizes of the dimensions, outermost first; empty for a scalar. A fresh copy. */
	public long[] shape() {
		return shape.clone();
	}

	/**
	 * The values in row-major order (the last index varies fastest), converted to float32 from
	 * the stored type. A fresh copy on each call.
	 */
	public float[] values() {
		return values.clone();
	}

	@Override
	public String toString() {
		return "TorchTensor" + Arrays.toString(shape);
	}
}
