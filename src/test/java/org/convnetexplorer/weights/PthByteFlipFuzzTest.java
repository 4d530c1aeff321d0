package org.convnetexplorer.weights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random byte changes, from a fixed seed, to torch-written .pth files of both formats (a few kilobytes: pickles and
 * zip headers make up most of them): every mutant is read or refused with a one-line reason, and nothing else escapes.
 * The time limit is a guard against a hang, not a speed check.
 */
class PthByteFlipFuzzTest {

	private static final long SEED = 13;
	private static final int MUTANTS_PER_FILE = 80;
	private static final List<String> ORIGINALS = List.of("dtypes-legacy.pth", "views-legacy.pth", "dtypes-protocol4.pth",
		"views.pth");

	@TempDir
	Path dir;

	@Test
	void everyMutantIsReadOrRefusedWithAReason() throws Exception {
		Random random = new Random(SEED);
		int[] outcomes = new int[2];
		for (String name : ORIGINALS) {
			byte[] original = Files.readAllBytes(Fixtures.resource(name));
			for (int i = 0; i < MUTANTS_PER_FILE; i++) {
				Path file = Files.write(dir.resolve(i + "-" + name), mutate(original, random));
				assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
					try {
						TorchStateDict.read(file, key -> true);
						outcomes[0]++;
					}
					catch (WeightsException e) {
						assertTrue(e.getMessage().startsWith("cannot load " + file + ": ") ||
							e.getMessage().startsWith("refusing to load " + file + ": "), e.getMessage());
						assertTrue(e.getMessage().chars().noneMatch(Character::isISOControl), e.getMessage());
						assertEquals(1, e.getMessage().lines().count(), e.getMessage());
						outcomes[1]++;
					}
					catch (Throwable e) {
						throw new AssertionError(file + " escaped the loader with " + e, e);
					}
				});
			}
		}
		assertEquals(ORIGINALS.size() * MUTANTS_PER_FILE, outcomes[0] + outcomes[1]);
		assertTrue(outcomes[0] > 20 && outcomes[1] > 20, outcomes[0] + " read, " + outcomes[1] + " refused");
	}

	/** Up to 8 bytes changed anywhere. */
	private static byte[] mutate(byte[] original, Random random) {
		byte[] bytes = original.clone();
		int changes = 1 + random.nextInt(8);
		for (int i = 0; i < changes; i++)
			bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
		return bytes;
	}
}
