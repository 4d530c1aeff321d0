package org.convnetexplorer.scan;

import java.nio.file.Path;
import java.util.List;

import org.convnetexplorer.images.InputSpec;
import org.convnetexplorer.network.Layer;

/** What to scan and how; validated on construction so every front end reports the same errors. */
public final class ScanSettings {

	public final Path images;
	public final boolean recursive;
	public final List<Layer> layers;
	/** The network's input, which the decoders prepare images for. */
	public final InputSpec input;
	public final int top;
	public final int batch;
	/** Threads decoding and preprocessing images (on all cores of a CPU: between the network's batches). */
	public final int decoders;

	public ScanSettings(Path images, boolean recursive, InputSpec input, List<Layer> layers, int top, int batch,
		int decoders)
	{
		if (layers.isEmpty()) throw new IllegalArgumentException("no layer chosen");
		for (Layer layer : layers)
			if (layer.noBoxReason() != null) throw new IllegalArgumentException("layer " + layer.name() +
				" has no patches to show: " + layer.noBoxReason());
		if (top < 1) throw new IllegalArgumentException("top must be at least 1, not " + top);
		if (batch < 1) throw new IllegalArgumentException("batch must be at least 1, not " + batch);
		if (decoders < 1) throw new IllegalArgumentException("decoders must be at least 1, not " + decoders);
		this.images = images;
		this.recursive = recursive;
		this.input = input;
		this.layers = List.copyOf(layers);
		this.top = top;
		this.batch = batch;
		this.decoders = decoders;
	}

	/** These settings for the images under another folder (a Spark executor's local copy of a part of them). */
	public ScanSettings in(Path folder) {
		return new ScanSettings(folder, recursive, input, layers, top, batch, decoders);
	}
}
