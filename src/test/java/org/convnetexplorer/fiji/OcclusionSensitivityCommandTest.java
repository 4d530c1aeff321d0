package org.convnetexplorer.fiji;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.convnetexplorer.Fixtures;
import org.convnetexplorer.RecordingListener;
import org.convnetexplorer.cli.ConvNetExplorerCli;
import org.convnetexplorer.occlusion.OcclusionJob;
import org.convnetexplorer.imagej.ResultWindows;
import org.convnetexplorer.network.AlexNet;
import org.convnetexplorer.network.ComputeDevice;
import org.convnetexplorer.render.MontageFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandService;

import ij.ImagePlus;
import ij.gui.ImageRoi;
import ij.gui.Overlay;

/** The Fiji command, run through SciJava's CommandService as Fiji's --run and macros run it, against the CLI. */
class OcclusionSensitivityCommandTest {

	private static final Path IMAGE = Fixtures.NATURAL224.resolve("astronaut_032.png");

	@TempDir
	Path temp;

	private final Context context = new Context();

	@AfterEach
	void dispose() {
		context.dispose();
	}

	/** conv5 unit 7 with a 64-px square moved by 40 px: 5 × 5 positions. */
	private Map<String, Object> inputs(Path output) {
		Map<String, Object> inputs = new HashMap<>();
		inputs.put("image", Fixtures.require(IMAGE).toFile());
		inputs.put("unit", 7);
		inputs.put("layer", "conv5");
		inputs.put("size", 64);
		inputs.put("stride", 40);
		inputs.put("weights", Fixtures.require(Fixtures.SEED0).toString());
		inputs.put("output", output.toFile());
		inputs.put("overwrite", false);
		inputs.put("device", "cpu");
		inputs.put("batch", 8);
		return inputs;
	}

	@Test
	@Timeout(300)
	void commandWritesWhatTheCliWrites() throws Exception {
		Path fromCli = temp.resolve("cli");
		StringWriter messages = new StringWriter();
		assertEquals(0, ConvNetExplorerCli.execute(new PrintWriter(messages, true), "occlusion", "--image",
			IMAGE.toString(), "--unit", "7", "--layer", "conv5", "--size", "64", "--stride", "40", "--weights",
			Fixtures.SEED0.toString(), "--output", fromCli.toString(), "--device", "cpu", "--batch", "8", "--threads",
			"2"), messages.toString());

		Path fromFiji = temp.resolve("fiji");
		context.service(CommandService.class).run(OcclusionSensitivityCommand.class, true, inputs(fromFiji)).get();
		ImagePlus cliMaps = MontageFiles.read(fromCli.resolve(OcclusionJob.MAPS_FILE));
		ImagePlus fijiMaps = MontageFiles.read(fromFiji.resolve(OcclusionJob.MAPS_FILE));
		assertEquals(5, fijiMaps.getWidth());
		assertEquals(2, fijiMaps.getStackSize());
		for (int slice = 1; slice <= 2; slice++)
			assertArrayEquals((float[]) cliMaps.getStack().getPixels(slice),
				(float[]) fijiMaps.getStack().getPixels(slice), "slice " + slice);
		assertArrayEquals((int[]) MontageFiles.read(fromCli.resolve(OcclusionJob.OVERLAY_FILE)).getProcessor()
			.getPixels(), (int[]) MontageFiles.read(fromFiji.resolve(OcclusionJob.OVERLAY_FILE)).getProcessor()
			.getPixels());
	}

	@Test
	void aUnitPastTheLayerFailsNamingTheRange() {
		Map<String, Object> inputs = inputs(temp.resolve("out"));
		inputs.put("unit", 256);
		ExecutionException failure = assertThrows(ExecutionException.class, () -> context.service(CommandService.class)
			.run(OcclusionSensitivityCommand.class, true, inputs).get());
		Throwable cause = failure;
		while (cause.getCause() != null && !String.valueOf(cause.getMessage()).contains("conv5 has units 0..255"))
			cause = cause.getCause();
		assertTrue(String.valueOf(cause.getMessage()).contains("conv5 has units 0..255, not 256"),
			String.valueOf(failure));
	}

	@Test
	@Timeout(300)
	void theWindowsAreTheColourInputUnderTheOverlayPngAndTheMaps() throws Exception {
		OcclusionJob.Settings settings = new OcclusionJob.Settings();
		settings.image = Fixtures.require(IMAGE);
		settings.weights = Fixtures.require(Fixtures.SEED0).toString();
		settings.layer = AlexNet.CONV1;
		settings.size = 112;
		settings.stride = 112;
		settings.output = temp.resolve("out");
		settings.device = ComputeDevice.CPU;
		settings.threads = 2;
		OcclusionJob.Outcome outcome = OcclusionJob.run(settings, RecordingListener.quiet());

		List<ImagePlus> images = ResultWindows.occlusionImages(outcome);
		assertEquals(2, images.size());
		ImagePlus input = images.get(0);
		assertEquals(ImagePlus.COLOR_RGB, input.getType());
		assertArrayEquals(outcome.input.pixels(), (int[]) input.getProcessor().getPixels());
		Overlay overlay = input.getOverlay();
		assertEquals(1, overlay.size());
		ImageRoi map = (ImageRoi) overlay.get(0);
		assertEquals(224, map.getBounds().width);
		assertArrayEquals((int[]) outcome.overlay.getProcessor().getPixels(), (int[]) map.getProcessor().getPixels());
		assertEquals(outcome.maps, images.get(1));
	}
}
