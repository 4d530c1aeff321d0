package org.convnetexplorer.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.event.KeyEvent;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.convnetexplorer.Fixtures;
import org.convnetexplorer.cli.ConvNetExplorerCli;
import org.convnetexplorer.scanstate.ScanState;
import org.convnetexplorer.scanstate.ShardSpec;
import org.convnetexplorer.imagej.StatusBar;
import org.convnetexplorer.imagej.StatusBarListener;
import org.convnetexplorer.job.JobSettings;
import org.convnetexplorer.job.TopPatchesJob;
import org.convnetexplorer.network.AlexNet;
import org.convnetexplorer.network.ComputeDevice;
import org.convnetexplorer.network.Layer;
import org.convnetexplorer.weights.WeightsSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;
import org.scijava.module.ModuleService;

import ij.IJ;

/** The Fiji command run as Fiji's --run and macros run it: through SciJava's CommandService, with preprocessing. */
class TopPatchesCommandTest {

	@TempDir
	Path temp;

	private final Context context = new Context();

	@AfterEach
	void dispose() {
		context.dispose();
		IJ.resetEscape();
	}

	private Map<String, Object> inputs(Path output) {
		Map<String, Object> inputs = new HashMap<>();
		inputs.put("images", Fixtures.require(Fixtures.NATURAL224).toFile());
		inputs.put("output", output.toFile());
		inputs.put("model", ""); // SciJava remembers a command's last inputs: each test gives all of them
		inputs.put("weights", Fixtures.require(Fixtures.SEED0).toString());
		inputs.put("layers", "conv1,conv4");
		inputs.put("input", "0");
		inputs.put("mean", "");
		inputs.put("std", "");
		inputs.put("normalize", "");
		inputs.put("top", 9);
		inputs.put("units", "0,1,2");
		inputs.put("device", "cpu");
		inputs.put("batch", 16);
		inputs.put("recursive", false);
		inputs.put("overwrite", false);
		inputs.put("cell", 0);
		inputs.put("winners", 1);
		inputs.put("channels", "");
		inputs.put("plane", 0);
		inputs.put("tile", 0);
		return inputs;
	}

	/** The CLI's scan of what {@link #inputs} scans, with {@code more} options; its output folder. */
	private static Path cliScan(Path output, String... more) {
		List<String> args = new ArrayList<>(List.of("scan", "--images", Fixtures.NATURAL224.toString(), "--output",
			output.toString(), "--weights", Fixtures.SEED0.toString(), "--layers", "conv1,conv4", "--device", "cpu"));
		args.addAll(List.of(more));
		StringWriter messages = new StringWriter();
		int code = ConvNetExplorerCli.execute(new PrintWriter(messages, true), args.toArray(new String[0]));
		assertEquals(0, code, messages.toString());
		return output;
	}

	/** The keys a SLURM array task gives headless Fiji: a shard, and resume after the task was requeued. */
	@Test
	@Timeout(300)
	void shardAndResumeKeysReachTheScan() throws Exception {
		Path fromFiji = temp.resolve("fiji-shard");
		Map<String, Object> inputs = inputs(fromFiji);
		inputs.put("shard", "2/2");
		context.service(CommandService.class).run(TopPatchesCommand.class, true, inputs).get();
		ScanState state = ScanState.read(fromFiji.resolve(ScanState.FILE_NAME), new AlexNet(Fixtures.SEED0.toString(), null));
		assertEquals(new ShardSpec(2, 2), state.shard);
		assertEquals(16, state.filesCovered(), "48 images in batches of 16: the second of three chunks");

		Path fromCli = cliScan(temp.resolve("cli-shard"), "--shard", "2/2");
		assertEquals(Files.readAllLines(fromCli.resolve("topk.csv")), Files.readAllLines(fromFiji.resolve("topk.csv")));

		inputs.put("resume", true);
		context.service(CommandService.class).run(TopPatchesCommand.class, true, inputs).get();
		assertTrue(Files.readString(fromFiji.resolve("run.json")).contains("\"resumed\": true"));
		assertEquals(Files.readAllLines(fromCli.resolve("topk.csv")), Files.readAllLines(fromFiji.resolve("topk.csv")));
	}

