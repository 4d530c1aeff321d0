package org.convnetexplorer.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
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
			// A read timeout of an hour: only a stop that does not wait for one ends the child within the wait below
			// (the slow-connection floor, a minute, is beyond it too).
			Process scan = ChildJvm.command(ChildJvm.testClassPath(), List.of(),
				Map.of(WeightsSource.IMAGENET_URL_ENV, server.url(), WeightsDownloader.READ_TIMEOUT_ENV, "3600"),
				"org.convnetexplorer.cli.ConvNetExplorerCli", "scan", "--images",
				Fixtures.require(Fixtures.NATURAL224).toString(), "--output", temp.resolve("out").toString(),
				"--weights", "imagenet", "--cache", cache.toString(), "--device", "cpu").start();
			StringBuffer log = new StringBuffer();
			CountDownLatch downloading = new CountDownLatch(1);
			Thread reader = new Thread(() -> {
				try (BufferedReader lines = new BufferedReader(new InputStreamReader(scan.getInputStream(),
					StandardCharsets.UTF_8))) {
					for (String line; (line = lines.readLine()) != null;) {
						log.append(line).append('\n');
						if (line.startsWith("Downloading: ")) downloading.countDown();
					}
				}
				catch (IOException e) {
					log.append(e).append('\n');
				}
			}, "child-output");
			reader.start();
			try {
				assertTrue(downloading.await(60, TimeUnit.SECONDS), "the download never started:\n" + log);
				scan.toHandle().destroy(); // SIGTERM
				assertTrue(scan.waitFor(20, TimeUnit.SECONDS), "not stopped at once:\n" + log);
				reader.join();
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
