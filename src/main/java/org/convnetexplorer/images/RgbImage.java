package org.convnetexplorer.images;

import java.awt.image.BufferedImage;

/**
 * A decoded image: 8-bit RGB packed as {@code 0xRRGGBB} ints, row-major, no alpha.
 * <p>
 * The pixel array is shared, not copied, so that a scan of millions of images copies no pixels
 * twice; whoever holds the image must not modify it. The top byte of a pixel is ignored.
 */
public final class RgbImage {

	private final int width;
	private final int height;
	private final int[] pixels;

	/**
	 * @param pixels {@code width * height} packed {@code 0xRRGGBB} values, row-major; kept, not copied
	 * @throws IllegalArgumentException if a side is not positive or the array has the wrong length
	 */
	public RgbImage(int width, int height, int[] pixels) {
		if (width < 1 || height < 1)
			throw new IllegalArgumentException("image size must be positive: " + width + "x" + height);
		if (pixels.length != (long) width * height)
			throw new IllegalArgumentException(pixels.length + " pixels for a " + width + "x" + height + " image");
		this.width = width;
		this.height = height;
		this.pixels = pixels;
	}

	/** A picture's pixels (the run folder's kept PNGs, read back), alpha ignored. */
	public static RgbImage of(BufferedImage picture) {
		int width = picture.getWidth();
		int height = picture.getHeight();
		return new RgbImage(width, height, picture.getRGB(0, 0, width, height, null, 0, width));
	}

	public int width() {
		return width;
	}

	public int height() {
		return height;
	}

	/** The backing array (not a copy): pixel (x, y) is at {@code y * width() + x}. */
	public int[] pixels() {
		return pixels;
	}
}
