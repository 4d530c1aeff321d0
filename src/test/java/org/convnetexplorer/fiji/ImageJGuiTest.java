package org.convnetexplorer.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.convnetexplorer.ChildJvm;
import org.convnetexplorer.Fixtures;
import org.convnetexplorer.results.TopkCsv;
import org.convnetexplorer.results.TopkRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plain ImageJ 1.54 with the plugin installed as a user would (plugins/ and plugins/jars/), on a virtual screen: a
 * macro runs the menu command, the windows open, a click on a patch opens its source image with the field selected;
 * with every window closed, "Open ConvNet Explorer Results..." brings the same windows and click-through back. The
 * screenshot lands in target/screenshots/.
 */
class ImageJGuiTest {

	@TempDir
	Path temp;

	@Test
	@Timeout(600)
	void macroOpensMontageWindowsAndAClickShowsTheSourceFieldAlsoAfterReopening() throws Exception {
		Path output = temp.resolve("out");
		int slice = 8;
		int rank = 3;
		Properties found = clickThrough("run(\"Top Patches per Unit...\", \"images=[" +
			Fixtures.require(Fixtures.NATURAL224) + "] output=[" + output + "] weights=[" + Fixtures.require(Fixtures.SEED0) +
			"] layers=conv1,conv5 device=cpu\");", output, "conv5", slice, rank, "imagej-click-through.png");
		for (String run : List.of("", "reopened.")) {
			assertEquals("64", found.getProperty(run + "window.conv1 - top 9 patches"), found.toString());
			assertEquals("256", found.getProperty(run + "window.conv5 - top 9 patches"), found.toString());
			assertEquals("1", found.getProperty(run + "window.conv1 - overview"), found.toString());
			assertEquals("1", found.getProperty(run + "window.conv5 - overview"), found.toString());
		}
	}

	/**
	 * An ONNX model's layer named by its node: GoogLeNet's inception3a, whose units of the 3×3 branch (16..47) see
	 * 43 px and those of the 1×1 branch 27 px; the clicked patch opens with its unit's own field.
	 */
	@Test
	@Timeout(600)
	void anOnnxModelsWindowsOpenAndAClickShowsTheUnitsOwnField() throws Exception {
		Path output = temp.resolve("onnx");
		String node = "/model/inception3a/Concat";
		Properties found = clickThrough("run(\"Top Patches per Unit...\", \"images=[" +
			Fixtures.require(Fixtures.NATURAL224) + "] output=[" + output + "] model=[" +
			Fixtures.ONNX.resolve("googlenet.onnx") + "] layers=[" + node + "] device=cpu\");", output, node, 21, 2,
			"imagej-click-through-onnx.png");
		for (String run : List.of("", "reopened."))
			assertEquals("64", found.getProperty(run + "window." + node + " - top 9 patches"), found.toString());
		assertTrue(found.getProperty("source.roi").endsWith(",43,43"), found.toString());
	}

	/**
	 * Runs the macro in ImageJ on a virtual screen, clicks the patch of {@code rank} in {@code slice} of the layer's
	 * montage, then closes everything, reopens the output folder and clicks again: both clicks must open the source
	 * image with topk.csv's box selected and say so in the status bar. Returns what ImageJ showed.
	 */
	private Properties clickThrough(String macro, Path output, String layer, int slice, int rank, String screenshotName)
		throws Exception
	{
		Path report = temp.resolve("report.properties");
		Path screenshot = Files.createDirectories(Paths.get("target/screenshots")).resolve(screenshotName);
		ChildJvm imagejRun;
		try (Xvfb xvfb = Xvfb.start(temp.resolve("xvfb.log"));
			ImageJInstallation imagej = ImageJInstallation.create(temp.resolve("ImageJ")))
		{
			imagejRun = ChildJvm.run(
				List.of(ImageJInstallation.jarOf("/net/imagej/ij/"), Paths.get("target/test-classes")),
				List.of("-Dplugins.dir=" + imagej.root), Map.of("DISPLAY", xvfb.display), 540, temp.resolve("imagej.log"),
				ImageJGuiDriver.class.getName(), macro, layer + " - top 9 patches", String.valueOf(slice),
				String.valueOf(rank), report.toString(), screenshot.toString(),
				"run(\"Open ConvNet Explorer Results...\", \"output=[" + output + "]\");");
		}
		assertTrue(Files.exists(report), "no report from ImageJ; its output:\n" + imagejRun.output);
		Properties found = new Properties();
		try (Reader in = Files.newBufferedReader(report)) {
			found.load(in);
		}
		assertNull(found.getProperty("error"), "ImageJ output:\n" + imagejRun.output + "\nreport: " + found);
		TopkRow clicked = TopkCsv.read(output.resolve("topk.csv")).stream()
			.filter(r -> r.layer.equals(layer) && r.unit == slice - 1 && r.rank == rank).findFirst().orElseThrow();
		for (String run : List.of("", "reopened.")) {
			assertEquals("1", found.getProperty(run + "window." + layer + " - overview"), found.toString());
			assertEquals("true", found.getProperty(run + "table"), "the topk results table");
			assertEquals(layer + " unit " + (slice - 1), found.getProperty(run + "slice.label"));
			assertEquals(Paths.get(clicked.image).getFileName().toString(), found.getProperty(run + "source.title"));
			assertEquals(clicked.box.x0 + "," + clicked.box.y0 + "," + clicked.box.width() + "," + clicked.box.height(),
				found.getProperty(run + "source.roi"), "the receptive field, unclipped");
			assertEquals("true", found.getProperty(run + "source.roiType"));
			assertTrue(found.getProperty(run + "status").contains(layer + " unit " + (slice - 1) + ", rank " + rank),
				found.getProperty(run + "status"));
		}
		assertTrue(Files.size(screenshot) > 10_000, "screenshot written");
		return found;
	}
}
