package org.convnetexplorer.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;

import org.convnetexplorer.Fixtures;
import org.convnetexplorer.cli.ConvNetExplorerCli;
import org.convnetexplorer.images.RgbImage;
import org.convnetexplorer.visualize.VisualizationStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The explorer window's views beyond a unit's patches, in plain ImageJ on a virtual screen, driven by real clicks and
 * keys: the feature visualisation that {@code visualize} wrote beside the unit's patches; an image opened in ImageJ
 * ranking conv5's units in the order PyTorch's activations give (maxima.csv); an occlusion map shown again after the
 * window is reopened.
 */
class ExplorerViewsGuiTest {

	@TempDir
	Path temp;

	@Test
	@Timeout(900)
	void visualisationsActivationsOfAnOpenImageAndKeptOcclusionMapsShow() throws Exception {
		Path output = temp.resolve("views");
		cli("scan", "--images", Fixtures.require(Fixtures.NATURAL224).toString(), "--output", output.toString(),
			"--weights", Fixtures.require(Fixtures.SEED0).toString(), "--layers", "conv5", "--device", "cpu");
		cli("visualize", "--output", output.toString(), "--layers", "conv5", "--units", "3", "--steps", "4",
			"--device", "cpu");
		String image = "chelsea_009.png";
		Path many = Fixtures.repeatedImages(temp.resolve("many"), 2000);
		Path stopped = temp.resolve("stopped");
		String scan = "run(\"Top Patches per Unit...\", \"images=[" + many + "] output=[" + stopped + "] weights=[" +
			Fixtures.SEED0 + "] layers=conv1 batch=4 device=cpu\");";
		Properties found = ExplorerWindowGuiTest.drive(temp, ExplorerViewsGuiDriver.class, output.toString(),
			Fixtures.NATURAL224.resolve(image).toString(), temp.resolve("report.properties").toString(),
			Files.createDirectories(Paths.get("target/screenshots")).toString(), "3", "4", scan, stopped.toString());

		RgbImage visualization = VisualizationStack.read(output, "conv5").get(3);
		assertEquals(String.valueOf(ExplorerWindowGuiTest.hash(visualization)), found.getProperty("visualization.pixels"),
			"unit 3's optimised image, beside its patches");
		assertTrue(Integer.parseInt(found.getProperty("visualization.width")) >= 200, found.toString());
		assertEquals("false", found.getProperty("visualization.shownWithout"), "unit 4 has none: no pane");

		List<String[]> torch = Files.readAllLines(Fixtures.REFERENCE.resolve("maxima.csv")).stream()
			.map(line -> line.split(",")).filter(f -> f[0].equals("conv5") && f[2].equals(image))
			.sorted(Comparator.comparingDouble((String[] f) -> -Float.parseFloat(f[3]))).collect(Collectors.toList());
		String strongest = torch.stream().limit(5).map(f -> f[1]).collect(Collectors.joining(","));
		assertEquals(strongest, found.getProperty("activations.gridFirst"), "the grid ranks by PyTorch's activations");
		assertEquals(torch.get(0)[1], found.getProperty("activations.selected"), "the strongest unit is selected");
		assertEquals("activation on the chosen image", found.getProperty("activations.sort"));
		long firing = torch.stream().filter(f -> Float.parseFloat(f[3]) > 0).count();
		assertEquals(String.format("my photo: %d of 256 units fire; unit %s most (%.3g)", firing, torch.get(0)[1],
			Float.parseFloat(torch.get(0)[3])), found.getProperty("activations.rankedOn"), "above the grid");

		assertTrue(found.getProperty("occlusion.message").startsWith("Occlusion map written to " +
			output.resolve("occlusion").resolve("conv5-unit" + torch.get(0)[1] + "-")), found.toString());
		assertEquals("true", found.getProperty("occlusion.shownAfterReopening"));

		assertTrue(found.getProperty("scan.progress").matches("\\d+/2000, \\d+m\\d\\ds left"),
			"the scan's count and time left in its window: " + found.getProperty("scan.progress"));
		assertEquals("ConvNet Explorer: stopped (partial)", found.getProperty("scan.windowTitle"), "Stop keeps what " +
			"was scanned, and the explorer window shows it");
		assertEquals("true", found.getProperty("scan.scanWindowGone"));
		assertTrue(Files.readString(stopped.resolve("run.json")).contains("\"partial\": true"));
	}

	private static void cli(String... args) {
		StringWriter messages = new StringWriter();
		int code = ConvNetExplorerCli.execute(new PrintWriter(messages, true), args);
		assertEquals(0, code, String.join(" ", args) + ": " + messages);
	}
}
