package org.convnetexplorer.occlusion;

import java.util.Arrays;
import java.util.concurrent.CancellationException;

import org.convnetexplorer.images.InputSpec;
import org.convnetexplorer.network.BatchMaxima;
import org.convnetexplorer.network.Layer;
import org.convnetexplorer.network.Trunk;
import org.convnetexplorer.scan.ScanMonitor;

/**
 * Zeiler and Fergus's occlusion experiment (2013, section 4.2) for one unit of any network: a grey square slides over
 * the network's input and the unit's maximum over its feature map is recorded at each position of the square. Grey is the mean pixel,
 * zero after normalization. The square's top-left corner takes the positions 0, stride, 2·stride, … that keep it
 * inside the input, on both axes; where (input size − size) is no multiple of the stride, the last strip of the right and
 * bottom edges is never covered on its own.
 */
public final class OcclusionSensitivity {

	public final Layer layer;
	public final int unit;
	public final int size;
	public final int stride;
	/** Positions of the square per axis. */
	public final int steps;
	/** The unit's maximum without occluder. */
	public final float unoccluded;
	private final float[] occluded;

	private OcclusionSensitivity(Layer layer, int unit, int size, int stride, int steps, float unoccluded,
		float[] occluded)
	{
		this.layer = layer;
		this.unit = unit;
		this.size = size;
		this.stride = stride;
		this.steps = steps;
		this.unoccluded = unoccluded;
		this.occluded = occluded;
	}

	/** Positions of the square per axis, for a square of {@code size} moved by {@code stride} over the input. */
	public static int steps(int size, int stride, int inputSize) {
		if (size < 1 || size > inputSize)
			throw new IllegalArgumentException("size must be 1.." + inputSize + ", not " + size);
		if (stride < 1) throw new IllegalArgumentException("stride must be at least 1, not " + stride);
		return (inputSize - size) / stride + 1;
	}

	/**
	 * Runs the unoccluded image and every occluded copy through the trunk, {@code batch} copies a run.
	 *
	 * @param trunk a trunk that computes {@code layer}
	 * @param image one normalized image, CHW, {@code input.floats()} floats
	 */
	public static OcclusionSensitivity compute(Trunk trunk, InputSpec input, float[] image, Layer layer, int unit,
		int size, int stride, int batch)
	{
		return compute(trunk, input, image, layer, unit, size, stride, batch, ScanMonitor.NONE);
	}

	/**
	 * As above, telling {@code monitor} the positions done after each run and polling its cancel between runs.
	 *
	 * @throws CancellationException when the monitor cancels
	 */
	public static OcclusionSensitivity compute(Trunk trunk, InputSpec input, float[] image, Layer layer, int unit,
		int size, int stride, int batch, ScanMonitor monitor)
	{
		checkUnit(layer, unit);
		if (batch < 1) throw new IllegalArgumentException("batch must be at least 1, not " + batch);
		if (!trunk.layers().contains(layer)) throw new IllegalArgumentException("the trunk does not compute " + layer);
		int steps = steps(size, stride, input.size());
		float unoccluded = trunk.forward(image, 1).get(layer).value(0, unit);
		float[] occluded = new float[steps * steps];
		int floats = input.floats();
		float[] copies = new float[batch * floats];
		for (int first = 0; first < occluded.length; first += batch) {
			int count = Math.min(batch, occluded.length - first);
			for (int i = 0; i < count; i++) {
				int position = first + i;
				occlude(input, image, position % steps * stride, position / steps * stride, size, copies, i * floats);
			}
			BatchMaxima maxima = trunk.forward(copies, count).get(layer);
			for (int i = 0; i < count; i++)
				occluded[first + i] = maxima.value(i, unit);
			monitor.progress(first + count, occluded.length, 0);
			if (monitor.cancelled()) throw new CancellationException("occlusion stopped after " + (first + count) +
				" of " + occluded.length + " positions");
		}
		return new OcclusionSensitivity(layer, unit, size, stride, steps, unoccluded, occluded);
	}

	/** @throws IllegalArgumentException naming the layer's units, where it has no such unit */
	public static void checkUnit(Layer layer, int unit) {
		if (unit < 0 || unit >= layer.units())
			throw new IllegalArgumentException(layer.name() + " has units 0.." + (layer.units() - 1) + ", not " + unit);
	}

	/** Copies the image to {@code destination} at {@code offset} with a grey (zero) square at (x0, y0). */
	static void occlude(InputSpec input, float[] image, int x0, int y0, int size, float[] destination, int offset) {
		int side = input.size();
		System.arraycopy(image, 0, destination, offset, input.floats());
		for (int c = 0; c < input.channels(); c++)
			for (int y = y0; y < y0 + size; y++) {
				int row = offset + (c * side + y) * side;
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
