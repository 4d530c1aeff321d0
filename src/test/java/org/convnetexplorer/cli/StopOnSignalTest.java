package org.convnetexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.convnetexplorer.ChildJvm;
import org.convnetexplorer.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scan stopped by SIGTERM, as a cluster scheduler stops a job at its time limit, still writes what it scanned: the
 * CLI runs in its own JVM, and gets the signal once it has scanned a batch.
 */
class StopOnSignalTest {

	private static final int IMAGES = 2000;

	@TempDir
	Path temp;

	@Test
	@Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // reading a pipe ignores interrupts
	void sigtermWritesThePartialResults() throws Exception {
		Path images = Fixtures.repeatedImages(temp.resolve("images"), IMAGES);
		Path output = temp.resolve("out");
		Process scan = ChildJvm.command(ChildJvm.testClassPath(), List.of(), Map.of(),
			"org.convnetexplorer.cli.ConvNetExplorerCli", "scan", "--images", images.toString(), "--output",
			output.toString(), "--weights", Fixtures.SEED0.toString(), "--device", "cpu", "--layers", "conv1,conv5").start();
		StringBuilder log = new StringBuilder();
		try {
			try (BufferedReader lines = new BufferedReader(new InputStreamReader(scan.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				boolean signalled = false;
				while ((line = lines.readLine()) != null) {
					log.append(line).append('\n');
					if (!signalled && line.startsWith("Scanned ")) {
						scan.toHandle().destroy(); // SIGTERM, leaving the output stream open (Process.destroy closes it)
						signalled = true;
					}
				}
			}
			assertTrue(scan.waitFor(60, TimeUnit.SECONDS), log.toString());
			assertEquals(128 + 15, scan.exitValue(), "ended by the signal:\n" + log);
		}
		finally {
			scan.destroyForcibly(); // never leave a scanning JVM behind a failed test
		}
		assertTrue(log.toString().contains("Stopping: "), log.toString());
		String report = Files.readString(output.resolve("run.json"));
		assertTrue(report.contains("\"partial\": true"), report);
		Matcher scanned = Pattern.compile("\"images_scanned\": (\\d+)").matcher(report);
		assertTrue(scanned.find(), report);
		int count = Integer.parseInt(scanned.group(1));
		assertTrue(count > 0 && count < IMAGES, report);
		assertTrue(Files.size(output.resolve("conv5.tif")) > 0);
		assertTrue(Files.readAllLines(output.resolve("topk.csv")).size() > 1);
	}
}
