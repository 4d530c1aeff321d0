package org.convnetexplorer.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.convnetexplorer.ChildJvm;
import org.convnetexplorer.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM during a stalled download of the ImageNet weights, as a scheduler or Ctrl-C sends it: the CLI, in its own
 * JVM, stops at once (the server would keep the connection open for minutes) and keeps the .part file.
 */
class DownloadSignalTest {

	private static final byte[] CONTENT = DownloadFixtures.randomBytes(3 << 20, 7);

	@TempDir
	Path temp;

	@Test
	@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // reading a pipe ignores interrupts
	void sigtermStopsAStalledDownloadAtOnceAndKeepsThePartFile() throws Exception {
		Path cache = temp.resolve("cache");
		try (LoopbackHttpServer server = new LoopbackHttpServer("/alexnet.pth", CONTENT).stallingAfter(1 << 20)) {
			Process scan = ChildJvm.command(ChildJvm.testClassPath(), List.of(),
				Map.of(WeightsSource.IMAGENET_URL_ENV, server.url()), "org.convnetexplorer.cli.ConvNetExplorerCli",
				"scan", "--images", Fixtures.require(Fixtures.NATURAL224).toString(), "--output",
				temp.resolve("out").toString(), "--weights", "imagenet", "--cache", cache.toString(), "--device", "cpu")
				.start();
			StringBuilder log = new StringBuilder();
			try {
				try (BufferedReader lines = new BufferedReader(new InputStreamReader(scan.getInputStream(),
					StandardCharsets.UTF_8))) {
					boolean signalled = false;
					for (String line; (line = lines.readLine()) != null;) {
						log.append(line).append('\n');
						if (!signalled && line.startsWith("Downloading: ")) {
							scan.toHandle().destroy(); // SIGTERM
							signalled = true;
						}
					}
				}
				// well within the 30 s read timeout that would otherwise end each of the download's attempts
				assertTrue(scan.waitFor(20, TimeUnit.SECONDS), log.toString());
				assertEquals(128 + 15, scan.exitValue(), log.toString());
			}
			finally {
				scan.destroyForcibly();
			}
			assertTrue(log.toString().contains("Stopping: the download stops now"), log.toString());
			assertTrue(log.toString().contains("convnet-explorer: Download of " + server.url() + " stopped; the "),
				log.toString());
		}
		Path part = cache.resolve("alexnet-owt-" + WeightsSource.IMAGENET_SHA256_PREFIX + ".pth.part");
		byte[] kept = Files.readAllBytes(part);
		assertArrayEquals(Arrays.copyOf(CONTENT, kept.length), kept, "the bytes received, for the next run");
	}
}
