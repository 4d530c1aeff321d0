package org.convnetexplorer.explorer.window;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.swing.SwingUtilities;

import org.convnetexplorer.explorer.LayerPatches;

/**
 * Each unit's top-1 patch as a small picture, loaded on a background thread when the grid first draws the unit, and
 * kept (a bounded number, least recently used out) so that scrolling back is instant.
 */
final class Thumbnails {

	static final int SIDE = 56;
	private static final int KEPT = 4096;

	private final Map<String, LayerPatches> patches;
	private final Runnable loaded;
	private final Map<String, BufferedImage> kept = Collections.synchronizedMap(
		new LinkedHashMap<String, BufferedImage>(256, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<String, BufferedImage> eldest) {
				return size() > KEPT;
			}
		});
	private final Set<String> pending = Collections.synchronizedSet(new HashSet<>());
	private final ExecutorService loader = Executors.newSingleThreadExecutor(runnable -> {
		Thread thread = new Thread(runnable, "ConvNet Explorer thumbnails");
		thread.setDaemon(true);
		return thread;
	});

	/** @param loaded run on the event thread after a thumbnail arrives (repaints the grid) */
	Thumbnails(Map<String, LayerPatches> patches, Runnable loaded) {
		this.patches = patches;
		this.loaded = loaded;
	}

	/** The unit's thumbnail, or null while it loads (it is asked for then). */
	BufferedImage get(String layer, int unit) {
		String key = layer + '\n' + unit;
		BufferedImage picture = kept.get(key);
		if (picture != null || !pending.add(key)) return picture;
		loader.execute(() -> {
			try {
				LayerPatches layerPatches = patches.get(layer);
				if (layerPatches != null)
					kept.put(key, Pictures.scaled(Pictures.of(layerPatches.patches(unit, 1).get(0)), SIDE));
			}
			catch (IOException e) {
				kept.put(key, new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_RGB)); // black: the message says why
			}
			finally {
				pending.remove(key);
				SwingUtilities.invokeLater(loaded);
			}
		});
		return null;
	}

	void close() {
		loader.shutdownNow();
	}
}
