package org.convnetexplorer.render;

import java.io.IOException;
import java.util.Collection;
import java.util.Map;

import org.convnetexplorer.network.Layer;

/** Every layer's drawn montages, ready to be written; closing removes their spooled patches. */
public final class DrawnMontages implements AutoCloseable {

	private final Map<Layer, LayerMontages> layers;
	private final PatchSpool spool;

	DrawnMontages(Map<Layer, LayerMontages> layers, PatchSpool spool) {
		this.layers = layers;
		this.spool = spool;
	}

	/** In the scan's layer order. */
	public Collection<LayerMontages> layers() {
		return layers.values();
	}

	@Override
	public void close() throws IOException {
		spool.close();
	}
}
