package org.convnetexplorer.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.convnetexplorer.ChildJvm;
import org.convnetexplorer.Fixtures;
import org.convnetexplorer.cli.ConvNetExplorerCli;
import org.convnetexplorer.results.RunJson;
import org.convnetexplorer.runfile.RunKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandService;

/**
 * A bioimage.io package by the model key, and the normalize key on its ONNX file, in Fiji (SciJava's CommandService)
 * and in headless ImageJ 1 (a macro): each scan's topk.csv is the CLI's, whose maxima BioimageCliTest holds to
 * torch's, and run.json records the normalisation.
 */
class BioimageFrontEndsTest {

	private static final String LAYERS = "/Relu_output_0,/Relu_1_output_0";
	private static final String SCALE_RANGE = "scale_range:1,99.8";

	@TempDir
	Path temp;

	private static Path resource(String name) {
		return Fixtures.require(Fixtures.BIOIMAGE.resolve(name));
	}

	private static Path zip() {
		return resource("encoder-0.5.zip");
	}

	private static Path onnx() {
		return resource("encoder-0.5/encoder.onnx");
	}

	/** The CLI's scan of the micrograph with {@code model} at 64 px and {@code more} options. */
	private static List<String> cliTopk(Path output, Path model, String... more) throws Exception {
		List<String> args = new ArrayList<>(List.of("scan", "--images", resource("scan-images").toString(), "--output",
			output.toString(), "--model", model.toString(), "--input-size", "64", "--layers", LAYERS, "--device",
			"cpu"));
		args.addAll(List.of(more));
		StringWriter messages = new StringWriter();
		assertEquals(0, ConvNetExplorerCli.execute(new PrintWriter(messages, true), args.toArray(new String[0])),
			messages.toString());
		return Files.readAllLines(output.resolve("topk.csv"));
	}

	private static void assertScannedAsTheCli(Path scanned, List<String> cli, String what) throws Exception {
		assertEquals(cli, Files.readAllLines(scanned.resolve("topk.csv")), what);
		assertEquals(SCALE_RANGE + ",1.0E-6", RunJson.read(scanned).string(RunKeys.NORMALIZE), what);
	}

	private static Map<String, Object> fijiInputs(Path output, Path model, String normalize) {
		Map<String, Object> inputs = new HashMap<>();
		inputs.put("images", resource("scan-images").toFile());
		inputs.put("output", output.toFile());
		inputs.put("model", model.toString());
		inputs.put("weights", "demo");
		inputs.put("layers", LAYERS);
		inputs.put("input", 64);
		inputs.put("mean", "");
		inputs.put("std", "");
		inputs.put("normalize", normalize);
		inputs.put("top", 9);
		inputs.put("units", "");
		inputs.put("device", "cpu");
		inputs.put("batch", 16);
		inputs.put("recursive", false);
		inputs.put("overwrite", false);
		inputs.put("cell", 0);
		return inputs;
	}

	@Test
	@Timeout(300)
	void fijiScansThroughAPackageAndWithTheNormalizeKey() throws Exception {
		List<String> cli = cliTopk(temp.resolve("cli"), zip());
		Context context = new Context();
		try {
			CommandService commands = context.service(CommandService.class);
			commands.run(TopPatchesCommand.class, true, fijiInputs(temp.resolve("package"), zip(), "")).get();
			commands.run(TopPatchesCommand.class, true, fijiInputs(temp.resolve("onnx"), onnx(), SCALE_RANGE)).get();
		}
		finally {
			context.dispose();
		}
		assertScannedAsTheCli(temp.resolve("package"), cli, "Fiji, model=package");
		assertScannedAsTheCli(temp.resolve("onnx"), cli, "Fiji, normalize on the ONNX file");
	}

	@Test
	@Timeout(300)
	void imageJ1MacroScansThroughAPackageAndWithTheNormalizeKey() throws Exception {
		List<String> cli = cliTopk(temp.resolve("cli"), onnx(), "--normalize", SCALE_RANGE);
		String common = "images=[" + resource("scan-images") + "] input=64 layers=[" + LAYERS + "] device=cpu";
		String macro = "run(\"Top Patches per Unit...\", \"" + common + " output=[" + temp.resolve("package") +
			"] model=[" + zip() + "]\");\n" +
			"run(\"Top Patches per Unit...\", \"" + common + " output=[" + temp.resolve("onnx") + "] model=[" + onnx() +
			"] normalize=[" + SCALE_RANGE + "]\");\nprint(\"after the commands\");";
		try (ImageJInstallation imagej = ImageJInstallation.create(temp.resolve("ImageJ"))) {
			List<Path> classPath = List.of(ImageJInstallation.jarOf("/net/imagej/ij/"),
				ImageJInstallation.jarOf("ij1-patcher"), ImageJInstallation.jarOf("javassist"),
				Paths.get("target/test-classes"));
			ChildJvm run = ChildJvm.run(classPath, List.of("-Djava.awt.headless=true",
				"--add-opens=java.base/java.lang=ALL-UNNAMED", "-Dplugins.dir=" + imagej.root), Map.of(), 300,
				temp.resolve("imagej.log"), HeadlessMacroDriver.class.getName(), macro);
			assertEquals(0, run.exitCode, run.output);
			assertTrue(run.output.contains("after the commands"), run.output);
		}
		assertScannedAsTheCli(temp.resolve("package"), cli, "ImageJ 1, model=package");
		assertScannedAsTheCli(temp.resolve("onnx"), cli, "ImageJ 1, normalize on the ONNX file");
	}
}
