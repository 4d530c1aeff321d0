package org.convnetexplorer.render;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;

import org.convnetexplorer.images.ImageDecoder;
import org.convnetexplorer.images.BilinearResampler;
import org.convnetexplorer.images.RgbImage;
import org.convnetexplorer.images.UnreadableImageException;
import org.convnetexplorer.network.Layer;
import org.convnetexplorer.scan.ScanResult;
import org.convnetexplorer.scan.TopEntry;
import org.convnetexplorer.scan.UnitTopK;

/**
 * Turns a scan's top-k into montages: re-opens only the winning images, each once, cuts every receptive field it won
 * from the original pixels and scales it to the layer's cell size.
 */
public final class MontageRenderer {

	/** Resamplers keep scratch rows between calls: one per rendering thread. */
	private static final ThreadLocal<BilinearResampler> RESAMPLER = ThreadLocal.withInitial(BilinearResampler::new);

	private final Path imagesRoot;
	private final int cellOverride;
	private final List<Integer> overviewUnits;
	private final int threads;

	/**
	 * @param cellOverride cell side in pixels for every layer, or 0 for {@link MontageLayout#defaultCell}
	 * @param overviewUnits units shown in each layer's overview (those a layer lacks are left out)
	 */
	public MontageRenderer(Path imagesRoot, int cellOverride, List<Integer> overviewUnits, int threads) {
		this.imagesRoot = imagesRoot;
		this.cellOverride = cellOverride;
		this.overviewUnits = List.copyOf(overviewUnits);
		this.threads = threads;
	}

	/**
	 * @param unreadable told of a winning image that can no longer be read (changed since the scan); its cells stay
	 *          empty
	 */
	public Map<Layer, LayerMontages> render(ScanResult result, BiConsumer<String, String> unreadable)
		throws InterruptedException
	{
		Map<Layer, MontageLayout> layouts = new HashMap<>();
		Map<Layer, Montage> stacks = new LinkedHashMap<>();
		Map<String, List<TopEntry>> entriesByImage = new LinkedHashMap<>();
		for (Map.Entry<Layer, UnitTopK> layerTopK : result.topK.entrySet()) {
			Layer layer = layerTopK.getKey();
			UnitTopK topK = layerTopK.getValue();
			MontageLayout layout = new MontageLayout(cellOverride > 0 ? cellOverride : MontageLayout.defaultCell(layer),
				topK.k);
			Montage stack = new Montage(LayerMontages.unitsTitle(layer.name(), topK.k), layout.width(), layout.height());
			for (int unit = 0; unit < layer.units(); unit++) {
				int[] slice = new int[layout.width() * layout.height()];
				Arrays.fill(slice, MontageLayout.BACKGROUND);
				stack.addSlice(layer.name() + " unit " + unit, slice);
				for (int rank = 0; rank < topK.count(unit); rank++) {
					TopEntry entry = topK.entry(unit, rank);
					entriesByImage.computeIfAbsent(entry.image.path, path -> new ArrayList<>()).add(entry);
				}
			}
			layouts.put(layer, layout);
			stacks.put(layer, stack);
		}

		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			List<Future<?>> work = new ArrayList<>();
			for (Map.Entry<String, List<TopEntry>> image : entriesByImage.entrySet())
				work.add(pool.submit(() -> {
					try {
						ImagePyramid pyramid = new ImagePyramid(ImageDecoder.read(imagesRoot.resolve(image.getKey())));
						for (TopEntry entry : image.getValue())
							place(entry, pyramid, layouts.get(entry.layer), stacks.get(entry.layer));
					}
					catch (UnreadableImageException e) {
						unreadable.accept(image.getKey(), e.getMessage());
					}
					catch (OutOfMemoryError e) {
						unreadable.accept(image.getKey(), "too large to decode in the memory Java was given (-Xmx)");
					}
					catch (RuntimeException e) {
						unreadable.accept(image.getKey(), String.valueOf(e));
					}
				}));
			for (Future<?> done : work)
				done.get();
		}
		catch (ExecutionException e) {
			throw new IllegalStateException("rendering patches failed: " + e.getCause(), e.getCause());
		}
		finally {
			pool.shutdownNow();
		}

		Map<Layer, LayerMontages> montages = new LinkedHashMap<>();
		for (Layer layer : stacks.keySet())
			montages.put(layer, new LayerMontages(layer, layouts.get(layer), stacks.get(layer),
				OverviewFigure.of(layer, stacks.get(layer), layouts.get(layer), result.topK.get(layer).k, overviewUnits)));
		return montages;
	}

	/** Cuts the entry's field from the original, scales it to the cell and writes it into the unit's slice. */
	private static void place(TopEntry entry, ImagePyramid pyramid, MontageLayout layout, Montage stack) {
		RgbImage patch = pyramid.patch(entry.originalBox(), layout.cell, RESAMPLER.get());
		int[] slice = stack.slices().get(entry.unit);
		int x0 = layout.cellX(entry.rank - 1);
		int y0 = layout.cellY(entry.rank - 1);
		for (int y = 0; y < layout.cell; y++)
			System.arraycopy(patch.pixels(), y * layout.cell, slice, (y0 + y) * stack.width + x0, layout.cell);
	}
}
