package org.convnetexplorer.images;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import ij.IJ;
import ij.ImagePlus;

/**
 * Milliseconds per image, on one thread, for the 400 bench JPEGs (longer side 256–640): decoding
 * with {@link ImageDecoder}, preprocessing with {@link Preprocessor}, and, for comparison,
 * opening with ImageJ's {@code IJ.openImage}. Off by default; run it on a folder of photos
 * (the bench images beside the project, for instance) with
 * {@code mvn -o test -Dtest=DecodeBenchmarkTest -Dbenchmark.images=DIR}.
 */
@EnabledIfSystemProperty(named = "benchmark.images", matches = ".+")
class DecodeBenchmarkTest {

	private static final Path FOLDER = Paths.get(System.getProperty("benchmark.images", ""));
	private static final int ROUNDS = 3;

	@Test
	void printMillisecondsPerImage() throws IOException {
		List<Path> files = new ArrayList<>();
		for (String name : ImageFolder.list(FOLDER, false))
			files.add(FOLDER.resolve(name));
		List<RgbImage> images = new ArrayList<>();
		for (Path file : files)
			images.add(ImageDecoder.read(file)); // also warms up
		Preprocessor preprocessor = new Preprocessor(InputSpec.IMAGENET);
		FloatBuffer input = FloatBuffer.allocate(InputSpec.IMAGENET.floats());
		preprocess(images, preprocessor, input);
		openWithImageJ(files);

		double decode = Double.MAX_VALUE;
		double preprocess = Double.MAX_VALUE;
		double imageJ = Double.MAX_VALUE;
		for (int round = 0; round < ROUNDS; round++) {
			long start = System.nanoTime();
			for (Path file : files)
				ImageDecoder.read(file);
			decode = Math.min(decode, millisPerImage(start, files.size()));
			start = System.nanoTime();
			preprocess(images, preprocessor, input);
			preprocess = Math.min(preprocess, millisPerImage(start, files.size()));
			start = System.nanoTime();
			openWithImageJ(files);
			imageJ = Math.min(imageJ, millisPerImage(start, files.size()));
		}
		System.out.printf(Locale.ROOT, "%d images, best of %d rounds, one thread:%n" +
			"  decode (ImageDecoder, javax.imageio) %.2f ms/image%n" +
			"  preprocess (resize + crop + normalize) %.2f ms/image%n" +
			"  IJ.openImage + RGB pixels, for comparison %.2f ms/image%n", files.size(), ROUNDS, decode, preprocess,
			imageJ);
	}

	private static void preprocess(List<RgbImage> images, Preprocessor preprocessor, FloatBuffer input) {
		for (RgbImage image : images) {
			input.clear();
			preprocessor.write(image, InputSpec.IMAGENET.place(image.width(), image.height()), input);
		}
	}

	private static void openWithImageJ(List<Path> files) {
		for (Path file : files) {
			ImagePlus image = IJ.openImage(file.toString());
			image.getProcessor().convertToRGB().getPixels();
		}
	}

	private static double millisPerImage(long start, int count) {
		return (System.nanoTime() - start) / 1e6 / count;
	}
}
