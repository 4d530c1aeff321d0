package org.convnetexplorer.tiles;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.convnetexplorer.images.ImageFolder;
import org.convnetexplorer.images.Placement;
import org.convnetexplorer.images.SampleImage;
import org.convnetexplorer.images.SampleImageReader;
import org.convnetexplorer.images.SkippedFile;
import org.convnetexplorer.images.UnreadableImageException;
import org.convnetexplorer.network.Layer;
import org.convnetexplorer.scan.ScanMonitor;
import org.convnetexplorer.scan.ScanResult;
import org.convnetexplorer.scan.ScannedImage;
import org.convnetexplorer.scan.UnitTopK;

/**
 * Scans a folder with each image at its own size: read (chosen channels of a chosen plane, as samples), normalised
 * whole, cut into tiles ({@link TilePlan}) that each compute their own positions exactly, and each unit's winners per
 * image ({@link PerImageWinners}) offered to its top-k. One image is read ahead while the network runs the one
 * before; the heap holds two images' samples and one tile, the network one tile's activations.
 */
public final class NativeScan {

	private final NativeSettings settings;
	private final TileNetwork network;
	private final int tile;
	private final Map<Layer, UnitTopK> topK = new LinkedHashMap<>();
	private final Map<Layer, List<AxisExtent>> extents = new LinkedHashMap<>();
	private final int candidates;
	private int tilesRun;
	private int imagesTiled;
	private long forwardNanos;

	/** @throws IllegalArgumentException naming a layer whose positions no tiling lines up (before any work) */
	public static void checkLayers(List<Layer> layers) {
		for (Layer layer : layers) {
			new AxisExtent(layer, true);
			new AxisExtent(layer, false);
		}
	}

	/**
	 * A model's default layers at each image's own size: those whose positions tiles line up (a U-Net's encoder, not
	 * its decoder); all of them where none does, so that the refusal names one.
	 */
	public static List<Layer> defaultLayers(List<Layer> defaults) {
		List<Layer> stepped = defaults.stream().filter(AxisExtent::stepped).collect(Collectors.toList());
		return stepped.isEmpty() ? defaults : stepped;
	}

	public NativeScan(NativeSettings settings, TileNetwork network) {
		this.settings = settings;
		this.network = network;
		this.tile = settings.tileSide(network);
		int most = 1;
		for (Layer layer : network.layers()) {
			topK.put(layer, new UnitTopK(layer, settings.top));
			extents.put(layer, List.of(new AxisExtent(layer, true), new AxisExtent(layer, false)));
			most = Math.max(most, PerImageWinners.candidates(layer, settings.perImage));
		}
		candidates = most;
	}

	/** The tile side this scan cuts images into (pixels, both axes). */
	public int tile() {
		return tile;
	}

	/** Tiles the network ran. */
	public int tilesRun() {
		return tilesRun;
	}

	/** Images cut into more than one tile. */
	public int imagesTiled() {
		return imagesTiled;
	}

	/** Scans the folder, telling {@code monitor} of progress and skipped files; stops early on its cancel. */
	public ScanResult scan(Path images, boolean recursive, ScanMonitor monitor) throws IOException {
		long start = System.nanoTime();
		ImageFolder.Listing listing = ImageFolder.listing(images, recursive);
		if (listing.files.isEmpty() && listing.leftOut.isEmpty()) throw new IOException("no files in " + images);
		for (SkippedFile entry : listing.leftOut)
			monitor.skipped(entry.path, entry.reason);
		int total = listing.files.size();
		int scanned = 0;
		int done = 0;
		ExecutorService reader = Executors.newSingleThreadExecutor(runnable -> {
			Thread thread = new Thread(runnable, "convnet-explorer-native-reader");
			thread.setDaemon(true);
			return thread;
		});
		try {
			Future<SampleImage> next = total == 0 ? null : reader.submit(() -> read(images, listing.files.get(0)));
			for (int i = 0; i < total; i++) {
				Future<SampleImage> current = next;
				next = i + 1 < total ? readAhead(reader, images, listing.files.get(i + 1)) : null;
				String path = listing.files.get(i);
				try {
					scanImage(new ScannedImage(i, path, null), await(current));
					scanned++;
				}
				catch (UnreadableImageException e) {
					monitor.skipped(path, e.getMessage());
				}
				done++;
				monitor.progress(done, total, done / ((System.nanoTime() - start) * 1e-9));
				if (done < total && monitor.cancelled()) break;
			}
		}
		finally {
			reader.shutdownNow();
		}
		double seconds = (System.nanoTime() - start) * 1e-9;
		return new ScanResult(topK, total + listing.leftOut.size(), scanned, done - scanned + listing.leftOut.size(),
			done < total, seconds, forwardNanos * 1e-9);
	}

	private Future<SampleImage> readAhead(ExecutorService reader, Path images, String path) {
		return reader.submit(() -> read(images, path));
	}

