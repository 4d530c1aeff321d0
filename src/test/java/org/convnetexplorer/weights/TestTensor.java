package org.convnetexplorer.weights;

/** A contiguous float32 tensor for the state dicts tests write. */
final class TestTensor {

	final long[] shape;
	final float[] values;

	TestTensor(long[] shape, float[] values) {
		this.shape = shape;
		this.values = values;
	}

	/** A tensor whose element i is {@code i * step}. */
	static TestTensor ramp(float step, long... shape) {
		long numel = 1;
		for (long size : shape) numel *= size;
		float[] values = new float[Math.toIntExact(numel)];
		for (int i = 0; i < values.length; i++) values[i] = i * step;
		return new TestTensor(shape, values);
	}

	long[] rowMajorStrides() {
		long[] strides = new long[shape.length];
		long stride = 1;
		for (int d = shape.length - 1; d >= 0; d--) {
			strides[d] = stride;
			stride *= shape[d];
		}
		return strides;
	}
}
