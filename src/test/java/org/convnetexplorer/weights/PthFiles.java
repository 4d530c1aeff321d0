package org.convnetexplorer.weights;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Writes .pth files in both torch formats around hand-built pickles. */
final class PthFiles {

	static final BigInteger LEGACY_MAGIC_NUMBER = new BigInteger("1950a86a20f9469cfc6c", 16);

	private PthFiles() {}

	/** A zip-format file: {@code prefix/data.pkl}, {@code prefix/data/<key>} per storage, {@code prefix/version}. */
	static Path writeZip(Path file, String prefix, byte[] pickle, Map<String, byte[]> storages) throws IOException {
		Map<String, byte[]> entries = new LinkedHashMap<>();
		entries.put(prefix + "/data.pkl", pickle);
		storages.forEach((key, bytes) -> entries.put(prefix + "/data/" + key, bytes));
		entries.put(prefix + "/version", "3\n".getBytes(StandardCharsets.US_ASCII));
		return writeZipEntries(file, entries, ZipEntry.STORED);
	}

	static Path writeZipEntries(Path file, Map<String, byte[]> entries, int method) throws IOException {
		try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
			for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
				ZipEntry zipEntry = new ZipEntry(entry.getKey());
				zipEntry.setMethod(method);
				if (method == ZipEntry.STORED) {
					CRC32 crc = new CRC32();
					crc.update(entry.getValue());
					zipEntry.setSize(entry.getValue().length);
					zipEntry.setCompressedSize(entry.getValue().length);
					zipEntry.setCrc(crc.getValue());
				}
				zip.putNextEntry(zipEntry);
				zip.write(entry.getValue());
				zip.closeEntry();
			}
		}
		return file;
	}

	/**
	 * A legacy-format file: magic number, protocol, system info, {@code statePickle}, the storage
	 * keys, then each storage as its element count and {@code storages}' bytes.
	 */
	static Path writeLegacy(Path file, byte[] statePickle, List<String> keys, List<byte[]> storages, int elementSize,
		ByteOrder order) throws IOException
	{
		try (OutputStream out = Files.newOutputStream(file)) {
			out.write(new PickleBuilder().proto(2).long1(LEGACY_MAGIC_NUMBER).stop().bytes());
			out.write(new PickleBuilder().proto(2).integer(1001).stop().bytes());
			out.write(new PickleBuilder().proto(2).emptyDict().mark()
				.unicode("protocol_version").integer(1001)
				.unicode("little_endian").bool(order == ByteOrder.LITTLE_ENDIAN)
				.setItems().stop().bytes());
			out.write(statePickle);
			PickleBuilder keyList = new PickleBuilder().proto(2).emptyList().mark();
			for (String key : keys) keyList.unicode(key);
			out.write(keyList.appends().stop().bytes());
			for (byte[] storage : storages) {
				out.write(ByteBuffer.allocate(8).order(order).putLong(storage.length / elementSize).array());
				out.write(storage);
			}
		}
		return file;
	}

	/** A state dict of float32 tensors, each in its own storage keyed "0", "1", ... */
	static byte[] stateDictPickle(Map<String, TestTensor> tensors) {
		PickleBuilder pickle = new PickleBuilder().proto(2).global("collections", "OrderedDict").emptyTuple().reduce()
			.mark();
		int key = 0;
		for (Map.Entry<String, TestTensor> entry : tensors.entrySet()) {
			TestTensor tensor = entry.getValue();
			pickle.unicode(entry.getKey())
				.tensor("FloatStorage", String.valueOf(key++), tensor.values.length, 0, tensor.shape, tensor.rowMajorStrides());
		}
		return pickle.setItems().stop().bytes();
	}

	static Path writeZipStateDict(Path file, Map<String, TestTensor> tensors) throws IOException {
		Map<String, byte[]> storages = new LinkedHashMap<>();
		for (TestTensor tensor : tensors.values()) {
			storages.put(String.valueOf(storages.size()), floats(tensor.values, ByteOrder.LITTLE_ENDIAN));
		}
		return writeZip(file, "archive", stateDictPickle(tensors), storages);
	}

	static Path writeLegacyStateDict(Path file, Map<String, TestTensor> tensors) throws IOException {
		List<String> keys = new ArrayList<>();
		List<byte[]> storages = new ArrayList<>();
		for (TestTensor tensor : tensors.values()) {
			keys.add(String.valueOf(keys.size()));
			storages.add(floats(tensor.values, ByteOrder.LITTLE_ENDIAN));
		}
		return writeLegacy(file, stateDictPickle(tensors), keys, storages, Float.BYTES, ByteOrder.LITTLE_ENDIAN);
	}

	static byte[] floats(float[] values, ByteOrder order) {
		ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(order);
		for (float value : values) bytes.putFloat(value);
		return bytes.array();
	}

	/** All ten tensors of torchvision's AlexNet features, as ramps. */
	static Map<String, TestTensor> alexNetFeatures() {
		Map<String, TestTensor> tensors = new LinkedHashMap<>();
		long[][] kernelShapes = { { 64, 3, 11, 11 }, { 192, 64, 5, 5 }, { 384, 192, 3, 3 }, { 256, 384, 3, 3 },
			{ 256, 256, 3, 3 } };
		int[] indices = { 0, 3, 6, 8, 10 };
		for (int i = 0; i < indices.length; i++) {
			tensors.put("features." + indices[i] + ".weight", TestTensor.ramp(1e-6f, kernelShapes[i]));
			tensors.put("features." + indices[i] + ".bias", TestTensor.ramp(1e-3f, kernelShapes[i][0]));
		}
		return tensors;
	}
}
