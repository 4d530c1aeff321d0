package org.convnetexplorer.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.convnetexplorer.scanstate.CheckpointInterval;
import org.convnetexplorer.scanstate.ShardSpec;
import org.convnetexplorer.images.InputSpec;
import org.convnetexplorer.network.AlexNet;
import org.convnetexplorer.network.ComputeDevice;
import org.convnetexplorer.network.Layer;
import org.convnetexplorer.network.Network;
import org.convnetexplorer.network.NoBoxFieldException;
import org.convnetexplorer.network.Precision;
import org.convnetexplorer.render.LayerMontages;
import org.convnetexplorer.scan.ScanSettings;
import org.convnetexplorer.tiles.NativeScan;
import org.convnetexplorer.weights.WeightsSource;

/**
 * Everything one run of "top patches per unit" needs, as the CLI and the Fiji command both collect it. The defaults and
 * upper bounds of the options are stated here once, as constants that picocli's {@code defaultValue}, SciJava's
 * {@code @Parameter} fields and ImageJ 1's dialogs read (through {@code options.ScanOptions}).
 */
public final class JobSettings {

	public static final String WEIGHTS = WeightsSource.DEMO;
	public static final int TOP = 9;
	public static final int TOP_MAX = 10_000;
	/** The overview's units when none are chosen: the first nine, those a layer has (a model's may have fewer). */
	public static final String UNITS = "0,1,2,3,4,5,6,7,8";
	public static final String DEVICE = "auto";
	public static final String PRECISION = "float32";
	public static final int BATCH = 16;
	public static final int BATCH_MAX = 4096;
	/** 0: each layer's default. */
	public static final int CELL = 0;
	public static final int CELL_MAX = 4096;
	/** 0: all cores. Thousands of TensorFlow threads only wait on each other (and ignore signals while they start). */
	public static final int THREADS = 0;
	public static final int THREADS_MAX = 1024;
	/** 0: one per core, at most {@value #MAX_DEFAULT_DECODERS}. */
	public static final int DECODERS = 0;
	public static final int DECODERS_MAX = 256;
	/** Winners per image per unit (native-size scans). */
	public static final int PER_IMAGE = 1;
	public static final int PER_IMAGE_MAX = 1000;
	/** 0: the tile side from {@link #TILE_MEMORY_MB}. */
	public static final int TILE = 0;
	/** What one tile's activations may take (native-size scans): all of the network's tensors summed, float32. */
	public static final int TILE_MEMORY_MB = 1024;
	public static final int PLANE_MAX = 1 << 20;

	public Path images;
	public Path output;
	/** The network to run; null runs the built-in AlexNet with {@link #weights}. */
	public Network network;
	/** The built-in AlexNet's weights: a .pth path, {@code imagenet} or {@code demo}. */
	public String weights = WEIGHTS;
	/** Where downloaded and extracted weights are kept. */
	public Path cache;
	/** Layers of {@link #network()} to scan. */
	public List<Layer> layers = AlexNet.LAYERS;
	public int top = TOP;
	/** Units shown in each layer's overview figure. */
	public List<Integer> units = DEFAULT_UNITS;
	public ComputeDevice device = ComputeDevice.fromId(DEVICE);
	public Precision precision = Precision.fromId(PRECISION);
	public int batch = BATCH;
	public boolean recursive;
	public boolean overwrite;
	/** Montage cell side in pixels; 0 picks each layer's default. */
	public int cell = CELL;
	/** TF intra-op threads; 0 means all cores. */
	public int threads = THREADS;
	/** Image decoding threads; 0 means one per core, at most {@value #MAX_DEFAULT_DECODERS}. */
	public int decoders = DECODERS;

	/** Each image at its own size ({@code --input-size native}): the options below apply then only. */
	public boolean atOwnSize;
	/** The image channels fed to the model; empty: all of them. */
	public List<Integer> channels = List.of();
	/** The plane of a stack, 0-based. */
	public int plane;
	public int perImage = PER_IMAGE;
	/** Tile side in pixels; 0: from {@link #TILE_MEMORY_MB}. */
	public int tile = TILE;

	/** Which shard of the folder to scan; {@link ShardSpec#WHOLE} for all of it. */
	public ShardSpec shard = ShardSpec.WHOLE;
	/** Go on from the checkpoint in the output folder. */
	public boolean resume;
	/** How often the scan's state is written to the output folder; zero for never (it still is when stopped). */
	public Duration checkpointEvery = CheckpointInterval.DEFAULT;

	/** {@link #UNITS} as numbers. */
	public static final List<Integer> DEFAULT_UNITS = parseUnits(UNITS);

	/** Each decoder fills its own batch buffer (10 MB at batch 16): the default stops at 8 on many-core nodes. */
	public static final int MAX_DEFAULT_DECODERS = 8;

	/** The network the job runs: {@link #network}, else the built-in AlexNet with {@link #weights}. */
	public Network network() {
		return network != null ? network : new AlexNet(weights, cache);
	}

