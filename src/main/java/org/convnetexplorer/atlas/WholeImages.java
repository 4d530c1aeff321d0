package org.convnetexplorer.atlas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collection;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.convnetexplorer.images.BilinearResampler;
import org.convnetexplorer.images.ImageDecoder;
import org.convnetexplorer.images.RgbImage;
import org.convnetexplorer.results.WinnerImages;
import org.convnetexplorer.weights.Sha256;

/**
 * Copies of the winning images, as the scan decoded them (gray as RGB, 16-bit scaled, EXIF orientation ignored: the
 * pixels the fields refer to), small or at full size, under names made from a hash of their path: stable across
 * regenerations, and free of the user's file names. An image changed or gone since the scan gets no copy, with the
 * reason: the atlas must not pass another picture off as the scan's.
 */
final class WholeImages {

	/** The folder of the copies, in the atlas: '_' cannot start a layer's folder name. */
	static final String FOLDER = "_images";

	/** One winning image: its copy (null when there is none) and its size in the scan, or why there is no copy. */
	static final class WholeImage {
		final String file;
		final int width;
		final int height;
		final String missing;

		private WholeImage(String file, int width, int height, String missing) {
			this.file = file;
			this.width = width;
			this.height = height;
			this.missing = missing;
		}
	}

	private static final ThreadLocal<BilinearResampler> RESAMPLER = ThreadLocal.withInitial(BilinearResampler::new);

	private final Map<String, WholeImage> copies = new ConcurrentHashMap<>();

	/** Nothing copied: {@link ImageChoice#PATCHES_ONLY}. */
	static WholeImages none() {
		return new WholeImages();
	}

	/**
	 * Copies each image (paths relative to {@code imagesFolder}, as in topk.csv) into {@code atlas}/{@value #FOLDER}.
	 * Runs on the calling thread's pool: call it inside {@link java.util.concurrent.ForkJoinPool#submit}.
	 */
	static WholeImages copy(Collection<String> images, Path imagesFolder, WinnerImages winners, ImageChoice choice,
		Path atlas, Consumer<String> status)
	{
		WholeImages whole = new WholeImages();
		new TreeSet<>(images).parallelStream().forEach(image -> whole.copies.put(image,
			copyOne(image, imagesFolder, winners, choice, atlas, status)));
		return whole;
	}

	private static WholeImage copyOne(String image, Path imagesFolder, WinnerImages winners, ImageChoice choice,
		Path atlas, Consumer<String> status)
	{
		if (!insideTheFolder(image)) return missing(image, "is not a path inside the images folder", status);
		String change = winners.changeSinceScan(imagesFolder, image);
		if (change != null) return missing(image, change, status);
		RgbImage original;
		try {
			original = ImageDecoder.read(imagesFolder.resolve(image));
		}
		catch (IOException e) {
			return missing(image, "cannot be read (" + e.getMessage() + ")", status);
		}
		catch (OutOfMemoryError e) {
			return missing(image, "too large to decode in the memory Java was given (-Xmx)", status);
		}
		RgbImage copy = choice == ImageChoice.FULL_SIZE ? original : small(original);
		String file = fileName(image);
		try {
			JpegFile.write(copy, atlas.resolve(FOLDER).resolve(file));
		}
		catch (IOException e) {
			throw new UncheckedIOException("could not write the copy of " + image + ": " + e.getMessage(), e);
		}
		return new WholeImage(file, original.width(), original.height(), null);
	}

	/** topk.csv is data: a name must not reach outside the images folder. */
	private static boolean insideTheFolder(String image) {
		try {
			Path path = Paths.get(image);
			return !path.isAbsolute() && !path.normalize().startsWith("..");
		}
		catch (InvalidPathException e) {
			return false;
		}
	}

	private static WholeImage missing(String image, String reason, Consumer<String> status) {
		status.accept("No copy of " + image + " in the atlas: it " + reason);
		return new WholeImage(null, 0, 0, "the image " + reason);
	}

	/** The image with its longer side at most {@link ImageChoice#SMALL_SIDE}. */
	private static RgbImage small(RgbImage image) {
		int longer = Math.max(image.width(), image.height());
		if (longer <= ImageChoice.SMALL_SIDE) return image;
		double scale = (double) ImageChoice.SMALL_SIDE / longer;
		return RESAMPLER.get().resize(image, Math.max(1, (int) Math.round(image.width() * scale)),
			Math.max(1, (int) Math.round(image.height() * scale)));
	}

	/** A name of the path's hash: the same image gets the same name in every atlas of the run. */
	static String fileName(String image) {
		return Sha256.hexOf(image.getBytes(StandardCharsets.UTF_8)).substring(0, 20) + ".jpg";
	}

	/** The image's copy, or null when the atlas holds none (patches only). */
	WholeImage of(String image) {
		return copies.get(image);
	}
}
