package org.convnetexplorer.images;

/**
 * How an original image maps onto the network's square input of side S (224 for AlexNet), exactly
 * as torchvision's {@code Resize(S)} + {@code CenterCrop(S)} in the PyTorch peer
 * ({@code shared/bench/peer_pytorch.py}) place it: the shorter side is scaled to S, the other
 * side by the same factor, and the center S×S is cropped.
 * <ul>
 * <li>resized width = max(S, round(width × S / min(width, height))), the same for the
 * height; {@code round} is Python's, halves to even (449×448 becomes 224×224, not 225×224).</li>
 * <li>crop origin = ((resized width − S) / 2, (resized height − S) / 2), integer division.</li>
 * <li>Each axis has its own scale, resized / original, which is what the resize really does to
 * that axis (the peer maps receptive fields back with S / min(width, height) on both axes,
 * which is off by less than half a resized pixel along the longer side).</li>
 * </ul>
 */
public final class Placement {

	private final int size;
	private final int width;
	private final int height;
	private final int resizedWidth;
	private final int resizedHeight;

	private Placement(int size, int width, int height, int resizedWidth, int resizedHeight) {
		this.size = size;
		this.width = width;
		this.height = height;
		this.resizedWidth = resizedWidth;
		this.resizedHeight = resizedHeight;
	}

	/**
	 * An image that goes into the network at its own size (a native-size scan): no resize, no crop, its input pixels
	 * are its own. {@link #inputSize} is then 0: there is no square input.
	 */
	public static Placement atOwnSize(int width, int height) {
		if (width < 1 || height < 1)
			throw new IllegalArgumentException("image size must be positive: " + width + "x" + height);
		return new Placement(0, width, height, width, height);
	}

	/** Whether the image goes in at its own size ({@link #atOwnSize}). */
	public boolean isOwnSize() {
		return size == 0;
	}

	/**
	 * @throws IllegalArgumentException if a side is not positive, or the image is so elongated
	 *             that its longer side would not fit an int once the shorter side is {@code size}
	 *             ({@link ImageDecoder} never returns such an image for sizes up to 224)
	 * @param size the side of the network's square input ({@link InputSpec#size})
	 */
	public static Placement of(int width, int height, int size) {
		if (width < 1 || height < 1)
			throw new IllegalArgumentException("image size must be positive: " + width + "x" + height);
		if (!canPlace(width, height, size))
			throw new IllegalArgumentException("too elongated to scale its shorter side to " + size + ": " +
				width + "x" + height);
		// The peer's arithmetic: one factor, then Python's round (half to even) per side.
		double factor = (double) size / Math.min(width, height);
		return new Placement(size, width, height, resizedSide(width, factor, size), resizedSide(height, factor, size));
	}

	/** Whether {@link #of} accepts this size. */
	static boolean canPlace(int width, int height, int size) {
		return Math.rint(Math.max(width, height) * ((double) size / Math.min(width, height))) <= Integer.MAX_VALUE;
	}

	private static int resizedSide(int side, double factor, int size) {
		return Math.max(size, (int) Math.rint(side * factor));
	}

	/** The side of the network's square input; 0 for an image {@link #atOwnSize}. */
	public int inputSize() {
		return size;
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

	/** Left edge of the input's crop in the resized image. */
	public int cropX() {
		return isOwnSize() ? 0 : (resizedWidth - size) / 2;
	}

	/** Top edge of the input's crop in the resized image. */
	public int cropY() {
		return isOwnSize() ? 0 : (resizedHeight - size) / 2;
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
	 * Maps an x coordinate of the network input (0 is the left edge of its first pixel, its size
	 * the right edge of its last) to the original image: (inputX + cropX) / scaleX. Works outside
	 * the input too, for receptive fields that overhang it.
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