	/**
	 * The scan's part of these settings, every one checked before any work: each front end calls this first, and the
	 * job again. Upper bounds come from the Java heap and from the chosen layers' unit counts.
	 *
	 * @throws IllegalArgumentException naming the setting that is wrong, and why
	 * @throws NoBoxFieldException for a chosen layer whose units have no box field
	 */
	public ScanSettings scanSettings() {
		return scanSettings(Runtime.getRuntime().maxMemory(), freeDiskBytes());
	}

	/** As {@link #scanSettings()}, for a heap of {@code heapBytes} and an output disk with {@code freeDiskBytes}. */
	ScanSettings scanSettings(long heapBytes, long freeDiskBytes) {
		if (cell < 0) throw new IllegalArgumentException(CELL_BELOW_ZERO + cell);
		if (threads < 0) throw new IllegalArgumentException(THREADS_BELOW_ZERO + threads);
		if (decoders < 0) throw new IllegalArgumentException("decoders must be 0 (one per core) or more, not " + decoders);
		Network chosen = network();
		for (Layer layer : layers) {
			if (!chosen.has(layer)) throw new IllegalArgumentException(chosen.name() + " has no layer " + layer.name());
			if (layer.noBoxReason() != null) throw new NoBoxFieldException(chosen, layer);
		}
		ScanSettings scan = new ScanSettings(images, recursive, chosen.input(), layers, top, batch,
			decoders > 0 ? decoders : Math.min(MAX_DEFAULT_DECODERS, threadsOrCores(0)));
		for (int unit : units.equals(DEFAULT_UNITS) ? List.<Integer>of() : units)
			for (Layer layer : layers)
				if (unit < 0 || unit >= layer.units()) throw new IllegalArgumentException("units: " + layer.name() +
					" has units 0.." + (layer.units() - 1) + ", not " + unit);
		checkMemory(scan, heapBytes, freeDiskBytes);
		checkAtMost("top", top, TOP_MAX);
		checkAtMost("batch", batch, BATCH_MAX);
		checkCell(cell);
		checkThreads(threads);
		checkAtMost("decoders", decoders, DECODERS_MAX);
		checkOwnSize();
		return scan;
	}

	/** The options of native-size scans: only with one, and within their bounds. */
	private void checkOwnSize() {
		if (!atOwnSize) {
			if (perImage != PER_IMAGE || !channels.isEmpty() || plane != 0 || tile != TILE)
				throw new IllegalArgumentException("per-image, channels, plane and tile are for scans at each image's " +
					"own size (--input-size native)");
			return;
		}
		if (resume || !shard.isWhole())
			throw new IllegalArgumentException("--input-size native scans the whole folder in one run: no shard or resume");
		if (perImage < 1) throw new IllegalArgumentException("per-image must be at least 1, not " + perImage);
		checkAtMost("per-image", perImage, PER_IMAGE_MAX);
		if (plane < 0) throw new IllegalArgumentException("plane must be 0 or more, not " + plane);
		checkAtMost("plane", plane, PLANE_MAX);
		if (tile < 0) throw new IllegalArgumentException("tile must be 0 (from the memory bound) or a side in pixels, " +
			"not " + tile);
		checkAtMost("tile", tile, InputSpec.MAX_SIZE);
		for (int c : channels)
			if (c < 0 || c >= InputSpec.MAX_SAMPLE_CHANNELS) throw new IllegalArgumentException(
				"channels must be 0.." + (InputSpec.MAX_SAMPLE_CHANNELS - 1) + ", not " + c);
		NativeScan.checkLayers(layers);
		if (!channels.isEmpty() && channels.size() != network().input().channels())
			throw new IllegalArgumentException("channels: " + channels.size() + " chosen, the model takes " +
				network().input().channels());
	}

	/** Parses "0,1" (image channels, 0-based); empty: all of them. */
	public static List<Integer> parseChannels(String channels) {
		if (channels == null || channels.isBlank()) return List.of();
		try {
			return Arrays.stream(channels.split(",")).map(String::trim).map(Integer::valueOf)
				.collect(Collectors.toList());
		}
		catch (NumberFormatException e) {
			throw new IllegalArgumentException("channels must be a comma-separated list of channel numbers (from 0), " +
				"not '" + channels + "'");
		}
	}

	/** The scan's settings checked: {@link #scanSettings()}, for front ends that only need the check. */
	public void check() {
		scanSettings();
	}

	private static final String CELL_BELOW_ZERO = "cell must be 0 (each layer's default) or a size in pixels, not ";
	private static final String THREADS_BELOW_ZERO = "threads must be 0 (all cores) or more, not ";

	/** {@code cell} of every job that renders montages: 0 or a size, at most {@link #CELL_MAX}. */
	public static void checkCell(int cell) {
		if (cell < 0) throw new IllegalArgumentException(CELL_BELOW_ZERO + cell);
		checkAtMost("cell", cell, CELL_MAX);
	}

