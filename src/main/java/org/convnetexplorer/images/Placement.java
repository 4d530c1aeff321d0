package org.convnetexplorer.images;

/**
 * How an original image maps onto the network's {@value Preprocessor#SIZE}×{@value Preprocessor#SIZE}
 * input, exactly as torchvision's {@code Resize(224)} + {@code CenterCrop(224)} in the PyTorch peer
 * ({@code shared/bench/peer_pytorch.py}) place it: the shorter side is scaled to 224, the other
 * side by the same factor, and the center 224×224 is cropped.
 * <ul>
 * <li>resized width = max(224, round(width × 224 / min(width, height))), the same for the
 * height; {@code round} is Python's, halves to even (449×448 becomes 224×224, not 225×224).</li>
 * <li>crop origin = ((resized width − 224) / 2, (resized height − 224) / 2), integer division.</li>
 * <li>Each axis has its own scale, resized / original, which is what the resize really does to
 * that axis (the peer maps receptive fields back with 224 / min(width, height) on both axes,
 * which is off by less than half a resized pixel along the longer side).</li>
 * </ul>
 */
public final class Placement {

	private static final int SIZE = Preprocessor.SIZE;

	private final int width;
	private final int height;
	private final int resizedWidth;
	private final int resizedHeight;

	private Placement(int width, int height, int resizedWidth, int resizedHeight) {
		this.width = width;
		this.height = height;
		this.resizedWidth = resizedWidth;
		this.resizedHeight = resizedHeight;
	}

	/**
	 * @throws IllegalArgumentException if a side is not positive, or the image is so elongated
	 *             that its longer side would not fit an int once the shorter side is 224
	 *             ({@link ImageDecoder} never returns such an image)
	 */
	public static Placement of(int width, int height) {
		if (width < 1 || height < 1)
			throw new IllegalArgumentException("image size must be positive: " + width + "x" + height);
		if (!canPlace(width, height))
			throw new IllegalArgumentException("too elongated to scale its shorter side to " + SIZE + ": " +
				width + "x" + height);
		// The peer's arithmetic: one factor, then Python's round (half to even) per side.
		double factor = (double) SIZE / Math.min(width, height);
		return new Placement(width, height, resizedSide(width, factor), resizedSide(height, factor));
	}

	/** Whether {@link #of} accepts this size. */
	static boolean canPlace(int width, int height) {
		return Math.rint(Math.max(width, height) * ((double) SIZE / Math.min(width, height))) <= Integer.MAX_VALUE;
	}

	private static int resizedSide(int side, double factor) {
		return Math.max(SIZE, (int) Math.rint(side * factor));
	}

	/** The original image's width. */
	public int originalWidth() {
		return width;
	}

	/** The original image's height. */
	public int originalHeight() {
		return height;
	}

	public int resizedWidth() {
		return resizedWidth;
	}

	public int resizedHeight() {
		return resizedHeight;
	}

	/** Left edge of the 224×224 crop in the resized image. */
	public int cropX() {
		return (resizedWidth - SIZE) / 2;
	}

	/** Top edge of the 224×224 crop in the resized image. */
	public int cropY() {
		return (resizedHeight - SIZE) / 2;
	}

	/** resizedWidth / originalWidth. */
	public double scaleX() {
		return (double) resizedWidth / width;
	}

	/** resizedHeight / originalHeight. */
	public double scaleY() {
		return (double) resizedHeight / height;
	}

	/**
	 * Maps an x coordinate of the network input (0 is the left edge of its first pixel, 224 the
	 * right edge of its last) to the original image: (inputX + cropX) / scaleX. Works outside
	 * 0..224 too, for receptive fields that overhang the input.
	 */
	public double toOriginalX(double inputX) {
		return (inputX + cropX()) / scaleX();
	}

	/** Like {@link #toOriginalX} for y: (inputY + cropY) / scaleY. */
	public double toOriginalY(double inputY) {
		return (inputY + cropY()) / scaleY();
	}

	@Override
	public String toString() {
		return width + "x" + height + " -> " + resizedWidth + "x" + resizedHeight + ", crop at " + cropX() + "," + cropY();
	}
}
