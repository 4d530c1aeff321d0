package org.convnetexplorer.tiles;

import java.util.List;

import org.convnetexplorer.images.InputSpec;
import org.convnetexplorer.images.SampleNormalization;
import org.convnetexplorer.network.Layer;

/** What a native-size scan takes beyond the folder: channels, plane, winners per image, tiles, normalisation. */
public final class NativeSettings {

	/** The image's channels fed to the model, in order; empty: all of them. */
	public final List<Integer> channels;
	/** The plane of a stack (0-based; slices, then frames). */
	public final int plane;
	/** Winners per image per unit, their fields overlapping by at most half. */
	public final int perImage;
	public final int top;
	/** Tile side in pixels; 0: from {@link #tileMemoryBytes}. */
	public final int tile;
	/** What one tile's activations may take, all of the network's tensors summed. */
	public final long tileMemoryBytes;
	public final SampleNormalization normalization;

	public NativeSettings(List<Integer> channels, int plane, int perImage, int top, int tile, long tileMemoryBytes,
		SampleNormalization normalization)
	{
		if (plane < 0) throw new IllegalArgumentException("plane must be 0 or more, not " + plane);
		if (perImage < 1) throw new IllegalArgumentException("per-image must be at least 1, not " + perImage);
		if (tile < 0) throw new IllegalArgumentException("tile must be 0 (from the memory bound) or a side in " +
			"pixels, not " + tile);
		for (int c : channels)
			if (c < 0) throw new IllegalArgumentException("channels must be 0 or more, not " + c);
		this.channels = List.copyOf(channels);
		this.plane = plane;
		this.perImage = perImage;
		this.top = top;
		this.tile = tile;
		this.tileMemoryBytes = tileMemoryBytes;
		this.normalization = normalization;
	}

	/**
	 * The tile side for this network: {@link #tile} rounded down to its alignment, else the largest multiple of the
	 * alignment whose square tile's activations ({@link TileNetwork#bytesPerPixel} per pixel) fit
	 * {@link #tileMemoryBytes}; at most {@value InputSpec#MAX_SIZE}, and at least the largest field plus twice the
	 * alignment (so that tiles move on) and the network's least side plus one alignment (so that a last tile moved
	 * back to that side stays within the tile).
	 *
	 * @throws IllegalArgumentException where a given tile is smaller than that least side
	 */
	public int tileSide(TileNetwork network) {
		int alignment = network.alignment();
		long field = 0;
		for (Layer layer : network.layers())
			field = Math.max(field, layer.largestFieldSize());
		long least = Math.max(ceilTo(field + 2L * alignment, alignment),
			ceilTo(network.leastSide(), alignment) + (network.leastSide() > 1 ? alignment : 0));
		long most = InputSpec.MAX_SIZE / alignment * alignment;
		if (tile > 0) {
			long side = Math.min(most, tile / alignment * alignment);
			if (side < least) throw new IllegalArgumentException("tile " + tile + " is too small for fields of " + field +
				" pixels lined up every " + alignment + ": use at least " + least);
			return (int) side;
		}
		long fits = (long) Math.sqrt(tileMemoryBytes / Math.max(network.bytesPerPixel(), 1e-9));
		return (int) Math.min(most, Math.max(least, fits / alignment * alignment));
	}

	private static long ceilTo(long value, long multiple) {
		return (value + multiple - 1) / multiple * multiple;
	}
}
