package org.convnetexplorer.weights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Files built to do harm or by mistake: each is refused with a message, and nothing in them runs. */
class TorchStateDictHostileTest {

	@TempDir
	Path dir;

	enum Container {
		ZIP, LEGACY;

		Path write(Path file, byte[] statePickle) throws IOException {
			if (this == ZIP) return PthFiles.writeZip(file, "archive", statePickle, Map.of());
			return PthFiles.writeLegacy(file, statePickle, List.of(), List.of(), Float.BYTES, ByteOrder.LITTLE_ENDIAN);
		}
	}

	@ParameterizedTest
	@CsvSource({ "os,system", "posix,system", "nt,system", "builtins,eval", "builtins,exec", "__builtin__,getattr",
		"subprocess,Popen", "torch.storage,_load_from_bytes", "torch,load", "pickle,loads", "collections,deque" })
	void globalsAStateDictNeverNamesAreRefused(String module, String name) throws Exception {
		Path marker = dir.resolve("marker");
		byte[] payload = new PickleBuilder().proto(2).global(module, name).unicode("touch " + marker).op(0x85).reduce()
			.stop().bytes();
		for (Container container : Container.values()) {
			Path file = container.write(dir.resolve(container + ".pth"), payload);

			WeightsException e = assertThrows(WeightsException.class, () -> TorchStateDict.read(file, key -> true));

			assertEquals("refusing to load " + file + ": it references " + module + "." + name +
				", which a state dict never contains", e.getMessage());
		}
		assertFalse(Files.exists(marker));
	}

	@ParameterizedTest
	@EnumSource(Container.class)
	void stackGlobalOfBuiltinsEvalIsRefused(Container container) throws Exception {
		Path marker = dir.resolve("marker");
		byte[] payload = new PickleBuilder().proto(4).stackGlobal("builtins", "eval")
			.shortUnicode("open('" + marker + "', 'w')").op(0x85).reduce().stop().bytes();
		Path file = container.write(dir.resolve("eval.pth"), payload);

		WeightsException e = assertThrows(WeightsException.class, () -> TorchStateDict.read(file, key -> true));

		assertTrue(e.getMessage().startsWith("refusing to load " + file + ": it references builtins.eval"));
		assertFalse(Files.exists(marker));
	}

	@ParameterizedTest
	@EnumSource(Container.class)
	void payloadUnderAnUnwantedKeyIsRefusedToo(Container container) throws Exception {
		Path marker = dir.resolve("marker");
		byte[] payload = new PickleBuilder().proto(2).emptyDict().mark()
			.unicode("features.0.bias").tensor("FloatStorage", "0", 1, 0, new long[] { 1 }, new long[] { 1 })
			.unicode("classifier.1.weight").global("os", "system").unicode("touch " + marker).op(0x85).reduce()
			.setItems().stop().bytes();
		Path file = container.write(dir.resolve("hidden.pth"), payload);

		WeightsException e = assertThrows(WeightsException.class,
			() -> TorchStateDict.read(file, key -> key.equals("features.0.bias")));

		assertTrue(e.getMessage().startsWith("refusing to load " + file + ": it references os.system"));
		assertFalse(Files.exists(marker));
	}

