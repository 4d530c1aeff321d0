package org.convnetexplorer.deconv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.convnetexplorer.Fixtures;
import org.convnetexplorer.cli.ConvNetExplorerCli;
import org.convnetexplorer.images.BilinearResampler;
import org.convnetexplorer.images.ImageDecoder;
import org.convnetexplorer.images.RgbImage;
import org.convnetexplorer.ij1.LayerChooser;
import org.convnetexplorer.network.AlexNet;
import org.convnetexplorer.network.Layer;
import org.convnetexplorer.render.MontageFiles;
import org.convnetexplorer.render.MontageLayout;
import org.convnetexplorer.render.PatchCutter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;

/** {@code deconv} on a real scan of the natural224 fixtures (seed-0 weights, conv1 and conv5, top 3). */
class DeconvCommandTest {

	private static final int K = 3;
	private static final int CELL = 40;

	@TempDir
	static Path temp;

	private static Path scan;

	private final StringWriter messages = new StringWriter();

	@BeforeAll
	static void scanFixtures() {
		scan = temp.resolve("scan");
		StringWriter log = new StringWriter();
		int code = ConvNetExplorerCli.execute(new PrintWriter(log, true), "scan", "--images",
			Fixtures.require(Fixtures.NATURAL224).toString(), "--output", scan.toString(), "--weights",
			Fixtures.require(Fixtures.SEED0).toString(), "--layers", "conv1,conv5", "--top", String.valueOf(K),
			"--device", "cpu", "--threads", "2");
		assertEquals(0, code, log.toString());
	}

	private int run(String... args) {
		return ConvNetExplorerCli.execute(new PrintWriter(messages, true), args);
	}

	@Test
	@Timeout(300)
	void writesPatchesBesideProjectionsForEveryUnit() throws Exception {
		assertEquals(0, run("deconv", "--output", scan.toString(), "--device", "cpu", "--threads", "2", "--cell",
			String.valueOf(CELL), "--batch", "7"), messages.toString());
		MontageLayout layout = new MontageLayout(CELL, K);
		for (Layer layer : new Layer[] { AlexNet.CONV1, AlexNet.CONV5 }) {
			ImagePlus stack = MontageFiles.read(scan.resolve(layer.name() + "-deconv.tif"));
			assertEquals(layer.units(), stack.getStackSize());
			assertEquals(2 * layout.width() + DeconvMontage.SEPARATOR, stack.getWidth());
			assertEquals(layout.height(), stack.getHeight());
			assertEquals(layer.name() + " unit 7", stack.getStack().getSliceLabel(8));
		}

		// conv5 unit 7's winner is astronaut_032.png at (7, 7), as in the torch fixture: its cells must show that
		// image's field and the torch projection, rendered the documented way (±1 grey level for float differences).
		int[] slice = (int[]) MontageFiles.read(scan.resolve("conv5-deconv.tif")).getStack().getPixels(8);
		int width = 2 * layout.width() + DeconvMontage.SEPARATOR;
		RgbImage image = ImageDecoder.read(Fixtures.NATURAL224.resolve("astronaut_032.png"));
		RgbImage patch = PatchCutter.cut(image, AlexNet.CONV5.field(0).inputBox(7, 7));
		assertCell(new BilinearResampler().resize(patch, CELL, CELL), slice, width, layout.cellX(0), layout.cellY(0), 0);
		Projection torch = new Projection(AlexNet.CONV5.field(0).inputBox(7, 7),
			fixtureFloats("conv5-u7-astronaut_032.f32"));
		assertCell(new BilinearResampler().resize(torch.toRgb(), CELL, CELL), slice, width,
			layout.width() + DeconvMontage.SEPARATOR + layout.cellX(0), layout.cellY(0), 1);
		long conv5Winners = Files.readAllLines(scan.resolve("topk.csv")).stream().filter(l -> l.startsWith("conv5,")).count();
		assertTrue(messages.toString().contains("conv5: " + conv5Winners + " projections"), messages.toString());
	}

	/** The dialogs' "Choose layers..." offers the layers the run scanned, not all of its network's. */
	@Test
	void theLayerChooserListsTheScannedLayers() {
		assertEquals(List.of("conv1", "conv5"), LayerChooser.scannedOrSay(scan.toString()));
	}

	@Test
	void aLayerTheScanLacksIsAOneLineFailure() {
		assertEquals(1, run("deconv", "--output", scan.toString(), "--layers", "conv3", "--device", "cpu"));
		assertTrue(messages.toString().contains("has no conv3 winners"), messages.toString());
	}

	@Test
	void aScanWhoseModelIsGoneIsRefusedWithTheReason() throws Exception {
		Path other = Files.createDirectories(temp.resolve("other-network"));
		Files.writeString(other.resolve("run.json"), "{\n  \"images\": \"" + Fixtures.NATURAL224 +
			"\",\n  \"model\": \"net.onnx\",\n  \"layers\": [\"/features/features.3/Concat\"],\n  \"top\": 3\n}\n");
		Files.writeString(other.resolve("topk.csv"), "layer,unit,rank,image,activation,fy,fx,x0,y0,x1,y1\n");
		assertEquals(1, run("deconv", "--output", other.toString(), "--device", "cpu"));
		assertTrue(messages.toString().contains("the model net.onnx that " + other + " scanned is gone"),
			messages.toString());
	}

	@Test
	void aFolderWithoutRunJsonIsAOneLineFailure() {
		assertEquals(1, run("deconv", "--output", temp.resolve("nothing").toString()));
		assertTrue(messages.toString().contains("holds no run.json"), messages.toString());
	}

	private static void assertCell(RgbImage expected, int[] slice, int sliceWidth, int x0, int y0, int tolerance) {
		for (int y = 0; y < CELL; y++)
			for (int x = 0; x < CELL; x++) {
				int e = expected.pixels()[y * CELL + x];
				int a = slice[(y0 + y) * sliceWidth + x0 + x];
				for (int shift = 0; shift <= 16; shift += 8)
					assertTrue(Math.abs((e >> shift & 0xff) - (a >> shift & 0xff)) <= tolerance,
						"pixel " + x + "," + y + ": expected " + Integer.toHexString(e) + ", found " +
							Integer.toHexString(a));
			}
	}

	private static float[] fixtureFloats(String name) throws Exception {
		try (InputStream in = DeconvCommandTest.class.getResourceAsStream("/org/convnetexplorer/deconv/" + name)) {
			ByteBuffer bytes = ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
			float[] values = new float[bytes.remaining() / 4];
			bytes.asFloatBuffer().get(values);
			return values;
		}
	}
}
