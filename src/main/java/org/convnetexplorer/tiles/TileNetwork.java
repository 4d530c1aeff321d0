package org.convnetexplorer.tiles;

import java.util.List;
import java.util.Map;

import org.convnetexplorer.network.ComputeDevice;
import org.convnetexplorer.network.Layer;

/**
 * A fully convolutional network that takes inputs of many sizes, as a native-size scan runs it: tile by tile, each
 * chosen layer's highest values in a region of its map coming back, not the map.
 */
public interface TileNetwork extends AutoCloseable {

	/** The chosen layers, as the network describes them at its reference size (their fields hold at every size). */
	List<Layer> layers();

	/** Input channels. */
	int channels();

	/** Tile origins are multiples of this: every layer's map then lines up with the whole image's. */
	int alignment();

	/** Input sides must be multiples of this (1: any size): the whole image's and every tile's. */
	int sizeStep();

	/** The least input side, the whole image's and every tile's (a multiple of {@link #sizeStep}). */
	default int leastSide() {
		return 1;
	}

	/** An upper bound on the bytes the network's activations take per input pixel (all its tensors, float32). */
	double bytesPerPixel();

	/**
	 * The layer's map (height, width) for an input of {@code height × width}.
	 *
	 * @throws IllegalArgumentException where the network cannot take that size, saying why
	 */
	int[] mapSize(Layer layer, int height, int width);

	/**
	 * Runs one tile ({@code channels × height × width} floats, CHW) and returns, for each layer of {@code regions}, each
	 * unit's {@code k} highest values in that region of its map (fewer where the region is smaller), highest first,
	 * ties by row-major position.
	 */
	Map<Layer, RegionTop> top(float[] tile, int height, int width, Map<Layer, Region> regions, int k);

	/** The device that computes: CPU or GPU. */
	ComputeDevice device();

	/** What run.json records of the network. */
	Map<String, Object> provenance();

	@Override
	void close();
}
