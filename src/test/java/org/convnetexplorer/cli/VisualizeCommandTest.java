package org.convnetexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.convnetexplorer.render.MontageFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;

/** The visualize command, standalone with the demo network: its files, their slice labels and run.json's section. */
class VisualizeCommandTest {

	@TempDir
	Path temp;

	@Test
	void standaloneRunWritesAStackPerLayerAnOverviewAndTheRecipe() throws Exception {
		StringWriter messages = new StringWriter();
		Path output = temp.resolve("out");
		int code = ConvNetExplorerCli.execute(new PrintWriter(messages, true), "visualize", "--weights", "demo", "--cache",
			temp.resolve("cache").toString(), "--output", output.toString(), "--layers", "conv2,conv1", "--units", "3,1",
			"--steps", "2", "--batch", "2", "--seed", "5", "--objective", "neuron", "--device", "cpu", "--threads", "2");
		assertEquals(0, code, messages.toString());
		ImagePlus stack = MontageFiles.read(output.resolve("conv1-visualization.tif"));
		assertEquals(2, stack.getStackSize());
		assertEquals(224, stack.getWidth());
		assertEquals("conv1 unit 3", stack.getStack().getSliceLabel(1));
		assertEquals("conv1 unit 1", stack.getStack().getSliceLabel(2));
		assertTrue(Files.isRegularFile(output.resolve("conv2-visualization-overview.tif")));
		String json = Files.readString(output.resolve("run.json"));
		assertTrue(json.contains("\"conv1-visualization.tif\": { \"method\": \"lucid\", \"objective\": \"neuron\", " +
			"\"steps\": 2, \"seed\": 5,"), json);
		assertTrue(json.contains("\"conv2-visualization.tif\""), json);
		assertEquals(1, ConvNetExplorerCli.execute(new PrintWriter(messages, true), "visualize", "--weights", "demo",
			"--output", output.toString(), "--units", "0", "--steps", "1"), "a non-empty folder is refused");
	}
}
