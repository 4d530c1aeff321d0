package org.convnetexplorer.render;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

import org.convnetexplorer.images.BilinearResampler;
import org.convnetexplorer.images.ImageSource;
import org.convnetexplorer.images.UnreadableImageException;
import org.convnetexplorer.network.Layer;
import org.convnetexplorer.scan.ScanResult;
import org.convnetexplorer.scan.TopEntry;
import org.convnetexplorer.scan.UnitTopK;

/**
 * Turns a scan's top-k into montages: re-opens only the winning images, each once, cuts every receptive field it won
 * from the original pixels, scales it to the layer's cell size and spools it to disk. The heap holds no montage: each
 * stack is composed a slice at a time when it is written ({@link LayerMontages#writeUnits}).
 */
public final class MontageRenderer {

	/** Resamplers keep scratch rows between calls: one per rendering thread. */
	private static final ThreadLocal<BilinearResampler> RESAMPLER = ThreadLocal.withInitial(BilinearResampler::new);
	/** The spool's name in the folder it is made in; unlinked at once where the system allows. */
	static final String SPOOL_NAME = ".convnet-explorer-patches.tmp";

	private final Path imagesRoot;
	private final int cellOverride;
	private final List<Integer> overviewUnits;
	private final int threads;
	private final ImageSource source;

	/**
	 * @param cellOverride cell side in pixels for every layer, or 0 for {@link MontageLayout#defaultCell}
	 * @param overviewUnits units shown in each layer's overview (those a layer lacks are left out)
	 * @param source how each winning image is read again and shown before its patches are cut (stretched over a
	 *            normalisation's range, or a native-size scan's chosen channels and plane)
	 */
	public MontageRenderer(Path imagesRoot, int cellOverride, List<Integer> overviewUnits, int threads,
		ImageSource source)
	{
		this.source = source;
		this.imagesRoot = imagesRoot;
		this.cellOverride = cellOverride;
		this.overviewUnits = List.copyOf(overviewUnits);
		this.threads = threads;
	}

	/**
	 * @param spoolFolder where the patches wait until the stacks are written (the output folder: its disk takes the
	 *          montages anyway)
	 * @param unreadable told of a winning image that can no longer be read (changed since the scan); its cells stay
	 *          empty
	 */
	public DrawnMontages render(ScanResult result, Path spoolFolder, BiConsumer<String, String> unreadable,
		RenderMonitor monitor) throws IOException, InterruptedException
	{
		PatchSpool spool = openSpool(spoolFolder);
		try {
			Map<Layer, LayerMontages> layers = new LinkedHashMap<>();
			Map<String, List<TopEntry>> entriesByImage = new LinkedHashMap<>();
			for (Map.Entry<Layer, UnitTopK> layerTopK : result.topK.entrySet()) {
				Layer layer = layerTopK.getKey();
				UnitTopK topK = layerTopK.getValue();
				MontageLayout layout = new MontageLayout(cellOverride > 0 ? cellOverride
					: MontageLayout.defaultCell(layer), topK.k);
				layers.put(layer, new LayerMontages(layer, layout, topK.k, overviewUnits, spool));
				for (int unit = 0; unit < layer.units(); unit++)
					for (int rank = 0; rank < topK.count(unit); rank++) {
						TopEntry entry = topK.entry(unit, rank);
						entriesByImage.computeIfAbsent(entry.image.path, path -> new ArrayList<>()).add(entry);
					}
			}
			cutAll(entriesByImage, layers, spool, unreadable, monitor);
			return new DrawnMontages(layers, spool);
		}
		catch (IOException | InterruptedException | RuntimeException e) {
			spool.close();
			throw e;
		}
	}

	private static PatchSpool openSpool(Path folder) throws IOException {
		Path file = folder.resolve(SPOOL_NAME);
		Files.deleteIfExists(file); // left by a process that died before it could unlink it
		PatchSpool spool = new PatchSpool(file);
		try {
			Files.deleteIfExists(file); // open, the file stays readable and writable; a kill now leaves nothing
		}
		catch (IOException e) {
			// a system that keeps open files (Windows): removed when the spool is closed
		}
		return spool;
	}

	/** Reads each winning image once, on {@code threads} threads, and spools every patch it won. */
	private void cutAll(Map<String, List<TopEntry>> entriesByImage, Map<Layer, LayerMontages> layers, PatchSpool spool,
		BiConsumer<String, String> unreadable, RenderMonitor monitor) throws IOException, InterruptedException
	{
		int total = entriesByImage.size();
		AtomicInteger done = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			List<Future<?>> work = new ArrayList<>();
			for (Map.Entry<String, List<TopEntry>> image : entriesByImage.entrySet())
				work.add(pool.submit(() -> {
					cut(image.getKey(), image.getValue(), layers, spool, unreadable);
					monitor.progress("Cutting patches from the winning images", done.incrementAndGet(), total);
					return null;
				}));
			for (Future<?> finished : work)
				finished.get();
		}
		catch (ExecutionException e) {
			if (e.getCause() instanceof IOException) throw (IOException) e.getCause();
			throw new IllegalStateException("rendering patches failed: " + e.getCause(), e.getCause());
		}
		finally {
			pool.shutdownNow();
		}
	}

	private void cut(String image, List<TopEntry> entries, Map<Layer, LayerMontages> layers, PatchSpool spool,
		BiConsumer<String, String> unreadable) throws IOException
	{
		ImagePyramid pyramid;
		try {
			pyramid = new ImagePyramid(source.read(imagesRoot.resolve(image)));
		}
		catch (UnreadableImageException e) {
			unreadable.accept(image, e.getMessage());
			return;
		}
		for (TopEntry entry : entries) {
			LayerMontages layer = layers.get(entry.layer);
			int cell = layer.layout.cell;
			long offset = spool.append(pyramid.patch(entry.originalBox(), cell, RESAMPLER.get()).pixels());
			layer.placed(entry.unit, entry.rank - 1, offset);
		}
	}
}