	private SampleImage read(Path images, String path) throws UnreadableImageException {
		SampleImage image = SampleImageReader.read(images.resolve(path), settings.channels, settings.plane);
		if (image.channels() != network.channels()) throw new UnreadableImageException(image.channels() + " channel" +
			(image.channels() == 1 ? "" : "s") + (settings.channels.isEmpty() ? "" : " chosen") + ", the model takes " +
			network.channels() + (settings.channels.isEmpty() ? ": choose them with --channels (e.g. " +
				channelExample(network.channels()) + ")" : ""));
		int step = network.sizeStep();
		int least = network.leastSide();
		if (image.width() % step != 0 || image.height() % step != 0 || Math.min(image.width(), image.height()) < least)
			throw new UnreadableImageException(image.width() + "x" + image.height() + " is not " + (least > 1 ? least +
				" + " + step + " k pixels" : "a multiple of " + step) + " on each side, which the model takes at its " +
				"own size (crop or pad it)");
		settings.normalization.normalize(image);
		return image;
	}

	private static String channelExample(int channels) {
		StringBuilder text = new StringBuilder("0");
		for (int c = 1; c < channels; c++)
			text.append(',').append(c);
		return text.toString();
	}

	private static SampleImage await(Future<SampleImage> image) throws UnreadableImageException {
		try {
			return image.get();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new UnreadableImageException("interrupted while reading");
		}
		catch (ExecutionException e) {
			if (e.getCause() instanceof UnreadableImageException) throw (UnreadableImageException) e.getCause();
			if (e.getCause() instanceof OutOfMemoryError)
				throw new UnreadableImageException("too large to read in the memory Java was given (-Xmx)");
			throw new UnreadableImageException(String.valueOf(e.getCause()), e.getCause());
		}
	}

	/** Runs the image tile by tile and offers each unit's winners in it. */
	private void scanImage(ScannedImage named, SampleImage image) throws UnreadableImageException {
		ScannedImage scanned = new ScannedImage(named.index, named.path, Placement.atOwnSize(image.width(),
			image.height()));
		List<Layer> layers = network.layers();
		List<TilePlan.Segment> rows;
		List<TilePlan.Segment> columns;
		try {
			rows = plan(image.height(), true);
			columns = plan(image.width(), false);
		}
		catch (IllegalArgumentException e) {
			throw new UnreadableImageException(e.getMessage(), e);
		}
		Map<Layer, List<List<PerImageWinners.Candidate>>> found = new LinkedHashMap<>();
		for (Layer layer : layers) {
			List<List<PerImageWinners.Candidate>> units = new ArrayList<>();
			for (int unit = 0; unit < layer.units(); unit++)
				units.add(new ArrayList<>());
			found.put(layer, units);
		}
		for (TilePlan.Segment y : rows)
			for (TilePlan.Segment x : columns)
				runTile(image, y, x, found);
		if (rows.size() * columns.size() > 1) imagesTiled++;
		for (Layer layer : layers)
			for (int unit = 0; unit < layer.units(); unit++)
				for (PerImageWinners.Candidate c : PerImageWinners.choose(layer, unit, found.get(layer).get(unit),
					settings.perImage))
					topK.get(layer).offer(unit, c.value, c.fy, c.fx, scanned);
	}

	private List<TilePlan.Segment> plan(int length, boolean alongY) {
		List<Layer> layers = network.layers();
		List<AxisExtent> axis = new ArrayList<>();
		for (Layer layer : layers)
			axis.add(extents.get(layer).get(alongY ? 0 : 1));
		return TilePlan.plan(length, tile, network.alignment(), network.leastSide(), axis, (l, side) -> network.mapSize(layers.get(l), side,
			side)[alongY ? 0 : 1]);
	}

	private void runTile(SampleImage image, TilePlan.Segment y, TilePlan.Segment x,
		Map<Layer, List<List<PerImageWinners.Candidate>>> found)
	{
		int height = y.end - y.start;
		int width = x.end - x.start;
		Map<Layer, Region> regions = new LinkedHashMap<>();
		List<Layer> layers = network.layers();
		for (int l = 0; l < layers.size(); l++) {
			Region owned = new Region(y.from[l] - y.offsets[l], x.from[l] - x.offsets[l], y.to[l] - y.from[l],
				x.to[l] - x.from[l]);
			if (!owned.isEmpty()) regions.put(layers.get(l), owned);
		}
		if (regions.isEmpty()) return;
		float[] input = cut(image, y.start, x.start, height, width);
		long start = System.nanoTime();
		Map<Layer, RegionTop> tops = network.top(input, height, width, regions, candidates);
		forwardNanos += System.nanoTime() - start;
		tilesRun++;
		for (int l = 0; l < layers.size(); l++) {
			RegionTop top = tops.get(layers.get(l));
			if (top == null) continue;
			List<List<PerImageWinners.Candidate>> units = found.get(layers.get(l));
			for (int unit = 0; unit < units.size(); unit++)
				for (int i = 0; i < top.k; i++) {
					int p = top.positions[unit * top.k + i];
					units.get(unit).add(new PerImageWinners.Candidate(top.values[unit * top.k + i],
						y.from[l] + p / top.region.columns, x.from[l] + p % top.region.columns));
				}
		}
	}

	/** The tile's input, CHW, cut from the whole image's. */
	private static float[] cut(SampleImage image, int top, int left, int height, int width) {
		int channels = image.channels();
		float[] tile = new float[channels * height * width];
		float[] samples = image.samples();
		for (int c = 0; c < channels; c++)
			for (int row = 0; row < height; row++)
				System.arraycopy(samples, (c * image.height() + top + row) * image.width() + left, tile,
					(c * height + row) * width, width);
		return tile;
	}
}
