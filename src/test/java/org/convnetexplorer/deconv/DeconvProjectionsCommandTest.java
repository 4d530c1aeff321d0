package org.convnetexplorer.deconv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.convnetexplorer.Fixtures;
import org.convnetexplorer.cli.ConvNetExplorerCli;
import org.convnetexplorer.fiji.DeconvProjectionsCommand;
import org.convnetexplorer.render.MontageFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandService;

import ij.ImagePlus;

/** The Fiji command, run through SciJava's CommandService as Fiji's --run and macros run it, against the CLI. */
class DeconvProjectionsCommandTest {

	@TempDir
	Path temp;

	private final Context context = new Context();

	@AfterEach
	void dispose() {
		context.dispose();
	}

	private static void cli(String... args) {
		StringWriter messages = new StringWriter();
		assertEquals(0, ConvNetExplorerCli.execute(new PrintWriter(messages, true), args), messages.toString());
	}

	@Test
	@Timeout(300)
	void commandWritesWhatTheCliWrites() throws Exception {
		Path run = temp.resolve("run");
		cli("scan", "--images", Fixtures.require(Fixtures.NATURAL224).toString(), "--output", run.toString(),
			"--weights", Fixtures.require(Fixtures.SEED0).toString(), "--layers", "conv1,conv2", "--top", "2",
			"--device", "cpu", "--threads", "2");
		cli("deconv", "--output", run.toString(), "--layers", "conv1", "--device", "cpu", "--threads", "2");
		ImagePlus fromCli = MontageFiles.read(run.resolve("conv1-deconv.tif"));

		context.service(CommandService.class).run(DeconvProjectionsCommand.class, true, Map.of("output", run.toFile(),
			"layers", "conv1", "device", "cpu", "batch", 32, "cell", 0)).get();
		ImagePlus fromFiji = MontageFiles.read(run.resolve("conv1-deconv.tif"));
		assertEquals(64, fromFiji.getStackSize());
		for (int slice = 1; slice <= 64; slice++)
			assertArrayEquals((int[]) fromCli.getStack().getPixels(slice), (int[]) fromFiji.getStack().getPixels(slice),
				"slice " + slice);
	}

	@Test
	void aFolderThatIsNoRunFails() {
		ExecutionException failure = assertThrows(ExecutionException.class, () -> context.service(CommandService.class)
			.run(DeconvProjectionsCommand.class, true, Map.of("output", temp.toFile(), "layers", "", "device", "cpu",
				"batch", 32, "cell", 0)).get());
		Throwable cause = failure;
		while (cause.getCause() != null && !String.valueOf(cause.getMessage()).contains("holds no run.json"))
			cause = cause.getCause();
		assertTrue(String.valueOf(cause.getMessage()).contains("holds no run.json"), String.valueOf(failure));
	}
}