	static Stream<Arguments> malformedPickles() {
		long[] one = { 1 };
		return Stream.of(
			Arguments.of("NEWOBJ", new PickleBuilder().proto(2).global("collections", "OrderedDict").emptyTuple()
				.op(0x81), "opcode 0x81 is not one a state dict uses"),
			Arguments.of("INST", new PickleBuilder().proto(2).op('i'), "opcode 0x69 is not one a state dict uses"),
			Arguments.of("4 GB string", new PickleBuilder().proto(2).op('X', 0xf0, 0xff, 0xff, 0xff),
				"archive/data.pkl declares 4294967280 bytes at offset 7, but only 0 bytes are left (truncated or corrupt file?)"),
			Arguments.of("string of 2^63 bytes", new PickleBuilder().proto(4).op(0x8d, 0, 0, 0, 0, 0, 0, 0, 0x80),
				"archive/data.pkl declares -9223372036854775808 bytes at offset 11, but only 0 bytes are left (truncated or corrupt file?)"),
			Arguments.of("negative Python 2 string", new PickleBuilder().proto(2).op('T', 0xff, 0xff, 0xff, 0xff),
				"archive/data.pkl declares -1 bytes at offset 7, but only 0 bytes are left (truncated or corrupt file?)"),
			Arguments.of("no STOP", new PickleBuilder().proto(2).emptyDict(),
				"archive/data.pkl ends after 3 of its 3 bytes (truncated file?)"),
			Arguments.of("unknown protocol", new PickleBuilder().proto(9), "pickle protocol 9 is unknown"),
			Arguments.of("empty stack", new PickleBuilder().proto(2).stop(), "more items off the stack than it put on"),
			Arguments.of("pop below mark", new PickleBuilder().proto(2).emptyDict().mark().stop(),
				"more items off the stack than it put on"),
			Arguments.of("no mark", new PickleBuilder().proto(2).emptyDict().setItems(), "MARK that was never opened"),
			Arguments.of("unwritten memo", new PickleBuilder().proto(2).op('j', 1, 0, 0, 0),
				"memo slot 1, which was never written"),
			Arguments.of("append to tuple", new PickleBuilder().proto(2).emptyTuple().none().op('a'),
				"the target of APPEND is a tuple"),
			Arguments.of("list as key", new PickleBuilder().proto(2).emptyDict().emptyList().none().setItem(),
				"a dict key is a list"),
			Arguments.of("endless global name", new PickleBuilder().proto(2).op('c').raw(new byte[300]),
				"a global's name is too long"),
			Arguments.of("call a storage type", new PickleBuilder().proto(2).global("torch", "FloatStorage")
				.emptyTuple().reduce(), "it calls a torch.FloatStorage, which a state dict never does"),
			Arguments.of("call a str", new PickleBuilder().proto(2).unicode("os.system").emptyTuple().reduce(),
				"it calls a str, which a state dict never does"),
			Arguments.of("persistent id of a str", new PickleBuilder().proto(2).unicode("x").persistentId(),
				"a persistent id is a str"),
			Arguments.of("tensor past its storage", stateDict(new PickleBuilder()
				.tensor("FloatStorage", "0", 4, 0, new long[] { 5 }, one)), "reaches past the end of storage 0 of 4 elements"),
			Arguments.of("tensor offset past its storage", stateDict(new PickleBuilder()
				.tensor("FloatStorage", "0", 4, 4, one, one)), "reaches past the end of storage 0 of 4 elements"),
			Arguments.of("negative stride", stateDict(new PickleBuilder()
				.tensor("FloatStorage", "0", 4, 3, new long[] { 2 }, new long[] { -1 })),
				"a tensor's stride is -1 instead of a non-negative int"),
			Arguments.of("size overflow", stateDict(new PickleBuilder().tensor("FloatStorage", "0", 4, 0,
				new long[] { 1L << 40, 1L << 40 }, new long[] { 0, 0 })), "a tensor's size overflows"),
			Arguments.of("size and stride disagree", stateDict(new PickleBuilder()
				.tensor("FloatStorage", "0", 4, 0, new long[] { 2, 2 }, one)), "a tensor has 2 sizes but 1 strides"),
			Arguments.of("one key, two sizes", new PickleBuilder().proto(2)
				.storageReference("FloatStorage", "0", 4).storageReference("FloatStorage", "0", 400),
				"storage 0 is declared twice with different types or sizes"),
			Arguments.of("too few arguments", new PickleBuilder().proto(2).global("torch._utils", "_rebuild_tensor_v2")
				.mark().integer(1).integer(2).tuple().reduce(), "torch._utils._rebuild_tensor_v2 gets 2 arguments"),
			Arguments.of("BUILD on a str", new PickleBuilder().proto(2).unicode("x").emptyDict().op('b'),
				"it sets the state of a str"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("malformedPickles")
	void malformedPicklesAreRejected(String name, PickleBuilder pickle, String problem) throws Exception {
		Path file = Container.ZIP.write(dir.resolve("malformed.pth"), pickle.bytes());

		WeightsException e = assertThrows(WeightsException.class, () -> TorchStateDict.read(file, key -> true));

		assertTrue(e.getMessage().startsWith("cannot load " + file + ": "), e.getMessage());
		assertTrue(e.getMessage().endsWith(problem), e.getMessage());
	}

	@Test
	void legacyStorageLongerThanTheFileIsRejectedBeforeAllocating() throws Exception {
		long hugeCount = 1L << 33;
		byte[] pickle = stateDict(new PickleBuilder().tensor("FloatStorage", "0", hugeCount, 0, new long[] { 4 },
			new long[] { 1 })).bytes();
		Path file = dir.resolve("huge.pth");
		PthFiles.writeLegacy(file, pickle, List.of("0"), List.of(), Float.BYTES, ByteOrder.LITTLE_ENDIAN);
		try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.APPEND)) {
			out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(hugeCount).array());
			out.write(new byte[16]);
		}

		WeightsException e = assertThrows(WeightsException.class, () -> TorchStateDict.read(file, key -> true));

		assertEquals("cannot load " + file + ": storage 0 of 34359738368 bytes goes past the end of the file " +
			"(truncated file?)", e.getMessage());
	}