	/** {@code threads} of every job: 0 or a count, at most {@link #THREADS_MAX}. */
	public static void checkThreads(int threads) {
		if (threads < 0) throw new IllegalArgumentException(THREADS_BELOW_ZERO + threads);
		checkAtMost("threads", threads, THREADS_MAX);
	}

	/**
	 * An option's upper bound, in the one wording every front end shows. Checked after the heap's bounds, which are
	 * usually lower and say more.
	 *
	 * @throws IllegalArgumentException "NAME must be at most MAX, not VALUE"
	 */
	public static void checkAtMost(String name, long value, long max) {
		if (value > max) throw new IllegalArgumentException(name + " must be at most " + max + ", not " + value);
	}

	/**
	 * The large things a run keeps on the heap must each fit in half of it: the decoders' batch buffers (one per
	 * decoder and one for the network) and the few montage pictures composed at once (a slice, the overview); the
	 * montages themselves go to disk as they are drawn, and must fit the space free there.
	 */
	private void checkMemory(ScanSettings scan, long heapBytes, long freeDiskBytes) {
		long budget = heapBytes / 2;
		String advice = ", or give Java more memory (-Xmx, e.g. in CONVNET_EXPLORER_JAVA_OPTS)";
		scan.input.batchFloats(scan.batch); // one array holds a batch
		long imageBytes = (long) scan.input.floats() * Float.BYTES;
		long oneBuffer = saturatedProduct(scan.batch, imageBytes);
		if (saturatedProduct(2, oneBuffer) > budget) throw new IllegalArgumentException("batch " + batch + " needs " +
			gigabytes(saturatedProduct(2, oneBuffer)) + " of image buffers, more than half of the " +
			gigabytes(heapBytes) + " Java heap; use a smaller batch" + advice);
		long buffers = saturatedProduct(scan.decoders + 1L, oneBuffer);
		if (buffers > budget) throw new IllegalArgumentException("decoders " + scan.decoders + " with batch " + batch +
			" need " + gigabytes(buffers) + " of image buffers, more than half of the " + gigabytes(heapBytes) +
			" Java heap; use fewer decoders or a smaller batch" + advice);
		long montages = 0;
		long picture = 0;
		for (Layer layer : layers) {
			montages = saturatedSum(montages, LayerMontages.bytes(layer, cell, top, units.size()));
			picture = Math.max(picture, LayerMontages.largestPictureBytes(layer, cell, top, units.size()));
		}
		String choice = "top " + top + (cell > 0 ? " with cell " + cell : "");
		String smaller = "; use a smaller top" + (cell > 0 ? " or cell" : "") + " or fewer layers";
		if (montages == Long.MAX_VALUE) throw new IllegalArgumentException(choice + " makes montages of " +
			gigabytes(montages) + smaller);
		if (saturatedProduct(3, picture) > budget) throw new IllegalArgumentException(choice + " makes montage " +
			"pictures of " + gigabytes(picture) + ", three of which take more than half of the " + gigabytes(heapBytes) +
			" Java heap" + smaller + advice);
		if (montages > freeDiskBytes) throw new IllegalArgumentException(choice + " makes montages of " +
			gigabytes(montages) + ", more than the " + gigabytes(freeDiskBytes) + " free on the output folder's disk" +
			smaller);
	}

	/** What the disk of the output folder (or of its nearest existing parent) has free; unbounded where unknown. */
	private long freeDiskBytes() {
		Path folder = output == null ? null : output.toAbsolutePath();
		while (folder != null && !Files.isDirectory(folder))
			folder = folder.getParent();
		if (folder == null) return Long.MAX_VALUE;
		try {
			return Files.getFileStore(folder).getUsableSpace();
		}
		catch (IOException e) {
			return Long.MAX_VALUE; // the output folder's own check names the problem
		}
	}

	private static long saturatedProduct(long a, long b) {
		try {
			return Math.multiplyExact(a, b);
		}
		catch (ArithmeticException e) {
			return Long.MAX_VALUE;
		}
	}

	private static long saturatedSum(long a, long b) {
		try {
			return Math.addExact(a, b);
		}
		catch (ArithmeticException e) {
			return Long.MAX_VALUE;
		}
	}

	private static String gigabytes(long bytes) {
		return bytes == Long.MAX_VALUE ? "more than 9 EB" : String.format("%.1f GB", bytes / 1e9);
	}

	/** A thread count as the user gives it: 0 (or less) means one per core. */
	public static int threadsOrCores(int threads) {
		return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
	}

	/** Parses "0,5,17"; empty means the first nine. */
	public static List<Integer> parseUnits(String units) {
		if (units == null || units.isBlank()) units = UNITS;
		try {
			return Arrays.stream(units.split(",")).map(String::trim).map(Integer::valueOf)
				.collect(Collectors.toList());
		}
		catch (NumberFormatException e) {
			throw new IllegalArgumentException("units must be a comma-separated list of unit numbers, not '" + units + "'");
		}
	}
}
