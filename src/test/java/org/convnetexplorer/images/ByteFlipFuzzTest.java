package org.convnetexplorer.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import javax.imageio.ImageIO;

import org.convnetexplorer.ByteFlips;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.ColorProcessor;

/**
 * Random byte changes, from a fixed seed, to small PNG, JPEG, GIF, BMP and TIFF files (written here by the JDK's
 * writers, ImageJ and by hand): every mutant is read or refused with a one-line reason, and nothing else escapes.
 */
class ByteFlipFuzzTest {

	private static final long SEED = 13;

	@TempDir
	Path dir;

	@Test
	void everyMutantIsReadOrRefusedWithAReason() throws Exception {
		ByteFlips.assertReadOrRefused(ByteFlips.write(dir, originals(), 50, SEED, 512), UnreadableImageException.class,
			file -> {
				RgbImage image = ImageDecoder.read(file);
				assertEquals(image.width() * image.height(), image.pixels().length, file.toString());
			});
	}

	private static Map<String, byte[]> originals() throws IOException {
		BufferedImage noise = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
		Random random = new Random(SEED);
		for (int y = 0; y < noise.getHeight(); y++)
			for (int x = 0; x < noise.getWidth(); x++)
				noise.setRGB(x, y, random.nextInt(1 << 24));
		Map<String, byte[]> originals = new LinkedHashMap<>();
		for (String format : new String[] { "png", "jpeg", "gif", "bmp" }) {
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			assertTrue(ImageIO.write(noise, format, bytes), format);
			originals.put("noise." + format, bytes.toByteArray());
		}
		originals.put("pages.tif", TiffBytes.chain(6, 5, new int[] { 10, 20, 30 }, new int[] { 1, 2, -1 }));
		return withImageJTiff(originals, noise);
	}

	private static Map<String, byte[]> withImageJTiff(Map<String, byte[]> originals, BufferedImage image)
		throws IOException
	{
		Path file = Files.createTempFile("imagej", ".tif");
		try {
			assertTrue(new FileSaver(new ImagePlus("noise", new ColorProcessor(image))).saveAsTiff(file.toString()));
			originals.put("imagej.tif", Files.readAllBytes(file));
		}
		finally {
			Files.delete(file);
		}
		return originals;
	}
}