	@ParameterizedTest
	@EnumSource(Container.class)
	void tensorLargerThanAJavaArrayIsRejected(Container container) throws Exception {
		long numel = 1L << 31;
		byte[] pickle = stateDict(new PickleBuilder().tensor("FloatStorage", "0", numel, 0, new long[] { numel },
			new long[] { 1 })).bytes();
		Path file = container.write(dir.resolve("huge.pth"), pickle);

		WeightsException e = assertThrows(WeightsException.class, () -> TorchStateDict.read(file, key -> true));

		assertEquals("cannot load " + file + ": t has 2147483648 elements, more than one Java array can hold",
			e.getMessage());
	}

	@Test
	void zipStorageEntryShorterThanDeclaredIsRejected() throws Exception {
		byte[] pickle = stateDict(new PickleBuilder().tensor("FloatStorage", "0", 4, 0, new long[] { 4 },
			new long[] { 1 })).bytes();
		Path file = PthFiles.writeZip(dir.resolve("short.pth"), "archive", pickle, Map.of("0", new byte[8]));

		WeightsException e = assertThrows(WeightsException.class, () -> TorchStateDict.read(file, key -> true));

		assertEquals("cannot load " + file + ": archive/data/0 holds 8 bytes, fewer than the 4 elements of " +
			"torch.FloatStorage its pickle declares", e.getMessage());
	}

	@Test
	void zipWithoutTheStorageEntryIsRejected() throws Exception {
		byte[] pickle = stateDict(new PickleBuilder().tensor("FloatStorage", "0", 4, 0, new long[] { 4 },
			new long[] { 1 })).bytes();
		Path file = PthFiles.writeZip(dir.resolve("missing.pth"), "archive", pickle, Map.of());

		WeightsException e = assertThrows(WeightsException.class, () -> TorchStateDict.read(file, key -> true));

		assertEquals("cannot load " + file + ": the zip archive has no entry archive/data/0", e.getMessage());
	}

	/** A 2 GB data.pkl in a 200-byte file must not get a 2 GB buffer. */
	@Test
	void zipEntryDeclaringMoreThanTheFileIsRejected() throws Exception {
		Path file = PthFiles.writeZip(dir.resolve("liar.pth"), "archive",
			new PickleBuilder().proto(2).op('X', 0xf0, 0xff, 0xff, 0x7f).stop().bytes(), Map.of());
		byte[] bytes = Files.readAllBytes(file);
		ByteBuffer zip = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
		int centralHeader = 0;
		while (zip.getInt(centralHeader) != 0x02014b50) centralHeader++;
		zip.putInt(centralHeader + 20, 0x7ffffff0).putInt(centralHeader + 24, 0x7ffffff0);
		Files.write(file, bytes);

		WeightsException e = assertThrows(WeightsException.class, () -> TorchStateDict.read(file, key -> true));

		assertEquals("cannot load " + file + ": entry archive/data.pkl declares 2147483632 bytes, more than the " +
			"whole file of " + bytes.length + " bytes", e.getMessage());
	}

	@Test
	void compressedZipEntryIsRejected() throws Exception {
		Map<String, byte[]> entries = new LinkedHashMap<>();
		entries.put("archive/data.pkl", new PickleBuilder().proto(2).emptyDict().stop().bytes());
		Path file = PthFiles.writeZipEntries(dir.resolve("deflated.pth"), entries, ZipEntry.DEFLATED);

		WeightsException e = assertThrows(WeightsException.class, () -> TorchStateDict.read(file, key -> true));

		assertEquals("cannot load " + file + ": entry archive/data.pkl is compressed, which torch.save never does",
			e.getMessage());
	}

