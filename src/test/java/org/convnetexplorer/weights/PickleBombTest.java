package org.convnetexplorer.weights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Small pickles that stand for endless work or memory: each is refused with a one-line reason at once, in whichever
 * pickle of a file it sits. The time limit only keeps a hang (as before the bounds) from stalling the suite.
 */
class PickleBombTest {

	private static final Duration HANG_GUARD = Duration.ofSeconds(60);

	@TempDir
	Path dir;

	/** A list holding the list below it twice, through the memo, {@code levels} times: 2^levels values as a tree. */
	static PickleBuilder doublingLists(int levels) {
		PickleBuilder pickle = new PickleBuilder().emptyList().op('q', 0);
		for (int level = 1; level <= levels; level++)
			pickle.emptyList().mark().op('h', level - 1, 'h', level - 1).appends().op('q', level);
		return pickle;
	}

	/** {@code levels} lists, each appended into the one below it. */
	static PickleBuilder nestedLists(int levels) {
		PickleBuilder pickle = new PickleBuilder();
		for (int i = 0; i < levels; i++) pickle.emptyList();
		for (int i = 1; i < levels; i++) pickle.op('a');
		return pickle;
	}

	static Stream<Arguments> bombs() {
		return Stream.of(
			Arguments.of("a list nested 60 times through the memo", doublingLists(60),
				"a list holds more than 1048576 values, counting those it shares through the memo each time (a pickle bomb?)"),
			Arguments.of("300,000 nested lists", nestedLists(300_000), "it nests values more than 100 levels deep"),
			Arguments.of("a list inside itself", new PickleBuilder().emptyList().op('q', 0, 'h', 0, 'a'),
				"it changes a list after putting it inside another value"),
			Arguments.of("two million Nones", new PickleBuilder().raw("N".repeat(2_000_000).getBytes()),
				"it has more than 1048576 opcodes, far more than a state dict's pickle"),
			Arguments.of("a 2 MB string", new PickleBuilder().unicode("x".repeat(2 << 20)),
				"a string of 2097152 bytes, longer than any a state dict holds (1048576)"));
	}

	@ParameterizedTest(name = "{0} as the state dict")
	@MethodSource("bombs")
	void aBombAsTheStateDictIsRefused(String name, PickleBuilder bomb, String problem) throws Exception {
		for (TorchStateDictHostileTest.Container container : TorchStateDictHostileTest.Container.values()) {
			Path file = container.write(dir.resolve(container + ".pth"), statePickle(bomb));
			assertRefused(file, problem);
		}
	}

	@ParameterizedTest(name = "{0} as the legacy format's version")
	@MethodSource("bombs")
	void aBombAsTheLegacyVersionIsRefused(String name, PickleBuilder bomb, String problem) throws Exception {
		Path file = dir.resolve("version.pth");
		try (OutputStream out = Files.newOutputStream(file)) {
			out.write(new PickleBuilder().proto(2).long1(PthFiles.LEGACY_MAGIC_NUMBER).stop().bytes());
			out.write(statePickle(bomb));
		}
		assertRefused(file, problem);
	}

	@Test
	void aVersionThatIsABigStructureIsNamedByItsType() throws Exception {
		// below the bounds, 2^19 values as a tree: its text would be megabytes, and is not needed
		Path file = dir.resolve("version.pth");
		try (OutputStream out = Files.newOutputStream(file)) {
			out.write(new PickleBuilder().proto(2).long1(PthFiles.LEGACY_MAGIC_NUMBER).stop().bytes());
			out.write(statePickle(doublingLists(18)));
		}
		assertRefused(file, "legacy format version a list is unknown; torch writes 1001");
	}

	@Test
	void aStorageKeyListOfSharedListsIsRefusedWithoutHashingThem() throws Exception {
		// a list holding a list nested 18 times through the memo: hashing it as a key would walk 2^19 values
		Path file = writeLegacyWithStorageKeys(doublingLists(18).emptyList().op('h', 18, 'a').bytes());
		assertRefused(file, "its list of storages holds a list, not a key");
	}

	@ParameterizedTest(name = "{0} as the list of storage keys")
	@MethodSource("bombs")
	void aBombAsTheStorageKeysIsRefused(String name, PickleBuilder bomb, String problem) throws Exception {
		assertRefused(writeLegacyWithStorageKeys(bomb.bytes()), problem);
	}

	/** A legacy file with one wanted tensor, whose storage-key list is {@code keysPickle} (without PROTO and STOP). */
	private Path writeLegacyWithStorageKeys(byte[] keysPickle) throws IOException {
		byte[] state = new PickleBuilder().proto(2).emptyDict().unicode("t")
			.tensor("FloatStorage", "0", 1, 0, new long[] { 1 }, new long[] { 1 }).setItem().stop().bytes();
		Path file = dir.resolve("keys.pth");
		PthFiles.writeLegacy(file, state, List.of(), List.of(), Float.BYTES, ByteOrder.LITTLE_ENDIAN);
		byte[] written = Files.readAllBytes(file);
		// writeLegacy ends with an empty key list: PROTO 2, EMPTY_LIST, MARK, APPENDS, STOP
		byte[] head = java.util.Arrays.copyOf(written, written.length - 6);
		try (OutputStream out = Files.newOutputStream(file)) {
			out.write(head);
			out.write(statePickle(new PickleBuilder().raw(keysPickle)));
		}
		return file;
	}

	private static byte[] statePickle(PickleBuilder body) {
		return new PickleBuilder().proto(2).raw(body.bytes()).stop().bytes();
	}

	private static void assertRefused(Path file, String problem) {
		WeightsException e = assertTimeoutPreemptively(HANG_GUARD,
			() -> assertThrows(WeightsException.class, () -> TorchStateDict.read(file, key -> true)));
		assertTrue(e.getMessage().startsWith("cannot load " + file + ": "), e.getMessage());
		assertTrue(e.getMessage().endsWith(problem), e.getMessage());
		assertEquals(1, e.getMessage().lines().count());
	}

	@Test
	void aRealStateDictIsFarBelowTheBounds() throws Exception {
		Path file = PthFiles.writeLegacyStateDict(dir.resolve("alexnet.pth"), PthFiles.alexNetFeatures());
		assertEquals(10, TorchStateDict.read(file, key -> true).size());
	}
}
