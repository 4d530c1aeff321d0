package org.convnetexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.convnetexplorer.ChildJvm;
import org.convnetexplorer.Fixtures;
import org.convnetexplorer.OtherUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's contract: exit codes and one-line reasons. */
class ConvNetExplorerCliTest {

	@TempDir
	Path temp;

	private final StringWriter messages = new StringWriter();

	private int run(String... args) {
		return ConvNetExplorerCli.execute(new PrintWriter(messages, true), args);
	}

	private String lastLine() {
		String[] lines = messages.toString().trim().split("\n");
		return lines[lines.length - 1];
	}

	@Test
	void scanWritesResultsAndExitsZero() throws Exception {
		Path out = temp.resolve("out");
		int code = run("scan", "--images", Fixtures.NATURAL224.toString(), "--output", out.toString(), "--weights",
			Fixtures.SEED0.toString(), "--layers", "conv2,conv4", "--top", "4", "--units", "0,5,17", "--device", "cpu",
			"--batch", "5");
		assertEquals(0, code, messages.toString());
		assertTrue(Files.exists(out.resolve("conv2.tif")));
		assertTrue(Files.exists(out.resolve("conv4-overview.tif")));
		assertTrue(!Files.exists(out.resolve("conv1.tif")), "only the chosen layers");
		assertTrue(Files.readAllLines(out.resolve("topk.csv")).stream().skip(1).allMatch(l -> l.matches("conv[24],\\d+,[1-4],.*")));
		assertTrue(messages.toString().contains("Scanned 48 of 48 images"), messages.toString());
	}

	@Test
	void helpExitsZero() {
		assertEquals(0, run("scan", "--help"));
		assertTrue(messages.toString().isEmpty(), "help goes to stdout");
	}

	@Test
	void badArgumentsExitTwoWithTheReason() {
		assertEquals(2, run("scan", "--images", "x", "--output", "y", "--layers", "conv9"));
		assertTrue(messages.toString().contains("unknown layer 'conv9'"), messages.toString());
		assertEquals(2, run("scan", "--output", "y"));
		assertTrue(messages.toString().contains("--images"), messages.toString());
		assertEquals(2, run());
		assertEquals(2, run("scan", "--images", "x", "--output", "y", "--top", "0"));
		assertTrue(messages.toString().contains("top must be at least 1"), messages.toString());
		assertEquals(2, run("scan", "--images", "x", "--output", "y", "--cell", "-5"));
		assertEquals(2, run("bench-network", "--batch", "0"));
	}

	@Test
	void optionsOutOfBoundsExitTwoBeforeAnyWork() throws Exception {
		Path out = temp.resolve("never-created");
		String images = Fixtures.NATURAL224.toString();
		assertEquals(2, run("scan", "--images", images, "--output", out.toString(), "--cell", "100000"));
		assertTrue(messages.toString().contains("top 9 with cell 100000 makes montages of more than 9 EB"), messages.toString());
		assertEquals(2, run("scan", "--images", images, "--output", out.toString(), "--units", "1000"));
		assertTrue(messages.toString().contains("units: conv1 has units 0..63, not 1000"), messages.toString());
		assertEquals(2, run("scan", "--images", images, "--output", out.toString(), "--units", "-1"));
		assertTrue(messages.toString().contains("units: conv1 has units 0..63, not -1"), messages.toString());
		assertEquals(2, run("deconv", "--output", out.toString(), "--batch", "0"));
		assertTrue(messages.toString().contains("batch must be at least 1"), messages.toString());
		assertFalse(Files.exists(out), "nothing written that would block a rerun");
	}

	@Test
	@Timeout(300)
	void optionsBeyondTheHeapExitTwoBeforeAnyWork() throws Exception {
		// in a JVM of a known heap (ChildJvm's 2 GB), as the launcher runs it; the montages themselves go to disk, but
		// cells of 2,000 px make pictures of 1.3 GB that are composed on the heap
		Path out = temp.resolve("never-created");
		for (String[] option : new String[][] { { "--cell", "2000" }, { "--batch", "5000" }, { "--decoders", "1000" } }) {
			ChildJvm scan = ChildJvm.run(ChildJvm.testClassPath(), List.of(), Map.of(), 120, temp.resolve("log"),
				ConvNetExplorerCli.class.getName(), "scan", "--images", Fixtures.NATURAL224.toString(), "--output",
				out.toString(), option[0], option[1]);
			assertEquals(2, scan.exitCode, scan.output);
			assertTrue(scan.output.contains(option[0].substring(2) + " " + option[1]) &&
				scan.output.contains("Java heap"), scan.output);
		}
		assertFalse(Files.exists(out), "nothing written that would block a rerun");
	}

	@Test
	void aFolderNamedLikeAResultIsRefusedInOneLineNamingIt() throws Exception {
		Path out = Files.createDirectories(temp.resolve("out"));
		Files.createDirectories(out.resolve("topk.csv").resolve("inside"));
		assertEquals(1, run("scan", "--images", Fixtures.NATURAL224.toString(), "--output", out.toString(), "--weights",
			Fixtures.SEED0.toString(), "--overwrite"));
		assertEquals("convnet-explorer: a folder " + out.resolve("topk.csv") + " is in the way of a result of the same " +
			"name, and no run of ConvNet Explorer wrote it: it is left alone; move it, or choose another output folder",
			lastLine());
		assertTrue(Files.isDirectory(out.resolve("topk.csv").resolve("inside")));
	}