	static Stream<Arguments> truncations() {
		return Stream.of(Fixtures.SEED0_ZIP, Fixtures.SEED1_LEGACY).flatMap(fixture -> Stream.of(1L, 2L, 15L, 200L,
			1200L, 1400L, 5_000_000L, -1L).map(length -> Arguments.of(fixture, length)));
	}

	/** The first {@code length} bytes of a weights fixture (all but one if negative) must fail fast. */
	@ParameterizedTest
	@MethodSource("truncations")
	void truncatedFilesFailInsteadOfHanging(String fixture, long length) throws Exception {
		Path original = Fixtures.weights(fixture);
		long keep = length < 0 ? Files.size(original) + length : length;
		Path file = dir.resolve("truncated.pth");
		try (InputStream in = Files.newInputStream(original)) {
			Files.write(file, in.readNBytes((int) keep));
		}

		WeightsException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
			() -> assertThrows(WeightsException.class, () -> TorchStateDict.read(file, key -> true)));

		assertTrue(e.getMessage().startsWith("cannot load " + file + ": "), e.getMessage());
	}

	@Test
	void filesThatAreNoCheckpointAreRejected() throws Exception {
		Path text = Files.writeString(dir.resolve("notes.pth"), "just some notes\n");
		assertRejected(text, "it is neither a zip archive nor a pickle, so not a PyTorch checkpoint");

		Path empty = Files.write(dir.resolve("empty.pth"), new byte[0]);
		assertRejected(empty, "the file is empty");

		assertRejected(dir.resolve("absent.pth"), "no such file");

		Path listPickle = Files.write(dir.resolve("list.pkl"),
			new PickleBuilder().proto(2).emptyList().mark().integer(1).integer(2).appends().stop().bytes());
		assertRejected(listPickle, "it is a pickle without torch's magic number, so not a PyTorch checkpoint");

		Path listInZip = Container.ZIP.write(dir.resolve("list.pth"),
			new PickleBuilder().proto(2).emptyList().stop().bytes());
		assertRejected(listInZip, "it holds a list, not a state dict");

		Path listInLegacy = Container.LEGACY.write(dir.resolve("legacy-list.pth"),
			new PickleBuilder().proto(2).emptyList().stop().bytes());
		assertRejected(listInLegacy, "it holds a list, not a state dict");

		Path otherZip = PthFiles.writeZipEntries(dir.resolve("other.zip"),
			Map.of("readme.txt", "hello".getBytes(StandardCharsets.US_ASCII)), ZipEntry.STORED);
		assertRejected(otherZip, "a zip archive without <name>/data.pkl is not a PyTorch checkpoint");

		Path brokenZip = Files.writeString(dir.resolve("broken.pth"), "PK but nothing else");
		assertTrue(assertThrows(WeightsException.class, () -> TorchStateDict.read(brokenZip, key -> true))
			.getMessage().startsWith("cannot load " + brokenZip + ": not a readable zip archive"));
	}

	@Test
	void unsupportedStorageTypeIsNamed() throws Exception {
		Path file = Container.ZIP.write(dir.resolve("quantized.pth"), stateDict(new PickleBuilder()
			.tensor("QInt8Storage", "0", 1, 0, new long[] { 1 }, new long[] { 1 })).bytes());

		assertRejected(file, "it holds a torch.QInt8Storage, a storage type this loader does not read");
	}

	@Test
	void wantedKeyThatHoldsNoTensorIsRejected() throws Exception {
		Path file = Container.ZIP.write(dir.resolve("int.pth"),
			new PickleBuilder().proto(2).emptyDict().unicode("features.0.weight").integer(3).setItem().stop().bytes());

		assertRejected(file, "features.0.weight holds a int, not a tensor");
		assertEquals(Map.of(), TorchStateDict.read(file, key -> false));
	}

	private static void assertRejected(Path file, String reason) {
		WeightsException e = assertThrows(WeightsException.class, () -> TorchStateDict.read(file, key -> true));
		assertEquals("cannot load " + file + ": " + reason, e.getMessage());
		assertEquals(file, e.file());
	}

	/** {'t': what {@code tensor} pickled}, a complete pickle. */
	private static PickleBuilder stateDict(PickleBuilder tensor) {
		return new PickleBuilder().proto(2).emptyDict().unicode("t").raw(tensor.bytes()).setItem().stop();
	}
}
