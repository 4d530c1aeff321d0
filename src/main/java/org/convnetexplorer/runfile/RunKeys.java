package org.convnetexplorer.runfile;

/**
 * Every key of run.json, for its writers (scan, merge, the Spark job, the networks' provenance) and its readers
 * (show, the explorer window, deconv, merge, the atlas). Grouped as run.json lists them.
 */
public final class RunKeys {

	// What was scanned (a folder of feature visualisations alone records the network's name)
	public static final String NETWORK = "network";
	public static final String IMAGES = "images";
	public static final String RECURSIVE = "recursive";
	// The network: the built-in AlexNet's weights, or a model with its input
	public static final String WEIGHTS = "weights";
	public static final String WEIGHTS_SHA256 = "weights_sha256";
	public static final String MODEL = "model";
	public static final String MODEL_SHA256 = "model_sha256";
	public static final String INPUT_SIZE = "input_size";
	public static final String INPUT_CHANNELS = "input_channels";
	public static final String MEAN = "mean";
	public static final String STD = "std";
	/** A model's input normalisation where it replaces mean and std (bioimage.io's preprocessing steps, as text). */
	public static final String NORMALIZE = "normalize";
	/** A model's layers whose units a global gate scales (their fields are the ungated path's). */
	public static final String GATED_LAYERS = "gated_layers";
	// How it was scanned
	public static final String LAYERS = "layers";
	public static final String TOP = "top";
	public static final String OVERVIEW_UNITS = "overview_units";
	public static final String DEVICE_REQUESTED = "device_requested";
	public static final String DEVICE = "device";
	public static final String PRECISION = "precision";
	public static final String CONVOLUTION = "convolution";
	public static final String BATCH = "batch";
	public static final String DECODERS = "decoders";
	public static final String SHARD = "shard";
	public static final String RESUMED = "resumed";
	// A merge's and a Spark job's parts
	public static final String MERGED_FROM = "merged_from";
	public static final String SHARDS = "shards";
	public static final String SPARK_MASTER = "spark_master";
	public static final String SPARK_DEFAULT_PARALLELISM = "spark_default_parallelism";
	public static final String PARTITIONS = "partitions";
	// A scan at each image's own size (--input-size native)
	public static final String NATIVE_SIZE = "native_size";
	public static final String CHANNELS = "channels";
	public static final String PLANE = "plane";
	public static final String PER_IMAGE = "per_image";
	public static final String TILE_PX = "tile_px";
	public static final String TILE_MEMORY_MB = "tile_memory_mb";
	public static final String TILE_ALIGNMENT_PX = "tile_alignment_px";
	public static final String SIZE_STEP_PX = "size_step_px";
	public static final String TILES = "tiles";
	public static final String IMAGES_TILED = "images_tiled";
	// What came of it
	public static final String IMAGES_TOTAL = "images_total";
	public static final String IMAGES_SCANNED = "images_scanned";
	public static final String IMAGES_SKIPPED = "images_skipped";
	public static final String PARTIAL = "partial";
	// How long it took, and the memory it used
	public static final String SECONDS_NETWORK_SETUP = "seconds_network_setup";
	public static final String SECONDS_SCAN = "seconds_scan";
	public static final String SECONDS_RENDER = "seconds_render";
	public static final String SECONDS_RENDER_PATCHES = "seconds_render_patches";
	public static final String CHECKPOINTS = "checkpoints";
	public static final String SECONDS_CHECKPOINTS = "seconds_checkpoints";
	public static final String SECONDS_TOTAL = "seconds_total";
	public static final String SECONDS_FORWARD = "seconds_forward";
	public static final String IMAGES_PER_SECOND = "images_per_second";
	public static final String PEAK_HEAP_MB = "peak_heap_mb";
	public static final String PEAK_LIVE_HEAP_MB = "peak_live_heap_mb";
	// The versions involved; the first is only in our run.json, so a folder holding it is results, not images
	public static final String VERSION = RunFile.VERSION_KEY;
	public static final String TENSORFLOW_VERSION = "tensorflow_version";
	public static final String JAVA_VERSION = "java_version";

	private RunKeys() {}
}
