package org.convnetexplorer.tiles;

/**
 * Each unit's {@code k} highest values in a region of a layer's map, highest first: entry {@code unit * k + i}, the
 * position as a row-major index into the region.
 */
public final class RegionTop {

	public final Region region;
	public final int k;
	public final float[] values;
	public final int[] positions;

	public RegionTop(Region region, int k, float[] values, int[] positions) {
		this.region = region;
		this.k = k;
		this.values = values;
		this.positions = positions;
	}
}
