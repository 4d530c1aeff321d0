package org.convnetexplorer.network;

/**
 * For one layer and one batch: each image's per-unit spatial maximum (after ReLU) and its first row-major position in
 * the feature map. Arrays are image-major: entry {@code image * units + unit}.
 */
public final class BatchMaxima {

	public final Layer layer;
	public final int images;
	public final float[] values;
	/** Row-major position {@code fy * width + fx}. */
	public final int[] positions;

	public BatchMaxima(Layer layer, int images, float[] values, int[] positions) {
		this.layer = layer;
		this.images = images;
		this.values = values;
		this.positions = positions;
	}

	public float value(int image, int unit) {
		return values[image * layer.units() + unit];
	}

	public int position(int image, int unit) {
		return positions[image * layer.units() + unit];
	}
}
