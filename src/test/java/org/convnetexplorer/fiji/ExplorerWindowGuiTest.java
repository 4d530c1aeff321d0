package org.convnetexplorer.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.convnetexplorer.ChildJvm;
import org.convnetexplorer.Fixtures;
import org.convnetexplorer.images.ImageDecoder;
import org.convnetexplorer.images.RgbImage;
import org.convnetexplorer.network.AlexNet;
import org.convnetexplorer.render.MontageLayout;
import org.convnetexplorer.results.TopkCsv;
import org.convnetexplorer.results.TopkRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plain ImageJ 1.54 with the plugin installed as a user would (plugins/ and plugins/jars/), on a virtual screen, driven
 * by real key presses and clicks: the scan macro ends in one explorer window; PgDn, a typed unit and → choose a layer
 * and unit; a clicked patch shows its source image and field as topk.csv says; Open Results twice leaves one window;
 * the recorded Show ConvNet Unit line replays; the Both toggle computes projections and keeps them in the run folder.
 * Screenshots land in target/screenshots/.
 */
class ExplorerWindowGuiTest {

	@TempDir
	Path temp;

	@Test
	@Timeout(900)
	void theWindowIsDrivenByKeysAndClicksAndUnitsHaveAddresses() throws Exception {
		Path output = temp.resolve("out");
		int typedUnit = 17;
		int rank = 3;
		String scan = "run(\"Top Patches per Unit...\", \"images=[" + Fixtures.require(Fixtures.NATURAL224) +
			"] output=[" + output + "] weights=[" + Fixtures.require(Fixtures.SEED0) + "] layers=conv1,conv5 " +
			"device=cpu\");";
		Properties found = drive(scan, output, typedUnit, rank, "alexnet");

		assertEquals("1", found.getProperty("windows.afterScan"), found.toString());
		assertEquals("ConvNet Explorer: out", found.getProperty("title"));
		assertEquals("conv1", found.getProperty("layer.first"));
		assertEquals("conv5", found.getProperty("layer.afterPageDown"), "PgDn goes to the next layer");
		assertEquals(String.valueOf(typedUnit), found.getProperty("unit.typed"));
		int unit = typedUnit + 1;
		assertEquals(String.valueOf(unit), found.getProperty("unit.afterRight"), "→ is the next unit in the grid");
		assertEquals(String.valueOf(unit), found.getProperty("unitField.afterRight"));

		TopkRow clicked = TopkCsv.read(output.resolve("topk.csv")).stream()
			.filter(r -> r.layer.equals("conv5") && r.unit == unit && r.rank == rank).findFirst().orElseThrow();
		RgbImage source = ImageDecoder.read(Fixtures.NATURAL224.resolve(clicked.image));
		assertEquals(source.width() + "x" + source.height(), found.getProperty("source.size"));
		assertEquals(String.valueOf(hash(source)), found.getProperty("source.pixels"), "the clicked patch's image");
		String[] field = found.getProperty("field.screen").split("x");
		double scale = Double.parseDouble(field[0]) / clicked.box.width();
		assertEquals(clicked.box.height() * scale, Double.parseDouble(field[1]), 2, "the field's shape, from topk.csv");
		assertTrue(scale > 1, "a 224-px image is shown enlarged: " + scale);
		assertEquals("255,220,0", found.getProperty("field.edgeColour"), "the rectangle is drawn at the field");
		assertTrue(found.getProperty("message").startsWith("conv5 unit " + unit + ", rank " + rank + ": activation"),
			found.getProperty("message"));
		assertEquals(Paths.get(clicked.image).getFileName().toString(), found.getProperty("imagej.title"));
		assertEquals(clicked.box.x0 + "," + clicked.box.y0 + "," + clicked.box.width() + "," + clicked.box.height(),
			found.getProperty("imagej.roi"), "Open in ImageJ: the field as the selection, unclipped");

		assertEquals("1", found.getProperty("windows.afterOpeningTwice"), "one window per run");
		String recordedPath = output.toString().contains(" ") ? "[" + output + "]" : output.toString(); // ImageJ's way
		assertEquals("run(\"Show ConvNet Unit\", \"output=" + recordedPath + " layer=conv1 unit=5\");",
			found.getProperty("recorded"));
		assertEquals("conv1 unit 5", found.getProperty("replayed"));

		assertTrue(found.getProperty("projection.message").startsWith("Projections of conv1 unit 5 computed and kept"),
			found.getProperty("projection.message"));
		BufferedImage kept = javax.imageio.ImageIO.read(output.resolve("conv1-unit5-deconv.png").toFile());
		int side = new MontageLayout((int) AlexNet.CONV1.largestFieldSize(), 9).width();
		assertEquals(side + "x" + side, kept.getWidth() + "x" + kept.getHeight(), "nine 11-px projections, kept");
		assertEquals("Figure of conv1 unit 0 written to " + output.resolve("conv1-unit0-figure.png"),
			found.getProperty("figure.message"));
		BufferedImage figure = javax.imageio.ImageIO.read(output.resolve("conv1-unit0-figure.png").toFile());
		assertTrue(figure.getWidth() > 500 && figure.getHeight() > 500, figure.getWidth() + "x" + figure.getHeight());
		assertEquals("Occlusion map written to " + output.resolve("occlusion/conv1-unit0-" +
			TopkCsv.read(output.resolve("topk.csv")).stream().filter(r -> r.layer.equals("conv1") && r.unit == 0 &&
				r.rank == 1).findFirst().orElseThrow().image) + " (Occlusion map toggles it and the image)",
			found.getProperty("occlusion.message"));
		assertEquals("Web atlas written: open " + output.resolve("atlas").resolve("index.html") + " in a browser",
			found.getProperty("atlas.message"));
		assertEquals(output.toAbsolutePath().normalize(), java.nio.file.Paths.get(found.getProperty(
			"deconvDialog.output")), "the Deconvnet dialog offers the run on screen");
		assertTrue(java.nio.file.Files.readString(output.resolve("atlas/conv1/0.html")).contains(
			TopkCsv.read(output.resolve("topk.csv")).stream().filter(r -> r.layer.equals("conv1") && r.unit == 0 &&
				r.rank == 1).findFirst().orElseThrow().image), "the atlas's page of conv1 unit 0 names its top image");
	}

