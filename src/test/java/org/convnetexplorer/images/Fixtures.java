package org.convnetexplorer.images;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;

import javax.imageio.ImageIO;

/** Test inputs: the fixtures of {@link org.convnetexplorer.Fixtures}, and the PIL references in the test resources. */
final class Fixtures {

	static final Path EDGE_CASES = org.convnetexplorer.Fixtures.EDGE_CASES;
	static final Path NATURAL224 = org.convnetexplorer.Fixtures.NATURAL224;
	static final Path REFERENCE = org.convnetexplorer.Fixtures.REFERENCE;

	private Fixtures() {
	}

	/** A file of src/test/resources/org/convnetexplorer/images. */
	static Path resource(String name) {
		try {
			return Paths.get(Fixtures.class.getResource(name).toURI());
		}
		catch (URISyntaxException e) {
			throw new IllegalStateException(e);
		}
	}

	/** An RGB PNG written by src/test/python/make_resize_fixture.py, read with javax.imageio, not our decoder. */
	static RgbImage pilReference(String name) {
		try {
			BufferedImage image = ImageIO.read(resource(name).toFile());
			int width = image.getWidth();
			int height = image.getHeight();
			int[] pixels = image.getRGB(0, 0, width, height, null, 0, width);
			for (int i = 0; i < pixels.length; i++)
				pixels[i] &= 0xffffff;
			return new RgbImage(width, height, pixels);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** The largest difference of any channel of any pixel; fails if the sizes differ. */
	static int maxChannelDifference(RgbImage expected, RgbImage actual) {
		assertEquals(expected.width() + "x" + expected.height(), actual.width() + "x" + actual.height(), "size");
		int max = 0;
		for (int i = 0; i < expected.pixels().length; i++) {
			int a = expected.pixels()[i];
			int b = actual.pixels()[i];
			for (int shift = 0; shift <= 16; shift += 8)
				max = Math.max(max, Math.abs((a >>> shift & 0xff) - (b >>> shift & 0xff)));
		}
		return max;
	}
}
