package org.convnetexplorer.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.convnetexplorer.ChildJvm;
import org.convnetexplorer.Fixtures;
import org.convnetexplorer.cli.ConvNetExplorerCli;
import org.convnetexplorer.occlusion.OcclusionJob;
import org.convnetexplorer.render.MontageFiles;
import org.convnetexplorer.results.TopkCsv;
import org.convnetexplorer.results.TopkRow;
import org.convnetexplorer.weights.WeightsSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Headless ImageJ 1 (ij1-patcher's LegacyEnvironment, as Fiji patches it) runs the plugins from macros, in a child
 * JVM with the plugin installed in an ImageJ folder. ImageJ carries on after a plugin fails, so success is judged by
 * the files written, and a failure must stop the macro.
 */
class HeadlessMacroTest {

	@TempDir
	Path temp;

	private ImageJInstallation imagej;

	@BeforeEach
	void install() throws Exception {
		imagej = ImageJInstallation.create(temp.resolve("ImageJ"));
	}

	@AfterEach
	void uninstall() throws Exception {
		imagej.close();
	}

	private ChildJvm runMacro(String macro, String... jvmOptions) throws Exception {
		List<Path> classPath = List.of(ImageJInstallation.jarOf("/net/imagej/ij/"),
			ImageJInstallation.jarOf("ij1-patcher"), ImageJInstallation.jarOf("javassist"),
			Paths.get("target/test-classes"));
		List<String> options = new ArrayList<>(List.of("-Djava.awt.headless=true",
			"--add-opens=java.base/java.lang=ALL-UNNAMED", "-Dplugins.dir=" + imagej.root));
		options.addAll(List.of(jvmOptions));
		return ChildJvm.run(classPath, options, Map.of(), 300, temp.resolve("imagej.log"),
			HeadlessMacroDriver.class.getName(), macro);
	}

	/**
	 * scripts/top-patches.ijm as a first-time user runs it, without network (the ImageNet URL refuses connections): its
	 * two folder prompts answered, it scans with the bundled demo network and says so.
	 */
	@Test
	@Timeout(300)
	void theExampleMacroWorksOffline() throws Exception {
		Path output = temp.resolve("example");
		String script = Files.readString(Paths.get("scripts/top-patches.ijm"));
		String answered = script
			.replace("getDirectory(\"Choose the folder of images to scan\")",
				"\"" + Fixtures.require(Fixtures.NATURAL224) + "/\"")
			.replace("getDirectory(\"Choose an empty folder for the results\")", "\"" + output + "/\"");
		assertTrue(!answered.equals(script), "the prompts are where the test expects them");
		ChildJvm run = runMacro(answered, "-D" + WeightsSource.IMAGENET_URL_PROPERTY + "=http://127.0.0.1:1/none.pth");
		assertEquals(0, run.exitCode, run.output);
		assertTrue(run.output.contains("Using the bundled demo network (weights=demo)"), run.output);
		assertTrue(run.output.contains("Results in " + output), run.output);
		assertTrue(Files.readString(output.resolve("run.json")).contains("demo"), run.output);
		assertEquals(5, TopkCsv.read(output.resolve("topk.csv")).stream().map(r -> r.layer).distinct().count());
	}

	@Test
	@Timeout(300)
	void macroRunsTheMenuCommandAndWritesTheResults() throws Exception {
		Path output = temp.resolve("out");
		ChildJvm run = runMacro("run(\"Top Patches per Unit...\", \"images=[" + Fixtures.require(Fixtures.NATURAL224) +
			"] output=[" + output + "] weights=[" + Fixtures.require(Fixtures.SEED0) +
			"] layers=conv2 top=4 units=0,5 device=cpu batch=8\");\nprint(\"after the command\");");
		assertEquals(0, run.exitCode, run.output);
		assertTrue(run.output.contains("after the command"), run.output);
		for (String file : List.of("topk.csv", "run.json", "skipped.csv", "conv2.tif", "conv2-overview.tif"))
			assertTrue(Files.isRegularFile(output.resolve(file)), file + " missing; ImageJ said:\n" + run.output);
		List<TopkRow> rows = TopkCsv.read(output.resolve("topk.csv"));
		assertFalse(rows.isEmpty());
		assertTrue(rows.stream().allMatch(r -> r.layer.equals("conv2") && r.rank <= 4), "layers and top were read");
		assertTrue(Files.readString(output.resolve("run.json")).contains("\"batch\": 8"));
	}

	@Test
	@Timeout(300)
	void macroRunsTheDeconvnetProjectionsOfAFinishedScan() throws Exception {
		Path run = temp.resolve("run");
		StringWriter messages = new StringWriter();
		assertEquals(0, ConvNetExplorerCli.execute(new PrintWriter(messages, true), "scan", "--images",
			Fixtures.require(Fixtures.NATURAL224).toString(), "--output", run.toString(), "--weights",
			Fixtures.require(Fixtures.SEED0).toString(), "--layers", "conv1", "--top", "2", "--device", "cpu",
			"--threads", "2"), messages.toString());
		ChildJvm macro = runMacro("run(\"Deconvnet Projections...\", \"output=[" + run +
			"] layers=conv1 device=cpu batch=16 cell=0\");\nprint(\"after the command\");");
		assertEquals(0, macro.exitCode, macro.output);
		assertTrue(macro.output.contains("after the command"), macro.output);
		assertEquals(64, MontageFiles.read(run.resolve("conv1-deconv.tif")).getStackSize(), macro.output);
	}

	/** An ONNX model by the model key: its layers by their names, and an occlusion of one of its units. */
	@Test
	@Timeout(300)
	void macroRunsAnOnnxModel() throws Exception {
		Path scan = temp.resolve("scan");
		Path occlusion = temp.resolve("occlusion");
		String model = Fixtures.ONNX.resolve("resnet18.onnx").toString();
		ChildJvm run = runMacro("run(\"Top Patches per Unit...\", \"images=[" + Fixtures.require(Fixtures.NATURAL224) +
			"] output=[" + scan + "] model=[" + model + "] layers=layer1,layer3 top=4 device=cpu batch=8\");\n" +
			"run(\"Occlusion Sensitivity...\", \"image=[" + Fixtures.NATURAL224.resolve("astronaut_032.png") +
			"] unit=3 layer=layer2 size=112 stride=56 model=[" + model + "] output=[" + occlusion +
			"] device=cpu\");\nprint(\"after the command\");");
		assertEquals(0, run.exitCode, run.output);
		assertTrue(run.output.contains("after the command"), run.output);
		for (String file : List.of("topk.csv", "run.json", "layer1.tif", "layer3-overview.tif"))
			assertTrue(Files.isRegularFile(scan.resolve(file)), file + " missing; ImageJ said:\n" + run.output);
		assertEquals(Set.of("layer1", "layer3"), TopkCsv.read(scan.resolve("topk.csv")).stream().map(r -> r.layer)
			.collect(Collectors.toSet()));
		assertTrue(Files.readString(scan.resolve("run.json")).contains("\"model\": \"" + model + "\""));
		assertEquals(3, MontageFiles.read(occlusion.resolve(OcclusionJob.MAPS_FILE)).getWidth(), run.output);
	}

	/** The native-size keys in an ImageJ 1 macro: the same topk.csv as the CLI's scan with the same options. */
	@Test
	@Timeout(300)
	void macroRunsANativeSizeScanAsTheCli() throws Exception {
		Path fixtures = Paths.get("src/test/resources/org/convnetexplorer/native").toAbsolutePath();
		String model = fixtures.resolve("fcn1.onnx").toString();
		Path scan = temp.resolve("scan");
		ChildJvm run = runMacro("run(\"Top Patches per Unit...\", \"images=[" + fixtures.resolve("images") +
			"] output=[" + scan + "] model=[" + model + "] layers=c2,c3 input=native winners=2 channels=1 plane=2 " +
			"tile=40 device=cpu\");\nprint(\"after the command\");");
		assertEquals(0, run.exitCode, run.output);
		assertTrue(run.output.contains("after the command"), run.output);
		Path cli = temp.resolve("cli");
		StringWriter messages = new StringWriter();
		assertEquals(0, ConvNetExplorerCli.execute(new PrintWriter(messages, true), "scan", "--images",
			fixtures.resolve("images").toString(), "--output", cli.toString(), "--model", model, "--layers", "c2,c3",
			"--input-size", "native", "--per-image", "2", "--channels", "1", "--plane", "2", "--tile", "40",
			"--device", "cpu"), messages.toString());
		List<String> rows = Files.readAllLines(cli.resolve("topk.csv"));
		assertTrue(rows.size() > 1 && rows.stream().allMatch(r -> r.startsWith("layer,") || r.contains(",stack.tif,")),
			"only the stack has a channel 1 and a plane 2: " + rows);
		assertEquals(rows, Files.readAllLines(scan.resolve("topk.csv")), run.output);
	}

	@Test
	@Timeout(300)
	void macroRunsTheOcclusionSensitivity() throws Exception {
		Path output = temp.resolve("occlusion");
		ChildJvm macro = runMacro("run(\"Occlusion Sensitivity...\", \"image=[" +
			Fixtures.require(Fixtures.NATURAL224.resolve("astronaut_032.png")) + "] unit=7 layer=conv5 size=112 " +
			"stride=56 weights=[" + Fixtures.require(Fixtures.SEED0) + "] output=[" + output +
			"] device=cpu batch=9\");\nprint(\"after the command\");");
		assertEquals(0, macro.exitCode, macro.output);
		assertTrue(macro.output.contains("after the command"), macro.output);
		assertEquals(3, MontageFiles.read(output.resolve(OcclusionJob.MAPS_FILE)).getWidth(), macro.output);
		assertTrue(Files.isRegularFile(output.resolve(OcclusionJob.OVERLAY_FILE)), macro.output);
	}

	@Test
	@Timeout(300)
	void aKeyInsideABracketedPathIsPartOfThePathNotAnOption() throws Exception {
		// ImageJ's own lookup finds "top=" anywhere: in this folder's name before the real top=2
		Path images = Files.createDirectories(temp.resolve("my top=3 imgs"));
		for (String name : List.of("astronaut_032.png", "coffee_018.png", "chelsea_009.png", "rocket_015.png"))
			Files.copy(Fixtures.require(Fixtures.NATURAL224.resolve(name)), images.resolve(name));
		Path output = temp.resolve("out");
		ChildJvm run = runMacro("run(\"Top Patches per Unit...\", \"images=[" + images + "] output=[" + output +
			"] weights=[" + Fixtures.require(Fixtures.SEED0) + "] layers=conv1 top=2 device=cpu\");");
		assertEquals(0, run.exitCode, run.output);
		List<TopkRow> rows = TopkCsv.read(output.resolve("topk.csv"));
		assertEquals(2, rows.stream().mapToInt(r -> r.rank).max().getAsInt(), "top=2, not the path's top=3");
		assertTrue(Files.readString(output.resolve("run.json")).contains("\"top\": 2"));
	}

	@Test
	@Timeout(300)
	void aFailureStopsTheMacroWithTheReason() throws Exception {
		Path missing = temp.resolve("no-such-folder");
		ChildJvm run = runMacro("run(\"Top Patches per Unit...\", \"images=[" + missing + "] output=[" +
			temp.resolve("out") + "] weights=demo\");\nprint(\"after the command\");");
		assertTrue(run.output.contains("images folder " + missing + " does not exist"), run.output);
		assertFalse(run.output.contains("after the command"), "the macro must stop:\n" + run.output);
	}
}
