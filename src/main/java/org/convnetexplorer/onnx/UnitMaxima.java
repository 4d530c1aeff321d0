package org.convnetexplorer.onnx;

/**
 * For one layer and one batch: each image's per-unit spatial maximum and its first row-major position
 * ({@code fy × mapWidth + fx}) in the feature map. Arrays are image-major: entry {@code image × units + unit}.
 */
public final class UnitMaxima {

	public final OnnxLayer layer;
	public final int images;
	public final float[] values;
	public final int[] positions;

	UnitMaxima(OnnxLayer layer, int images, float[] values, int[] positions) {
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
