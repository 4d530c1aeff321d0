package org.convnetexplorer.weights;

/** A tensor as a pickle describes it: a strided window of a storage, its data not yet read. */
final class TensorRef {

	final StorageRef storage;
	final long[] shape;
	final long[] stride;
	final long numel;
	/** Element of the storage holding this tensor's first value. */
	final long firstElement;
	/** One past the storage element holding its last value in memory; firstElement if empty. */
	final long endElement;

	/** @throws ArithmeticException if the sizes overflow a long */
	TensorRef(StorageRef storage, long storageOffset, long[] shape, long[] stride) {
		this.storage = storage;
		this.shape = shape;
		this.stride = stride;
		this.firstElement = Math.addExact(storage.viewOffset, storageOffset);
		long count = 1;
		long last = firstElement;
		for (int d = 0; d < shape.length; d++) {
			count = Math.multiplyExact(count, shape[d]);
			if (shape[d] > 0) last = Math.addExact(last, Math.multiplyExact(shape[d] - 1, stride[d]));
		}
		this.numel = count;
		this.endElement = count == 0 ? firstElement : Math.addExact(last, 1);
	}

	/** Whether all elements lie inside what the storage reference can see. */
	boolean fitsInStorage() {
		return numel == 0 || endElement <= storage.viewOffset + storage.viewSize;
	}
}
