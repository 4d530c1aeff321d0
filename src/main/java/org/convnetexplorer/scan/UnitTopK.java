package org.convnetexplorer.scan;

import org.convnetexplorer.network.Layer;
import org.convnetexplorer.network.BatchMaxima;

/**
 * Streaming top-k of one layer: for every unit the k images whose maximum activation is highest, one position per
 * image, only activations &gt; 0. The order is total (activation descending, then image index, then position), so the
 * result does not depend on the order batches arrive in. Memory is units × k, whatever the number of images.
 */
public final class UnitTopK {

	public final Layer layer;
	public final int k;
	private final float[] values;
	private final int[] positions;
	private final ScannedImage[] images;
	private final int[] counts;

	public UnitTopK(Layer layer, int k) {
		this.layer = layer;
		this.k = k;
		values = new float[layer.units() * k];
		positions = new int[layer.units() * k];
		images = new ScannedImage[layer.units() * k];
		counts = new int[layer.units()];
	}

	/** Offers every image of a batch; {@code batchImages[i]} is the image in row i of {@code maxima}. */
	public synchronized void offer(BatchMaxima maxima, ScannedImage[] batchImages) {
		for (int i = 0; i < maxima.images; i++)
			for (int unit = 0; unit < layer.units(); unit++)
				offer(unit, maxima.value(i, unit), maxima.position(i, unit), batchImages[i]);
	}

	/** Offers an entry of another table of this layer: restores a checkpoint, or merges the tables of two scans. */
	public synchronized void offer(TopEntry entry) {
		offer(entry.unit, entry.activation, entry.fy * layer.width() + entry.fx, entry.image);
	}

	private void offer(int unit, float value, int position, ScannedImage image) {
		if (!(value > 0)) return;
		int base = unit * k;
		int n = counts[unit];
		if (n == k && !ranksBefore(value, image.index, position, base + k - 1)) return;
		int slot = Math.min(n, k - 1);
		while (slot > 0 && ranksBefore(value, image.index, position, base + slot - 1)) {
			values[base + slot] = values[base + slot - 1];
			positions[base + slot] = positions[base + slot - 1];
			images[base + slot] = images[base + slot - 1];
			slot--;
		}
		values[base + slot] = value;
		positions[base + slot] = position;
		images[base + slot] = image;
		if (n < k) counts[unit] = n + 1;
	}

	private boolean ranksBefore(float value, int imageIndex, int position, int slot) {
		if (value != values[slot]) return value > values[slot];
		if (imageIndex != images[slot].index) return imageIndex < images[slot].index;
		return position < positions[slot];
	}

	/** How many images activate the unit (at most k). */
	public synchronized int count(int unit) {
		return counts[unit];
	}

	/** The unit's entry of the given rank (0-based). */
	public synchronized TopEntry entry(int unit, int rank) {
		if (rank >= counts[unit]) throw new IndexOutOfBoundsException("unit " + unit + " has " + counts[unit] + " entries");
		int slot = unit * k + rank;
		int width = layer.width();
		return new TopEntry(layer, unit, rank + 1, images[slot], values[slot], positions[slot] / width,
			positions[slot] % width);
	}
}
