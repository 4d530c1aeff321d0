package org.convnetexplorer.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.convnetexplorer.Fixtures;
import org.convnetexplorer.RecordingListener;
import org.convnetexplorer.images.Placement;
import org.convnetexplorer.job.JobSettings;
import org.convnetexplorer.job.TopPatchesJob;
import org.convnetexplorer.network.AlexNet;
import org.convnetexplorer.weights.WeightsSource;
import org.convnetexplorer.network.ComputeDevice;
import org.convnetexplorer.scan.ScannedImage;
import org.convnetexplorer.scan.TopEntry;
import org.convnetexplorer.results.TopkRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReceptiveFieldMappingTest {

	@TempDir
	Path temp;

	@Test
	void inputBoxesFollowTorchvisionGeometry() {
		assertEquals(new Box(-2, -2, 9, 9), AlexNet.CONV1.field(0).inputBox(0, 0));
		assertEquals(new Box(214, 210, 225, 221), AlexNet.CONV1.field(0).inputBox(53, 54));
		assertEquals(new Box(-18 + 8 * 3, -18 + 8 * 26, -18 + 8 * 3 + 51, -18 + 8 * 26 + 51),
			AlexNet.CONV2.field(0).inputBox(26, 3));
		assertEquals(new Box(126, 126, 289, 289), AlexNet.CONV5.field(0).inputBox(12, 12));
	}

	@Test
	void boxOfALandscapeImageIsMappedBackThroughCropAndScale() {
		// 640×427: shorter side 427 → 224, width round(640·224/427) = 336, crop x from (336−224)/2 = 56.
		Placement placement = AlexNet.INPUT.place(640, 427);
		assertEquals(336, placement.resizedWidth());
		assertEquals(224, placement.resizedHeight());
		assertEquals(56, placement.cropX());
		assertEquals(0, placement.cropY());
		TopEntry entry = new TopEntry(AlexNet.CONV5, 0, 1, new ScannedImage(0, "a.jpg", placement), 1f, 0, 0);
		// x: (−66 + 56)/0.525 = −19.05 → −20; (97 + 56)/0.525 = 291.4 → 292. y: −66/(224/427) = −125.8 → −126; 97·427/224 = 184.9 → 185.
		assertEquals(new Box(-20, -126, 292, 185), entry.originalBox());
	}

	@Test
	void boxOfAPortraitStripIsMappedBack() {
		// 40×4000: shorter side 40 → 224 (scale 5.6), height 22400, crop y from (22400−224)/2 = 11088.
		Placement placement = AlexNet.INPUT.place(40, 4000);
		assertEquals(224, placement.resizedWidth());
		assertEquals(22400, placement.resizedHeight());
		assertEquals(11088, placement.cropY());
		TopEntry entry = new TopEntry(AlexNet.CONV1, 0, 1, new ScannedImage(0, "s.png", placement), 1f, 10, 20);
		// conv1 (10, 20): input x 78..89, y 38..49; x/5.6 → 13.93..15.89; (y + 11088)/5.6 → 1986.8..1988.8.
		assertEquals(new Box(13, 1986, 16, 1989), entry.originalBox());
	}

	@Test
	void scaledAndCroppedImageFindsTheSameFieldsAtTheMappedPlaces() throws Exception {
		// astronaut_000 upscaled ×2 and padded with 76 black rows above and below: the network sees (nearly) the
		// original again, so wherever the winning position agrees with torchvision's, the box must be 2·box + (0, 76).
		BufferedImage small = ImageIO.read(Fixtures.NATURAL224.resolve("astronaut_000.png").toFile());
		BufferedImage big = new BufferedImage(448, 600, BufferedImage.TYPE_INT_RGB);
		for (int y = 0; y < 448; y++)
			for (int x = 0; x < 448; x++)
				big.setRGB(x, y + 76, small.getRGB(x / 2, y / 2));
		Path images = Files.createDirectories(temp.resolve("images"));
		ImageIO.write(big, "png", images.resolve("astronaut-big.png").toFile());

		JobSettings settings = new JobSettings();
		settings.images = images;
		settings.output = temp.resolve("out");
		settings.weights = Fixtures.SEED0.toString();
		settings.layers = List.of(AlexNet.CONV3, AlexNet.CONV5);
		settings.top = 1;
		settings.device = ComputeDevice.CPU;
		List<TopkRow> rows = TopPatchesJob.run(settings, RecordingListener.quiet()).rows;

		Map<String, String[]> reference = new HashMap<>();
		for (String line : Files.readAllLines(Fixtures.REFERENCE.resolve("maxima.csv")))
			if (line.contains(",astronaut_000.png,")) reference.put(line.split(",")[0] + "," + line.split(",")[1], line.split(","));
		int agreeing = 0;
		for (TopkRow row : rows) {
			String[] ref = reference.get(row.layer + "," + row.unit);
			if (Integer.parseInt(ref[4]) != row.fy || Integer.parseInt(ref[5]) != row.fx) continue;
			Box input = new AlexNet(WeightsSource.DEMO, null).layer(row.layer).field(0).inputBox(row.fy, row.fx);
			assertEquals(new Box(2 * input.x0, 2 * input.y0 + 76, 2 * input.x1, 2 * input.y1 + 76), row.box,
				row.layer + " unit " + row.unit);
			agreeing++;
		}
		assertTrue(agreeing > rows.size() / 2, agreeing + " of " + rows.size() + " units kept their position");
	}
}
