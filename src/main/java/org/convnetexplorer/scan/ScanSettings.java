package org.convnetexplorer.scan;

import java.nio.file.Path;
import java.util.List;

import org.convnetexplorer.network.AlexNetLayer;

/** What to scan and how; validated on construction so every front end reports the same errors. */
public final class ScanSettings {

	public final Path images;
	public final boolean recursive;
	public final List<AlexNetLayer> layers;
	public final int top;
	public final int batch;
	/** Threads decoding and preprocessing images (on all cores of a CPU: between the network's batches). */
	public final int decoders;

	public ScanSettings(Path images, boolean recursive, List<AlexNetLayer> layers, int top, int batch, int decoders) {
		if (layers.isEmpty()) throw new IllegalArgumentException("no layer chosen");
		if (top < 1) throw new IllegalArgumentException("top must be at least 1, not " + top);
		if (batch < 1) throw new IllegalArgumentException("batch must be at least 1, not " + batch);
		if (decoders < 1) throw new IllegalArgumentException("decoders must be at least 1, not " + decoders);
		this.images = images;
		this.recursive = recursive;
		this.layers = List.copyOf(layers);
		this.top = top;
		this.batch = batch;
		this.decoders = decoders;
	}
}
