package org.convnetexplorer.network;

import java.util.List;
import java.util.Map;

/**
 * A network built once on a device for chosen layers: batches in, each layer's per-unit maxima out. Input: images as
 * their network's {@link org.convnetexplorer.images.Preprocessor} writes them, {@code input().floats()} floats each,
 * one after another.
 */
public interface Trunk extends AutoCloseable {

	/** The layers it was built for, in network order. */
	List<Layer> layers();

	/** Runs the first {@code count} images of {@code batch}: each layer's per-unit maxima, in {@link #layers} order. */
	Map<Layer, BatchMaxima> forward(float[] batch, int count);

	/** One image's full activation of one of its layers, CHW: for checks and projections, not for scanning. */
	float[] activation(float[] image, Layer layer);

	/** The device that computes: CPU or GPU, never AUTO. */
	ComputeDevice device();

	/** Whether TF was given a thread per core (or more): the scan's decoders then take turns with it. */
	boolean usesAllCores();

	/** How the convolutions are computed, for run.json ("winograd", "direct"). */
	String convolution();

	/**
	 * What run.json records of the network computed, in order (for AlexNet: "weights" and "weights_sha256"): strings,
	 * numbers, booleans or lists of those.
	 */
	Map<String, Object> provenance();

	@Override
	void close();
}