	@Test
	@Timeout(300)
	void commandWritesTheSameTopkCsvAsTheCli() throws Exception {
		Path fromFiji = temp.resolve("fiji");
		context.service(CommandService.class).run(TopPatchesCommand.class, true, inputs(fromFiji)).get();

		Path fromCli = cliScan(temp.resolve("cli"), "--units", "0,1,2");
		assertEquals(Files.readAllLines(fromCli.resolve("topk.csv")), Files.readAllLines(fromFiji.resolve("topk.csv")));
		for (String file : List.of("conv1.tif", "conv4.tif", "conv1-overview.tif", "conv4-overview.tif", "run.json"))
			assertTrue(Files.isRegularFile(fromFiji.resolve(file)), file);
	}

	/** The model key: an ONNX model's layers by tensor and node name, as the CLI scans them. */
	@Test
	@Timeout(300)
	void commandRunsAnOnnxModelAsTheCliDoes() throws Exception {
		String model = Fixtures.ONNX.resolve("googlenet.onnx").toString();
		String layers = "/model/inception3a/Concat,inception3b";
		Path fromFiji = temp.resolve("fiji");
		Map<String, Object> inputs = inputs(fromFiji);
		inputs.put("model", model);
		inputs.put("layers", layers);
		context.service(CommandService.class).run(TopPatchesCommand.class, true, inputs).get();

		Path fromCli = temp.resolve("cli");
		StringWriter messages = new StringWriter();
		int code = ConvNetExplorerCli.execute(new PrintWriter(messages, true), "scan", "--images",
			Fixtures.NATURAL224.toString(), "--output", fromCli.toString(), "--model", model, "--layers", layers,
			"--units", "0,1,2", "--device", "cpu");
		assertEquals(0, code, messages.toString());
		assertEquals(Files.readAllLines(fromCli.resolve("topk.csv")), Files.readAllLines(fromFiji.resolve("topk.csv")));
		String concat = Layer.fileNameOf("/model/inception3a/Concat");
		for (String file : List.of(concat + ".tif", concat + "-overview.tif", "inception3b.tif", "run.json"))
			assertTrue(Files.isRegularFile(fromFiji.resolve(file)), file);
	}

	/** The native-size keys: input native, winners, channels, plane, tile, as the CLI's options. */
	@Test
	@Timeout(300)
	void nativeSizeKeysScanAsTheCliDoes() throws Exception {
		Path fixtures = Paths.get("src/test/resources/org/convnetexplorer/native").toAbsolutePath();
		String model = fixtures.resolve("fcn2.onnx").toString();
		Path fromFiji = temp.resolve("fiji");
		Map<String, Object> inputs = inputs(fromFiji);
		inputs.putAll(Map.of("images", fixtures.resolve("images").toFile(), "model", model, "layers", "c1,c3",
			"input", "native", "winners", 2, "channels", "0,1", "plane", 1, "tile", 40));
		context.service(CommandService.class).run(TopPatchesCommand.class, true, inputs).get();

		Path fromCli = temp.resolve("cli");
		StringWriter messages = new StringWriter();
		int code = ConvNetExplorerCli.execute(new PrintWriter(messages, true), "scan", "--images",
			fixtures.resolve("images").toString(), "--output", fromCli.toString(), "--model", model, "--layers", "c1,c3",
			"--input-size", "native", "--per-image", "2", "--channels", "0,1", "--plane", "1", "--tile", "40",
			"--units", "0,1,2", "--device", "cpu");
		assertEquals(0, code, messages.toString());
		List<String> rows = Files.readAllLines(fromCli.resolve("topk.csv"));
		assertTrue(rows.size() > 1 && rows.stream().allMatch(r -> r.startsWith("layer,") || r.contains(",stack.tif,")),
			"only the 2-channel stack fits the 2-channel model: " + rows);
		assertEquals(rows, Files.readAllLines(fromFiji.resolve("topk.csv")));
		String run = Files.readString(fromFiji.resolve("run.json"));
		assertTrue(run.contains("\"plane\": 1") && run.contains("\"per_image\": 2") && run.contains("\"tile_px\": 40"),
			run);
	}

