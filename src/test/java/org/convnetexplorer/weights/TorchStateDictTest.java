package org.convnetexplorer.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TorchStateDictTest {

	@TempDir
	Path dir;

	@ParameterizedTest
	@ValueSource(strings = { Fixtures.SEED0_ZIP, Fixtures.SEED1_LEGACY })
	void alexNetFilesMatchWhatTorchReads(String fixture) throws Exception {
		Map<String, TorchTensor> tensors = TorchStateDict.read(Fixtures.weights(fixture), key -> true);

		List<String> expectedKeys = new ArrayList<>();
		for (String[] row : Fixtures.csv("alexnet-sums.csv")) {
			if (!row[0].equals(fixture)) continue;
			String key = row[1];
			expectedKeys.add(key);
			TorchTensor tensor = tensors.get(key);
			assertArrayEquals(Fixtures.shape(row[2]), tensor.shape(), key);
			double sum = 0;
			for (float value : tensor.values()) sum += value;
			assertEquals(Double.parseDouble(row[3]), sum, 1e-9, key);
		}
		assertEquals(expectedKeys, new ArrayList<>(tensors.keySet()));

		Set<String> sampledKeys = new HashSet<>();
		for (String[] row : Fixtures.csv("alexnet-samples.csv")) {
			if (!row[0].equals(fixture)) continue;
			float[] values = tensors.get(row[1]).values();
			assertEquals((float) Double.parseDouble(row[3]), values[Integer.parseInt(row[2])], row[1] + "[" + row[2] + "]");
			sampledKeys.add(row[1]);
		}
		assertEquals(new HashSet<>(expectedKeys), sampledKeys);
	}

	@Test
	void legacySeed1FileIsRebuiltByteForByteAsTorchWroteIt() throws Exception {
		// make_fixtures.py recorded the sha256 of torch.save's output; the repository keeps its head and a recipe
		Path legacy = Fixtures.weights(Fixtures.SEED1_LEGACY);
		String recorded =
			Files.readString(org.convnetexplorer.Fixtures.WEIGHTS.resolve("alexnet-features-seed1-legacy.sha256"));
		assertEquals(recorded.trim(), Sha256.hexOf(legacy) + "  " + Fixtures.SEED1_LEGACY);
	}

	@Test
	void legacySeed1FileHasSeed0ShapesAndOtherValues() throws Exception {
		Map<String, TorchTensor> seed0 = TorchStateDict.read(Fixtures.weights(Fixtures.SEED0_ZIP), key -> true);
		Map<String, TorchTensor> seed1 = TorchStateDict.read(Fixtures.weights(Fixtures.SEED1_LEGACY), key -> true);

		assertEquals(seed0.keySet(), seed1.keySet());
		for (String key : seed0.keySet()) {
			assertArrayEquals(seed0.get(key).shape(), seed1.get(key).shape(), key);
			assertFalse(Arrays.equals(seed0.get(key).values(), seed1.get(key).values()), key);
		}
	}

	@Test
	void onlyWantedKeysAreReturned() throws Exception {
		Map<String, TorchTensor> biases =
			TorchStateDict.read(Fixtures.weights(Fixtures.SEED0_ZIP), key -> key.endsWith(".bias"));

		assertEquals(List.of("features.0.bias", "features.3.bias", "features.6.bias", "features.8.bias",
			"features.10.bias"), new ArrayList<>(biases.keySet()));
	}

	/**
	 * Views sharing one storage (offsets, steps, a transpose, a stride-0 expand, a scalar, an
	 * empty tensor) and every storage type, in both formats and pickle protocols 2 and 4.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "views.pth", "views-legacy.pth", "dtypes-protocol4.pth", "dtypes-legacy.pth" })
	void smallTorchFilesMatchWhatTorchReads(String fixture) throws Exception {
		Map<String, TorchTensor> tensors = TorchStateDict.read(Fixtures.resource(fixture), key -> true);

		List<String> expectedKeys = new ArrayList<>();
		for (String[] row : Fixtures.csv("small-fixtures.csv")) {
			if (!row[0].equals(fixture)) continue;
			String key = row[1];
			expectedKeys.add(key);
			assertArrayEquals(Fixtures.shape(row[2]), tensors.get(key).shape(), key);
			// Bitwise: -0.0, infinities and half subnormals must survive the conversion.
			assertArrayEquals(Fixtures.floats(row[3]), tensors.get(key).values(), key);
		}
		assertEquals(expectedKeys, new ArrayList<>(tensors.keySet()));
	}

	@Test
	void halfPrecisionConversionCoversEveryClassOfValue() {
		assertEquals(1.0f, StorageType.halfToFloat((short) 0x3c00));
		assertEquals(-2.0f, StorageType.halfToFloat((short) 0xc000));
		assertEquals(0x1p-24f, StorageType.halfToFloat((short) 0x0001));
		assertEquals(-0x1.ff8p-15f, StorageType.halfToFloat((short) 0x83ff));
		assertEquals(Float.POSITIVE_INFINITY, StorageType.halfToFloat((short) 0x7c00));
		assertTrue(Float.isNaN(StorageType.halfToFloat((short) 0x7e00)));
	}

	@Test
	void bigEndianZipIsReadInItsByteOrder() throws Exception {
		float[] values = { 1.5f, -2.25f, 3e-5f, 7f };
		Map<String, byte[]> entries = new LinkedHashMap<>();
		entries.put("archive/data.pkl", weightOnly(2, 2));
		entries.put("archive/byteorder", "big".getBytes(StandardCharsets.US_ASCII));
		entries.put("archive/data/0", PthFiles.floats(values, ByteOrder.BIG_ENDIAN));
		Path file = PthFiles.writeZipEntries(dir.resolve("big.pth"), entries, ZipEntry.STORED);

		assertArrayEquals(values, TorchStateDict.read(file, key -> true).get("weight").values());
	}

	@Test
	void bigEndianLegacyFileIsReadInItsByteOrder() throws Exception {
		float[] values = { 1.5f, -2.25f, 3e-5f, 7f };
		Path file = PthFiles.writeLegacy(dir.resolve("big.pth"), weightOnly(2, 2), List.of("0"),
			List.of(PthFiles.floats(values, ByteOrder.BIG_ENDIAN)), Float.BYTES, ByteOrder.BIG_ENDIAN);

		assertArrayEquals(values, TorchStateDict.read(file, key -> true).get("weight").values());
	}

	@Test
	void unknownByteorderIsRefused() throws Exception {
		Map<String, byte[]> entries = new LinkedHashMap<>();
		entries.put("archive/data.pkl", weightOnly(1));
		entries.put("archive/byteorder", "middle".getBytes(StandardCharsets.US_ASCII));
		entries.put("archive/data/0", new byte[4]);
		Path file = PthFiles.writeZipEntries(dir.resolve("middle.pth"), entries, ZipEntry.STORED);

		WeightsException e = assertThrows(WeightsException.class, () -> TorchStateDict.read(file, key -> true));
		assertEquals("cannot load " + file + ": unknown byteorder 'middle'", e.getMessage());
	}

	/**
	 * How torch 0.x under Python 2 pickled: byte-string keys, OrderedDict([[key, value]]),
	 * _rebuild_tensor and storage views (a window of a root storage).
	 */
	@Test
	void python2EraLegacyPickleWithStorageViewIsRead() throws Exception {
		PickleBuilder pickle = new PickleBuilder().proto(2).global("collections", "OrderedDict")
			.mark().emptyList().mark()
			.emptyList().mark().python2String("w").global("torch._utils", "_rebuild_tensor").mark()
			.mark().python2String("storage").global("torch", "FloatStorage").python2String("root").python2String("cpu")
			.integer(8).mark().python2String("view").integer(2).integer(4).tuple().tuple().persistentId()
			.integer(1).ints(1, 3).ints(3, 1).tuple().reduce()
			.appends().appends().tuple().reduce().stop();
		float[] root = { 0, 1, 2, 3, 4, 5, 6, 7 };
		Path file = PthFiles.writeLegacy(dir.resolve("py2.pth"), pickle.bytes(), List.of("root"),
			List.of(PthFiles.floats(root, ByteOrder.LITTLE_ENDIAN)), Float.BYTES, ByteOrder.LITTLE_ENDIAN);

		TorchTensor w = TorchStateDict.read(file, key -> true).get("w");

		assertArrayEquals(new long[] { 1, 3 }, w.shape());
		assertArrayEquals(new float[] { 3, 4, 5 }, w.values());
	}

	/** AlexNet's real file has 233 MB of classifier weights; they must cost no memory. */
	@ParameterizedTest
	@ValueSource(booleans = { true, false })
	void unwantedStoragesAreNeverLoaded(boolean zip) throws Exception {
		Map<String, TestTensor> tensors = new LinkedHashMap<>();
		TestTensor classifier = TestTensor.ramp(1e-7f, 1024, 4096);
		tensors.put("classifier.1.weight", classifier);
		tensors.put("features.0.bias", TestTensor.ramp(0.5f, 64));
		Path file = zip ? PthFiles.writeZipStateDict(dir.resolve("big.pth"), tensors)
			: PthFiles.writeLegacyStateDict(dir.resolve("big.pth"), tensors);
		long classifierBytes = classifier.values.length * (long) Float.BYTES;

		long before = allocatedBytes();
		Map<String, TorchTensor> read = TorchStateDict.read(file, key -> key.startsWith("features."));
		long allocated = allocatedBytes() - before;

		assertEquals(List.of("features.0.bias"), new ArrayList<>(read.keySet()));
		assertArrayEquals(tensors.get("features.0.bias").values, read.get("features.0.bias").values());
		assertTrue(allocated < classifierBytes / 8, "allocated " + allocated + " bytes");
	}

	private static long allocatedBytes() {
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		return threads.getThreadAllocatedBytes(Thread.currentThread().getId());
	}

	/** A state dict {'weight': float32 tensor of {@code shape}} in storage "0". */
	private static byte[] weightOnly(long... shape) {
		TestTensor tensor = TestTensor.ramp(0, shape);
		return new PickleBuilder().proto(2).emptyDict().unicode("weight")
			.tensor("FloatStorage", "0", tensor.values.length, 0, shape, tensor.rowMajorStrides()).setItem().stop()
			.bytes();
	}
}