	/**
	 * An ONNX model's layer named by its node: GoogLeNet's inception3a, whose units of the 3×3 branch (16..47) see
	 * 43 px and those of the 1×1 branch 27 px. The chooser shortens the node path (the whole on hover), the projection
	 * toggle is on, and a typed unit's clicked patch opens in ImageJ with that unit's own field.
	 */
	@Test
	@Timeout(900)
	void anOnnxModelsRunShowsItsUnitsOwnFieldAndOffersProjections() throws Exception {
		Path output = temp.resolve("onnx");
		String node = "/model/inception3a/Concat";
		String scan = "run(\"Top Patches per Unit...\", \"images=[" + Fixtures.require(Fixtures.NATURAL224) +
			"] output=[" + output + "] model=[" + Fixtures.ONNX.resolve("googlenet.onnx") + "] layers=[" + node +
			"] device=cpu\");";
		int unit = 20;
		int rank = 2;
		Properties found = drive(scan, output, unit, rank, "onnx");
		assertEquals(node, found.getProperty("layer.shown"), "short enough to show whole");
		assertTrue(found.getProperty("layer.tooltip").startsWith(node), found.getProperty("layer.tooltip"));
		assertEquals("true", found.getProperty("projections.enabled"), "projections through the model's graph");
		assertTrue(found.getProperty("projections.tooltip").startsWith("Deconvnet projections (Zeiler & Fergus)"),
			found.getProperty("projections.tooltip"));
		TopkRow clicked = TopkCsv.read(output.resolve("topk.csv")).stream()
			.filter(r -> r.layer.equals(node) && r.unit == unit && r.rank == rank).findFirst().orElseThrow();
		assertEquals(43, clicked.box.width(), "a unit of the 3×3 branch");
		assertEquals(clicked.box.x0 + "," + clicked.box.y0 + ",43,43", found.getProperty("imagej.roi"));
	}

	private Properties drive(String scan, Path output, int unit, int rank, String tour) throws Exception {
		return drive(temp, ExplorerGuiDriver.class, scan, output.toString(), temp.resolve("report.properties").toString(),
			Files.createDirectories(Paths.get("target/screenshots")).toString(), String.valueOf(unit),
			String.valueOf(rank), tour);
	}

	/**
	 * Runs a driver's main in plain ImageJ with the plugin installed, on a virtual screen with a window manager, and
	 * reads the properties it wrote to the file its third argument names.
	 */
	static Properties drive(Path temp, Class<?> driver, String... args) throws Exception {
		Path report = Paths.get(args[2]);
		ChildJvm run;
		try (Xvfb xvfb = Xvfb.start(temp.resolve("xvfb.log"));
			WindowManager manager = WindowManager.start(xvfb.display, temp.resolve("openbox.log"));
			ImageJInstallation imagej = ImageJInstallation.create(temp.resolve("ImageJ")))
		{
			run = ChildJvm.run(List.of(ImageJInstallation.jarOf("/net/imagej/ij/"), Paths.get("target/test-classes")),
				List.of("-Dplugins.dir=" + imagej.root), Map.of("DISPLAY", xvfb.display), 840, temp.resolve("imagej.log"),
				driver.getName(), args);
		}
		assertTrue(Files.exists(report), "no report from ImageJ; its output:\n" + run.output);
		Properties found = new Properties();
		try (Reader in = Files.newBufferedReader(report)) {
			found.load(in);
		}
		assertNull(found.getProperty("error"), "ImageJ output:\n" + run.output + "\nreport: " + found);
		return found;
	}

	/**
	 * Openbox on the virtual screen, as a desktop has a window manager: it gives keyboard focus to the clicked window
	 * (without one, AWT dialogs keep typing in their first field). Absent openbox, the test goes on without it.
	 */
	private static final class WindowManager implements AutoCloseable {
		private final Process process;

		private WindowManager(Process process) {
			this.process = process;
		}

		static WindowManager start(String display, Path log) throws Exception {
			ProcessBuilder openbox = new ProcessBuilder("openbox").redirectErrorStream(true).redirectOutput(log.toFile());
			openbox.environment().put("DISPLAY", display);
			try {
				Process process = openbox.start();
				Thread.sleep(1000);
				return new WindowManager(process);
			}
			catch (java.io.IOException e) {
				return new WindowManager(null);
			}
		}

		@Override
		public void close() throws InterruptedException {
			if (process == null) return;
			process.destroy();
			process.waitFor();
		}
	}

	/** As the driver hashes the source pane's picture: RGB row by row. */
	static long hash(RgbImage image) {
		long hash = 17;
		for (int pixel : image.pixels())
			hash = hash * 31 + (pixel & 0xffffff);
		return hash;
	}
}