	@Test
	@Timeout(120)
	void aFailureReachesTheCaller() {
		Map<String, Object> inputs = inputs(temp.resolve("out"));
		inputs.put("layers", "conv9");
		ExecutionException failure = assertThrows(ExecutionException.class,
			() -> context.service(CommandService.class).run(TopPatchesCommand.class, true, inputs).get());
		Throwable cause = failure;
		while (cause.getCause() != null && !cause.getMessage().contains("conv9"))
			cause = cause.getCause();
		assertTrue(cause.getMessage().contains("ConvNet Explorer failed: unknown layer 'conv9'"), failure.toString());
	}

	/** The first run without network, with Fiji's default weights: the failure says how to go on with the demo. */
	@Test
	@Timeout(120)
	void anOfflineFirstRunAdvisesTheDemoWeights() throws Exception {
		String refusing;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			refusing = "http://127.0.0.1:" + socket.getLocalPort() + "/alexnet-owt-7be5be79.pth";
		}
		System.setProperty(WeightsSource.IMAGENET_URL_PROPERTY, refusing);
		System.setProperty("imagej.dir", temp.toString()); // where Fiji keeps downloaded weights
		try {
			Map<String, Object> inputs = inputs(temp.resolve("out"));
			inputs.put("weights", "imagenet");
			ExecutionException failure = assertThrows(ExecutionException.class,
				() -> context.service(CommandService.class).run(TopPatchesCommand.class, true, inputs).get());
			Throwable cause = failure;
			while (cause.getCause() != null && !String.valueOf(cause.getMessage()).contains("failed:"))
				cause = cause.getCause();
			assertTrue(cause.getMessage().contains("Could not download " + refusing), cause.getMessage());
			assertTrue(cause.getMessage().contains("set Weights to demo (weights=demo in a macro)"), cause.getMessage());
		}
		finally {
			System.clearProperty(WeightsSource.IMAGENET_URL_PROPERTY);
			System.clearProperty("imagej.dir");
		}
	}

	/** Fiji's dialog starts from the last values, also those of a run that failed (SciJava saves them first). */
	@Test
	@Timeout(120)
	void theValuesOfAFailedRunAreRemembered() {
		Map<String, Object> inputs = inputs(temp.resolve("out"));
		inputs.put("layers", "conv9");
		inputs.put("top", 7);
		assertThrows(ExecutionException.class,
			() -> context.service(CommandService.class).run(TopPatchesCommand.class, true, inputs).get());
		ModuleService modules = context.service(ModuleService.class);
		CommandInfo command = context.service(CommandService.class).getCommand(TopPatchesCommand.class);
		assertEquals("conv9", modules.load(command.getInput("layers")));
		assertEquals(7, modules.load(command.getInput("top")));
	}

	@Test
	@Timeout(300)
	void escapeStopsTheScanAfterTheBatchInFlightAndKeepsPartialResults() throws Exception {
		JobSettings settings = new JobSettings();
		settings.images = Fixtures.NATURAL224;
		settings.output = temp.resolve("out");
		settings.weights = Fixtures.SEED0.toString();
		settings.layers = List.of(AlexNet.CONV2);
		settings.device = ComputeDevice.CPU;
		settings.batch = 8;
		StatusBar pressEscapeAfterFirstBatch = new StatusBar() {
			@Override
			public void showStatus(String message) {}

			@Override
			public void showProgress(int done, int total) {
				IJ.setKeyDown(KeyEvent.VK_ESCAPE);
			}

			@Override
			public void log(String message) {}
		};
		TopPatchesJob.Outcome outcome = TopPatchesJob.run(settings, new StatusBarListener(pressEscapeAfterFirstBatch,
			() -> false));
		assertTrue(outcome.scan.partial);
		assertEquals(8, outcome.scan.scanned);
		assertTrue(Files.readString(settings.output.resolve("run.json")).contains("\"partial\": true"));
		assertTrue(Files.isRegularFile(settings.output.resolve("conv2.tif")));
	}
}
