package org.convnetexplorer.deconv;

import java.util.Arrays;
import java.util.List;

import org.convnetexplorer.network.AlexNetLayer;
import org.convnetexplorer.network.BatchMaxima;
import org.convnetexplorer.network.ConvTrunk;

/**
 * Zeiler and Fergus's occlusion experiment (2013, section 4.2) for one unit: a grey square slides over the 224×224
 * input and the unit's maximum over its feature map is recorded at each position of the square. Grey is the mean pixel,
 * zero after normalization. The square's top-left corner takes the positions 0, stride, 2·stride, … that keep it
 * inside the input, on both axes; where (224 − size) is no multiple of the stride, the last strip of the right and
 * bottom edges is never covered on its own.
 */
public final class OcclusionSensitivity {

	private static final int SIZE = ConvTrunk.INPUT_SIZE;

	public final AlexNetLayer layer;
	public final int unit;
	public final int size;
	public final int stride;
	/** Positions of the square per axis. */
	public final int steps;
	/** The unit's maximum without occluder. */
	public final float unoccluded;
	private final float[] occluded;

	private OcclusionSensitivity(AlexNetLayer layer, int unit, int size, int stride, float unoccluded, float[] occluded) {
		this.layer = layer;
		this.unit = unit;
		this.size = size;
		this.stride = stride;
		this.steps = steps(size, stride);
		this.unoccluded = unoccluded;
		this.occluded = occluded;
	}

	/** Positions of the square per axis, for a square of {@code size} moved by {@code stride}. */
	public static int steps(int size, int stride) {
		if (size < 1 || size > SIZE) throw new IllegalArgumentException("size must be 1.." + SIZE + ", not " + size);
		if (stride < 1) throw new IllegalArgumentException("stride must be at least 1, not " + stride);
		return (SIZE - size) / stride + 1;
	}

	/**
	 * Runs the unoccluded image and every occluded copy through the trunk, {@code batch} copies a run.
	 *
	 * @param image one normalized image, CHW, {@link ConvTrunk#INPUT_FLOATS} floats
	 */
	public static OcclusionSensitivity compute(ConvTrunk trunk, float[] image, AlexNetLayer layer, int unit, int size,
		int stride, int batch)
	{
		if (unit < 0 || unit >= layer.units)
			throw new IllegalArgumentException(layer.id() + " has units 0.." + (layer.units - 1) + ", not " + unit);
		if (batch < 1) throw new IllegalArgumentException("batch must be at least 1, not " + batch);
		int steps = steps(size, stride);
		List<AlexNetLayer> layers = List.of(layer);
		float unoccluded = trunk.forward(image, 1, layers).get(layer).value(0, unit);
		float[] occluded = new float[steps * steps];
		float[] copies = new float[batch * ConvTrunk.INPUT_FLOATS];
		for (int first = 0; first < occluded.length; first += batch) {
			int count = Math.min(batch, occluded.length - first);
			for (int i = 0; i < count; i++) {
				int position = first + i;
				occlude(image, position % steps * stride, position / steps * stride, size, copies,
					i * ConvTrunk.INPUT_FLOATS);
			}
			BatchMaxima maxima = trunk.forward(copies, count, layers).get(layer);
			for (int i = 0; i < count; i++)
				occluded[first + i] = maxima.value(i, unit);
		}
		return new OcclusionSensitivity(layer, unit, size, stride, unoccluded, occluded);
	}

	/** Copies the image to {@code destination} at {@code offset} with a grey (zero) square at (x0, y0). */
	static void occlude(float[] image, int x0, int y0, int size, float[] destination, int offset) {
		System.arraycopy(image, 0, destination, offset, ConvTrunk.INPUT_FLOATS);
		for (int c = 0; c < 3; c++)
			for (int y = y0; y < y0 + size; y++) {
				int row = offset + (c * SIZE + y) * SIZE;
				Arrays.fill(destination, row + x0, row + x0 + size, 0f);
			}
	}

	/** The unit's maximum with the square's corner at (stride·gx, stride·gy). */
	public float occluded(int gx, int gy) {
		return occluded[gy * steps + gx];
	}

	/** The unit's maxima per position, row-major ({@link #steps} × {@link #steps}). */
	public float[] occludedMap() {
		return occluded.clone();
	}

	/** How much the unit's maximum falls per position: unoccluded − occluded, row-major. */
	public float[] dropMap() {
		float[] drop = new float[occluded.length];
		for (int i = 0; i < drop.length; i++)
			drop[i] = unoccluded - occluded[i];
		return drop;
	}
}
