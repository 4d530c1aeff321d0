package org.convnetexplorer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Fuzzing by random byte changes from a fixed seed: every mutant must be read or refused with a one-line reason. */
public final class ByteFlips {

	/** Reads a file the way the code under test does; returns normally or throws its refusal. */
	public interface Reader {
		void read(Path file) throws Exception;
	}

	private ByteFlips() {
	}

	/**
	 * Writes {@code count} mutants of each original into {@code dir}, each with up to 8 bytes changed, three in four of
	 * them in the first {@code headBytes} (headers, directories, chunk lengths, pickles).
	 */
	public static List<Path> write(Path dir, Map<String, byte[]> originals, int count, long seed, int headBytes)
		throws Exception
	{
		Random random = new Random(seed);
		List<Path> mutants = new ArrayList<>();
		for (Map.Entry<String, byte[]> original : originals.entrySet()) {
			for (int i = 0; i < count; i++) {
				byte[] bytes = original.getValue().clone();
				int changes = 1 + random.nextInt(8);
				for (int c = 0; c < changes; c++) {
					int position = random.nextInt(4) > 0 ? random.nextInt(Math.min(headBytes, bytes.length))
						: random.nextInt(bytes.length);
					bytes[position] = (byte) random.nextInt(256);
				}
				mutants.add(Files.write(dir.resolve(i + "-" + original.getKey()), bytes));
			}
		}
		return mutants;
	}

	/**
	 * Reads every mutant: each must be read, or refused with a {@code refusal} whose message is one line without
	 * control characters; anything else escaping fails. The time limit is a guard against a hang, not a speed check.
	 * Both outcomes must be common, or the mutants tested little.
	 */
	public static void assertReadOrRefused(List<Path> mutants, Class<? extends Exception> refusal, Reader reader) {
		int[] outcomes = new int[2];
		assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
			for (Path file : mutants) {
				try {
					reader.read(file);
					outcomes[0]++;
				}
				catch (Throwable e) {
					if (!refusal.isInstance(e)) throw new AssertionError(file + " escaped with " + e, e);
					String reason = e.getMessage();
					assertTrue(!reason.isBlank() && reason.chars().noneMatch(Character::isISOControl), file + ": " + reason);
					outcomes[1]++;
				}
			}
		});
		assertEquals(mutants.size(), outcomes[0] + outcomes[1]);
		assertTrue(outcomes[0] > 20 && outcomes[1] > 20, outcomes[0] + " read, " + outcomes[1] + " refused");
	}
}
