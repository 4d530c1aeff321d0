package org.convnetexplorer.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.ColorProcessor;

/**
 * Random byte changes, from a fixed seed, to small PNG, JPEG, GIF, BMP and TIFF files (written here by the JDK's
 * writers, ImageJ and by hand): every mutant is read or refused with a one-line reason, and nothing else escapes.
 * The time limit is a guard against a hang, not a speed check.
 */
class ByteFlipFuzzTest {

	private static final long SEED = 13;
	private static final int MUTANTS_PER_FILE = 50;

	@TempDir
	Path dir;

	@Test
	void everyMutantIsReadOrRefusedWithAReason() throws Exception {
		Map<String, byte[]> originals = originals();
		Random random = new Random(SEED);
		Map<Path, String> mutants = new LinkedHashMap<>();
		for (Map.Entry<String, byte[]> original : originals.entrySet()) {
			for (int i = 0; i < MUTANTS_PER_FILE; i++) {
				Path file = dir.resolve(i + "-" + original.getKey());
				Files.write(file, mutate(original.getValue(), random));
				mutants.put(file, null);
			}
		}

		int[] outcomes = new int[2];
		assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
			for (Path file : mutants.keySet()) {
				try {
					RgbImage image = ImageDecoder.read(file);
					assertEquals(image.width() * image.height(), image.pixels().length, file.toString());
					outcomes[0]++;
				}
				catch (UnreadableImageException e) {
					String reason = e.getMessage();
					assertFalse(reason.isBlank(), file.toString());
					assertEquals(1, reason.lines().count(), file + ": " + reason);
					outcomes[1]++;
				}
				catch (Throwable e) {
					throw new AssertionError(file + " escaped the decoder with " + e, e);
				}
			}
		});

		assertEquals(originals.size() * MUTANTS_PER_FILE, outcomes[0] + outcomes[1]);
		// the changes hit both: a fuzzer whose mutants were all refused (or all read) would test little
		assertTrue(outcomes[0] > 20 && outcomes[1] > 20, outcomes[0] + " read, " + outcomes[1] + " refused");
	}

	/** Up to 8 bytes changed, mostly in the first 512 where headers, directories and chunk lengths are. */
	private static byte[] mutate(byte[] original, Random random) {
		byte[] bytes = original.clone();
		int changes = 1 + random.nextInt(8);
		for (int i = 0; i < changes; i++) {
			int position = random.nextInt(4) > 0 ? random.nextInt(Math.min(512, bytes.length)) : random.nextInt(bytes.length);
			bytes[position] = (byte) random.nextInt(256);
		}
		return bytes;
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
