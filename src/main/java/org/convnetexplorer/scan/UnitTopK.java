package org.convnetexplorer.scan;

import org.convnetexplorer.network.Layer;
import org.convnetexplorer.network.BatchMaxima;

/**
 * Streaming top-k of one layer: for every unit the k highest entries, only activations &gt; 0; a fixed-size scan offers
 * one position per image (its maximum), a native-size scan up to its per-image number. The order is total (activation
 * descending, then image index, then position row-major), so the result does not depend on the order batches arrive
 * in. Memory is units × k, whatever the number of images.
 */
public final class UnitTopK {

	public final Layer layer;
	public final int k;
	private final float[] values;
	private final int[] rows;
	private final int[] columns;
	private final ScannedImage[] images;
	private final int[] counts;

	public UnitTopK(Layer layer, int k) {
		this.layer = layer;
		this.k = k;
		values = new float[layer.units() * k];
		rows = new int[layer.units() * k];
		columns = new int[layer.units() * k];
		images = new ScannedImage[layer.units() * k];
		counts = new int[layer.units()];
	}

	/** Offers every image of a batch; {@code batchImages[i]} is the image in row i of {@code maxima}. */
	public synchronized void offer(BatchMaxima maxima, ScannedImage[] batchImages) {
		for (int i = 0; i < maxima.images; i++)
			for (int unit = 0; unit < layer.units(); unit++)
				offer(unit, maxima.value(i, unit), maxima.position(i, unit) / layer.width(),
					maxima.position(i, unit) % layer.width(), batchImages[i]);
	}

	/** Offers an entry of another table of this layer: restores a checkpoint, or merges the tables of two scans. */
	public synchronized void offer(TopEntry entry) {
		offer(entry.unit, entry.activation, entry.fy, entry.fx, entry.image);
	}

	/** Offers one position (fy, fx) of an image's map, whatever the map's size (a native-size scan's). */
	public synchronized void offer(int unit, float value, int fy, int fx, ScannedImage image) {
		if (!(value > 0)) return;
		int base = unit * k;
		int n = counts[unit];
		if (n == k && !ranksBefore(value, image.index, fy, fx, base + k - 1)) return;
		int slot = Math.min(n, k - 1);
		while (slot > 0 && ranksBefore(value, image.index, fy, fx, base + slot - 1)) {
			values[base + slot] = values[base + slot - 1];
			rows[base + slot] = rows[base + slot - 1];
			columns[base + slot] = columns[base + slot - 1];
			images[base + slot] = images[base + slot - 1];
			slot--;
		}
		values[base + slot] = value;
		rows[base + slot] = fy;
		columns[base + slot] = fx;
		images[base + slot] = image;
		if (n < k) counts[unit] = n + 1;
	}

	private boolean ranksBefore(float value, int imageIndex, int fy, int fx, int slot) {
		if (value != values[slot]) return value > values[slot];
		if (imageIndex != images[slot].index) return imageIndex < images[slot].index;
		return fy != rows[slot] ? fy < rows[slot] : fx < columns[slot];
	}

	/** How many images activate the unit (at most k). */
	public synchronized int count(int unit) {
		return counts[unit];
	}

	/** The unit's entry of the given rank (0-based). */
	public synchronized TopEntry entry(int unit, int rank) {
		if (rank >= counts[unit]) throw new IndexOutOfBoundsException("unit " + unit + " has " + counts[unit] + " entries");
		int slot = unit * k + rank;
		return new TopEntry(layer, unit, rank + 1, images[slot], values[slot], rows[slot], columns[slot]);
	}
}
