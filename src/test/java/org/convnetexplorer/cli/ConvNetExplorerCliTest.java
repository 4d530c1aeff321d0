package org.convnetexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.convnetexplorer.Fixtures;
import org.junit.jupiter.api.Test;
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
