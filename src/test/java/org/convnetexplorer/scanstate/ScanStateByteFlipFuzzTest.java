package org.convnetexplorer.scanstate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;

import org.convnetexplorer.Fixtures;
import org.convnetexplorer.network.AlexNet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scan-state.bin is verified before it is trusted: random byte changes (from a fixed seed) and truncations of a real
 * shard's state are all refused, each with a one-line reason naming the file; none is read as another state.
 */
class ScanStateByteFlipFuzzTest {

	private static final AlexNet ALEXNET = new AlexNet(Fixtures.SEED0.toString(), null);

	@TempDir
	static Path temp;
	static Path images;
	static byte[] original;

	@BeforeAll
	static void scanAShard() throws Exception {
		images = Fixtures.repeatedImages(temp.resolve("images"), 12);
		Files.write(images.resolve("00003-broken.png"), new byte[] { 1, 2, 3 });
		Path shard = temp.resolve("shard");
		ClusterFixtures.Cli scan = ClusterFixtures.scan(images, shard, "--shard", "1/2");
		assertEquals(0, scan.exitCode, scan.output);
		original = Files.readAllBytes(shard.resolve(ScanState.FILE_NAME));
		ScanState.read(shard.resolve(ScanState.FILE_NAME), ALEXNET); // the original reads
	}

	@Test
	void everyChangedOrCutStateIsRefusedWithItsReason() {
		Random random = new Random(19);
		assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
			for (int i = 0; i < 400; i++) {
				byte[] bytes = original.clone();
				int changes = 1 + random.nextInt(4);
				for (int c = 0; c < changes; c++)
					bytes[random.nextInt(bytes.length)] ^= (byte) (1 + random.nextInt(255));
				if (i % 10 == 9) bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length));
				Path mutant = Files.write(temp.resolve("mutant-" + i + ".bin"), bytes);
				IOException refused = assertThrows(IOException.class, () -> ScanState.read(mutant, ALEXNET),
					"mutant " + i + " was read as a state");
				String reason = refused.getMessage();
				assertTrue(reason.startsWith(mutant.toString()) && reason.chars().noneMatch(Character::isISOControl),
					reason);
			}
		});
	}

	@Test
	void aResumeOverAChangedCheckpointIsRefusedAndNamesTheReason() throws Exception {
		Path output = temp.resolve("changed");
		ClusterFixtures.Cli stopped = ClusterFixtures.scan(images, output, "--shard", "1/2");
		assertEquals(0, stopped.exitCode, stopped.output);
		Path state = output.resolve(ScanState.FILE_NAME);
		byte[] bytes = Files.readAllBytes(state);
		bytes[bytes.length - 40] ^= 0x40; // in the last table's entries: an activation, a row, a column
		Files.write(state, bytes);
		ClusterFixtures.Cli resumed = ClusterFixtures.scan(images, output, "--shard", "1/2", "--resume");
		assertEquals(1, resumed.exitCode, resumed.output);
		assertTrue(resumed.output.contains(state + " is not a scan state ConvNet Explorer can read: its checksum " +
			"does not match its content (changed or damaged since it was written)"), resumed.output);
	}
}