	@Test
	void deconvOfAFolderWithoutTopkCsvSaysSoInOneLine() throws Exception {
		Path run = Files.createDirectories(temp.resolve("run"));
		Files.writeString(run.resolve("run.json"), "{\n  \"images\": \"" + Fixtures.NATURAL224 + "\",\n  \"top\": 9\n}\n");
		assertEquals(1, run("deconv", "--output", run.toString()));
		assertEquals("convnet-explorer: no topk.csv in " + run + ": not the output folder of a finished scan",
			lastLine());
	}

	@Test
	void unreadableImagesFolderFailsWithOneLineNamingTheReason() throws Exception {
		Path images = Files.createDirectories(temp.resolve("locked"));
		assertOneLineWithPermissions(images, "---------", "cannot read images folder " + images + " (permission denied)",
			"--images", images.toString(), "--output", temp.resolve("o").toString());
	}

	@Test
	void unwritableOutputFolderNamesTheFolderAndTheReason() throws Exception {
		Path out = Files.createDirectories(temp.resolve("read-only"));
		// The images in the test's folder: the clone's own may lie where the other user cannot enter.
		Path images = Files.createDirectories(temp.resolve("images"));
		try (var fixtures = Files.list(Fixtures.NATURAL224)) {
			Path first = fixtures.sorted().findFirst().orElseThrow();
			Files.copy(first, images.resolve(first.getFileName()));
		}
		assertOneLineWithPermissions(out, "r-x------", "cannot write to output folder " + out + " (permission denied)",
			"--images", images.toString(), "--output", out.toString());
	}

	/**
	 * A scan, in a child JVM as a user who is not root (root reads and writes anything), with the folder's permissions
	 * so for its owner, that user.
	 */
	private void assertOneLineWithPermissions(Path folder, String permissions, String message, String... scanArgs)
		throws Exception
	{
		try (OtherUser user = OtherUser.in(temp)) {
			user.own(folder);
			Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString(permissions));
			Path weights = temp.resolve(Fixtures.SEED0.getFileName());
			if (!Files.exists(weights)) Files.copy(Fixtures.SEED0, weights);
			List<String> args = new ArrayList<>(List.of("scan", "--weights", weights.toString()));
			args.addAll(List.of(scanArgs));
			ChildJvm scan = ChildJvm.run(user.command(List.of(), Map.of(), ConvNetExplorerCli.class.getName(),
				args.toArray(new String[0])), 120, temp.resolve("scan.log"));
			assertEquals(1, scan.exitCode, scan.output);
			assertEquals("convnet-explorer: " + message, scan.output.trim(), scan.output);
		}
		finally {
			Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
		}
	}

	@Test
	@Timeout(120)
	void showWithADisplayItCannotReachSaysSoInOneLine() throws Exception {
		ChildJvm show = ChildJvm.run(ChildJvm.testClassPath(), List.of(), Map.of("DISPLAY", ":9371"), 60,
			temp.resolve("log"), ConvNetExplorerCli.class.getName(), "show", temp.toString());
		assertEquals(1, show.exitCode, show.output);
		assertEquals("convnet-explorer: cannot open the display :9371 (Can't connect to X11 window server using " +
			"':9371' as the value of the DISPLAY variable.)", show.output.trim());
	}

	@Test
	void missingWeightsFileFailsWithOneLineNamingIt() {
		Path missing = temp.resolve("nope.pth");
		assertEquals(1, run("scan", "--images", Fixtures.NATURAL224.toString(), "--output", temp.resolve("o").toString(),
			"--weights", missing.toString()));
		assertTrue(lastLine().startsWith("convnet-explorer: ") && lastLine().contains(missing.toString()), lastLine());
	}

	@Test
	void badWeightsFileFailsWithOneLine() throws Exception {
		Path bad = Files.writeString(temp.resolve("bad.pth"), "this is not a state dict");
		assertEquals(1, run("scan", "--images", Fixtures.NATURAL224.toString(), "--output", temp.resolve("o").toString(),
			"--weights", bad.toString()));
		assertTrue(lastLine().contains("bad.pth"), lastLine());
	}

	@Test
	void unwritableOutputFailsWithOneLine() throws Exception {
		Path file = Files.writeString(temp.resolve("a-file"), "x");
		assertEquals(1, run("scan", "--images", Fixtures.NATURAL224.toString(), "--output", file.resolve("sub").toString(),
			"--weights", Fixtures.SEED0.toString()));
		assertTrue(lastLine().contains("cannot write to output folder"), lastLine());
	}

	@Test
	void nonEmptyOutputIsRefusedWithoutOverwrite() throws Exception {
		Path out = Files.createDirectories(temp.resolve("out"));
		Files.writeString(out.resolve("keep.txt"), "mine");
		assertEquals(1, run("scan", "--images", Fixtures.NATURAL224.toString(), "--output", out.toString(), "--weights",
			Fixtures.SEED0.toString()));
		assertTrue(lastLine().contains("--overwrite"), lastLine());
	}

	@Test
	void folderWithoutImagesFails() throws Exception {
		Path empty = Files.createDirectories(temp.resolve("empty"));
		assertEquals(1, run("scan", "--images", empty.toString(), "--output", temp.resolve("o").toString(), "--weights",
			Fixtures.SEED0.toString()));
		assertTrue(lastLine().contains("no files in"), lastLine());
	}
}
