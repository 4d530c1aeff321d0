package org.convnetexplorer.weights;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The elements of one storage that the wanted tensors use: read in one piece, then gathered
 * into each tensor. Reading only this range, and only the storages wanted tensors use, keeps
 * unwanted weights (AlexNet's 233 MB classifier, say) off the heap.
 */
final class StorageSlice {

	final StorageRef storage;
	private final Map<String, TensorRef> tensors = new LinkedHashMap<>();
	private long startElement = Long.MAX_VALUE;
	private long endElement = Long.MIN_VALUE;

	private StorageSlice(StorageRef storage) {
		this.storage = storage;
	}

	/** The slices the tensors need, keyed by storage key, in the order the tensors come. */
	static Map<String, StorageSlice> of(Map<String, TensorRef> tensors, Path file) throws WeightsException {
		Map<String, StorageSlice> slices = new LinkedHashMap<>();
		for (Map.Entry<String, TensorRef> entry : tensors.entrySet()) {
			TensorRef tensor = entry.getValue();
			if (tensor.numel > ByteInput.MAX_ARRAY_LENGTH) {
				throw new WeightsException(file, entry.getKey() + " has " + tensor.numel +
					" elements, more than one Java array can hold");
			}
			slices.computeIfAbsent(tensor.storage.key, key -> new StorageSlice(tensor.storage)).add(entry.getKey(), tensor);
		}
		return slices;
	}

	private void add(String key, TensorRef tensor) {
		tensors.put(key, tensor);
		if (tensor.numel > 0) {
			startElement = Math.min(startElement, tensor.firstElement);
			endElement = Math.max(endElement, tensor.endElement);
		}
	}

	private boolean isEmpty() {
		return startElement > endElement;
	}

	/** Byte offset of the slice in the storage's data. */
	long byteOffset() {
		return isEmpty() ? 0 : startElement * storage.type.elementSize();
	}

	/** Byte offset of the end of the slice in the storage's data. */
	long byteEnd() {
		return isEmpty() ? 0 : endElement * storage.type.elementSize();
	}

	/** Reads the slice from {@code in}, positioned at the storage's first byte, and builds its tensors. */
	Map<String, TorchTensor> read(ByteInput in, ByteOrder order) throws WeightsException {
		in.skip(byteOffset());
		ByteBuffer bytes = ByteBuffer.wrap(in.readBytes(byteEnd() - byteOffset())).order(order);
		Map<String, TorchTensor> built = new LinkedHashMap<>();
		for (Map.Entry<String, TensorRef> entry : tensors.entrySet()) {
			built.put(entry.getKey(), gather(entry.getValue(), bytes));
		}
		return built;
	}

	private TorchTensor gather(TensorRef tensor, ByteBuffer bytes) {
		long[] shape = tensor.shape;
		long[] stride = tensor.stride;
		int elementSize = storage.type.elementSize();
		float[] values = new float[(int) tensor.numel];
		long[] index = new long[shape.length];
		long element = tensor.firstElement - startElement;
		for (int i = 0; i < values.length; i++) {
			values[i] = storage.type.read(bytes, (int) (element * elementSize));
			// Step to the next index in row-major order, carrying into outer dimensions.
			for (int d = shape.length - 1; d >= 0; d--) {
				element += stride[d];
				if (++index[d] < shape[d]) break;
				element -= stride[d] * shape[d];
				index[d] = 0;
			}
		}
		return new TorchTensor(shape, values);
	}
}
