package org.convnetexplorer.weights;

import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The legacy format of torch.save (before torch 1.6, or with _use_new_zipfile_serialization=False):
 * five pickles (magic number, protocol version, system info, the state dict, the list of storage
 * keys), then each listed storage as an 8-byte element count followed by its bytes. The file is
 * read once from the start; storages no wanted tensor uses are skipped, never held.
 */
final class LegacyCheckpoint {

	private static final BigInteger MAGIC_NUMBER = new BigInteger("1950a86a20f9469cfc6c", 16);
	private static final Long PROTOCOL_VERSION = 1001L;

	private LegacyCheckpoint() {}

	static Map<String, TorchTensor> read(Path file, Predicate<String> wantedKey) throws WeightsException {
		try (ByteInput in = ByteInput.ofFile(file)) {
			if (!MAGIC_NUMBER.equals(new Unpickler(in).load())) {
				throw new WeightsException(file, "it is a pickle without torch's magic number, so not a PyTorch checkpoint");
			}
			Object protocol = new Unpickler(in).load();
			if (!PROTOCOL_VERSION.equals(protocol)) {
				// describe, not the value: a hostile value's text could be endless
				throw new WeightsException(file, "legacy format version " +
					(protocol instanceof Long ? protocol : "a " + Unpickler.describe(protocol)) + " is unknown; torch writes " +
					PROTOCOL_VERSION);
			}
			ByteOrder order = byteOrder(new Unpickler(in).load(), file);
			Unpickler stateDict = new Unpickler(in);
			Map<String, TensorRef> wanted = TorchStateDict.wantedTensors(stateDict.load(), wantedKey, file);
			Object storageKeys = new Unpickler(in).load();
			Map<String, TorchTensor> tensors =
				readStorages(in, order, storageKeys, stateDict.storages(), StorageSlice.of(wanted, file));
			return TorchStateDict.inOrder(wanted.keySet(), tensors);
		}
	}

	private static ByteOrder byteOrder(Object systemInfo, Path file) throws WeightsException {
		if (!(systemInfo instanceof Map)) {
			throw new WeightsException(file, "its system info is a " + Unpickler.describe(systemInfo) + ", not a dict");
		}
		Object littleEndian = ((Map<?, ?>) systemInfo).get("little_endian");
		return Boolean.FALSE.equals(littleEndian) ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
	}

	/** Reads the slices {@code wanted} (keyed by storage key) and skips all other storages. */
	private static Map<String, TorchTensor> readStorages(ByteInput in, ByteOrder order, Object storageKeys,
		Map<String, StorageRef> declared, Map<String, StorageSlice> wanted) throws WeightsException
	{
		Path file = in.file();
		if (!(storageKeys instanceof List)) {
			throw new WeightsException(file, "its list of storages is a " + Unpickler.describe(storageKeys));
		}
		Map<String, TorchTensor> tensors = new HashMap<>();
		for (Object key : (List<?>) storageKeys) {
			// What follows holds only storages nobody wants.
			if (wanted.isEmpty()) break;
			if (!(key instanceof String)) {
				throw new WeightsException(file, "its list of storages holds a " + Unpickler.describe(key) + ", not a key");
			}
			StorageRef storage = declared.get(key);
			if (storage == null) throw new WeightsException(file, "it lists storage " + key + ", which no tensor uses");
			long count = in.readLittleEndian(8);
			if (order == ByteOrder.BIG_ENDIAN) count = Long.reverseBytes(count);
			if (count != storage.numel) {
				throw new WeightsException(file, "storage " + key + " holds " + count + " elements, but its pickle declares " +
					storage.numel);
			}
			if (!storage.fitsIn(in.remaining())) {
				throw new WeightsException(file, "storage " + key + " of " + storage.byteLength() +
					" bytes goes past the end of the file (truncated file?)");
			}
			long bytesAfterSlice = storage.byteLength();
			StorageSlice slice = wanted.remove(storage.key);
			if (slice != null) {
				tensors.putAll(slice.read(in, order));
				bytesAfterSlice -= slice.byteEnd();
			}
			in.skip(bytesAfterSlice);
		}
		if (!wanted.isEmpty()) {
			throw new WeightsException(file, "the file holds no data for storage " + wanted.keySet().iterator().next());
		}
		return tensors;
	}
}
