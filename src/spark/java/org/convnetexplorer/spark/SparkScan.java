package org.convnetexplorer.spark;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function2;
import org.convnetexplorer.atlas.ImageChoice;
import org.convnetexplorer.atlas.WebAtlas;
import org.convnetexplorer.cli.ConsoleProgress;
import org.convnetexplorer.cli.ConvNetExplorerCli;
import org.convnetexplorer.scanstate.ScanIdentity;
import org.convnetexplorer.scanstate.ScanState;
import org.convnetexplorer.scanstate.ShardSpec;
import org.convnetexplorer.scanstate.StateMerge;

import org.convnetexplorer.job.JobListener;
import org.convnetexplorer.job.JobSettings;
import org.convnetexplorer.job.MergeJob;
import org.convnetexplorer.job.RunReports;
import org.convnetexplorer.network.AlexNet;
import org.convnetexplorer.network.Layer;
import org.convnetexplorer.network.Network;
import org.convnetexplorer.onnx.OnnxNetwork;
import org.convnetexplorer.runfile.RunKeys;
import org.convnetexplorer.scan.ScanPlan;
import org.convnetexplorer.scan.UnitTopK;
import org.convnetexplorer.weights.Sha256;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/**
 * The scan as a Spark application: the driver lists the images, hands batch-sized chunks of the sorted listing to the
 * executors, combines the partitions' top-k tables with a tree reduce and writes the usual output folder. The result
 * equals a single scan's (the same chunks, the same tables).
 *
 * <pre>
 * spark-submit --class org.convnetexplorer.spark.SparkScan --jars ... convnet-explorer-*-spark.jar \
 *     --images hdfs:///data/imgs --output /results/run1 [--partitions N] [scan options]
 * </pre>
 */
@Command(name = "convnet-explorer-spark", mixinStandardHelpOptions = true, sortOptions = false,
	description = { "Scans a folder of images on a Spark cluster and writes the output folder `scan` writes. Other",
		"options are those of `convnet-explorer scan` (--weights or --model, --layers, --top, --batch, --device, ...)." })
public final class SparkScan implements Callable<Integer> {

	@Option(names = "--images", required = true, paramLabel = "URI",
		description = "Folder of images: a local path or file://, hdfs://, s3a://, ... as the cluster's Hadoop reads it.")
	String images;

	@Option(names = "--output", required = true, paramLabel = "DIR",
		description = "Folder for the results, on the driver's machine; new or empty unless --overwrite.")
	Path output;

	@Option(names = "--partitions", paramLabel = "N", defaultValue = "0",
		description = "Spark partitions of the listing; 0: four per core the cluster offers.")
	int partitions;

	@Unmatched
	List<String> scanOptions = new ArrayList<>();

	private final PrintWriter err;

	private SparkScan(PrintWriter err) {
		this.err = err;
	}

	public static void main(String[] args) {
		PrintWriter err = new PrintWriter(System.err, true);
		CommandLine commandLine = new CommandLine(new SparkScan(err));
		commandLine.setErr(err);
		commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
			cmd.getErr().println("convnet-explorer-spark: " + String.valueOf(e.getMessage()).replace('\n', ' '));
			return 1;
		});
		System.exit(commandLine.execute(args));
	}

	@Override
	public Integer call() throws Exception {
		long start = System.nanoTime();
		List<String> args = new ArrayList<>(List.of("--images", ".", "--output", output.toString()));
		args.addAll(scanOptions);
		JobSettings settings = ConvNetExplorerCli.scanSettings(args.toArray(new String[0]));
		if (!settings.shard.isWhole() || settings.resume) throw new IllegalArgumentException(
			"--shard and --resume are for `scan`: Spark reruns lost partitions itself");
		JobListener listener = new ConsoleProgress(err);
		try (JavaSparkContext spark = new JavaSparkContext(new SparkConf().setAppName("ConvNet Explorer scan"))) {
			Configuration hadoop = spark.hadoopConfiguration();
			HadoopImages folder = new HadoopImages(images, settings.recursive);
			HadoopImages.Listing listing = folder.list(hadoop);
			if (listing.files().isEmpty()) throw new IOException("no files to scan in " + images);
			Network network = settings.network();
			// The network's file (AlexNet's weights, resolved or downloaded once, here; or the model) goes to the
			// executors, which build the network from their copy.
			Map<String, Object> provenance = new LinkedHashMap<>();
			Path networkFile;
			if (network instanceof OnnxNetwork model) {
				provenance.putAll(model.provenance());
				networkFile = model.model().file();
			}
			else {
				networkFile = ((AlexNet) network).weightsFile(listener);
				provenance.put(RunKeys.WEIGHTS, networkFile.toAbsolutePath().toString());
				provenance.put(RunKeys.WEIGHTS_SHA256, Sha256.hexOf(networkFile));
			}
			ScanIdentity identity = ScanIdentity.of(folder.name(hadoop), settings.recursive, listing.files(),
				network.name(), ScanIdentity.networkSha256(provenance), network.input(), settings.precision.id(),
				settings.layers.stream().map(Layer::name).collect(Collectors.toList()), settings.top, settings.batch);
			spark.addFile(networkFile.toAbsolutePath().toString());
			Map<String, String> hadoopSettings = new LinkedHashMap<>();
			for (scala.Tuple2<String, String> setting : spark.getConf().getAllWithPrefix("spark.hadoop."))
				hadoopSettings.put(setting._1(), setting._2());

			List<ScanPlan.Chunk> chunks = ScanPlan.all(listing.files(), settings.batch).chunks();
			int slices = partitions > 0 ? partitions : Math.min(chunks.size(), 4 * spark.defaultParallelism());
			listener.status("Scanning " + listing.files().size() + " files in " + chunks.size() + " chunks, " + slices +
				" partitions, on " + spark.master());
			long scanStart = System.nanoTime();
			String shipped = networkFile.getFileName().toString();
			boolean model = network instanceof OnnxNetwork;
			byte[] combined = spark.parallelize(chunks, slices)
				.mapPartitions(new PartitionScan(images, hadoopSettings, identity, shipped, model, scanOptions))
				.treeReduce(new Combine(scanOptions, shipped, model));
			double scanSeconds = (System.nanoTime() - scanStart) * 1e-9;
			ScanState scanned = ScanState.fromBytes(combined, network);
			if (scanned.covered().cardinality() != scanned.chunkCount())
				throw new IllegalStateException("the partitions cover " + scanned.filesCovered() + " of " +
					listing.files().size() + " files");
			ScanState state = new ScanState(identity, ShardSpec.WHOLE, scanned.covered(), scanned.scanned,
				listing.leftOut(), scanned.skipped, scanned.topK);
			listener.status(String.format("Scanned %d images (%d skipped) in %.1f s, %.1f images/s", state.scanned,
				state.skipped.size(), scanSeconds, state.scanned / scanSeconds));

			Map<String, Object> details = new LinkedHashMap<>();
			details.put(RunKeys.SPARK_MASTER, spark.master());
			details.put(RunKeys.SPARK_DEFAULT_PARALLELISM, spark.defaultParallelism());
			details.put(RunKeys.PARTITIONS, slices);
			details.put(RunKeys.SECONDS_SCAN, RunReports.round(scanSeconds));
			details.put(RunKeys.IMAGES_PER_SECOND, RunReports.round(state.scanned / scanSeconds));
			MergeJob.Settings outputs = new MergeJob.Settings();
			outputs.output = output;
			outputs.overwrite = settings.overwrite;
			outputs.cell = settings.cell;
			outputs.units = settings.units;
			outputs.threads = settings.threads;
			Path local = folder.localFolder(hadoop);
			if (local != null) MergeJob.writeResults(state, local, provenance, outputs, details, listener, start);
			else {
				// the montages are cut from the winning images only: those come to the driver's disk
				Path winners = Files.createTempDirectory("convnet-explorer-winners");
				try {
					folder.copy(hadoop, winningImages(state), winners);
					MergeJob.writeResults(state, winners, provenance, outputs, details, listener, start);
				}
				finally {
					PartitionScan.deleteTree(winners);
				}
			}
			err.printf("Done: %d images scanned, %d skipped; results in %s%n", state.scanned, state.skipped.size(), output);
			// `scan --atlas`: the images stay on the cluster's storage unless the folder is local, so then patches only
			if (scanOptions.contains("--atlas")) WebAtlas.write(output, null, local != null ? ImageChoice.SMALL_COPIES
				: ImageChoice.PATCHES_ONLY, settings.threads, err::println);
			return 0;
		}
	}

	/** Spark's reduce: two partitions' states into one, as bytes (what Spark moves between JVMs). */
	private static final class Combine implements Function2<byte[], byte[], byte[]> {

		private static final long serialVersionUID = 1L;

		private final List<String> scanOptions;
		private final String networkFile;
		private final boolean model;

		Combine(List<String> scanOptions, String networkFile, boolean model) {
			this.scanOptions = new ArrayList<>(scanOptions);
			this.networkFile = networkFile;
			this.model = model;
		}

		@Override
		public byte[] call(byte[] a, byte[] b) throws IOException {
			// the network whose layer names the states hold: this JVM's (on an executor, or the driver)
			Network network = ExecutorNetwork.settings(scanOptions, networkFile, model).network();
			return StateMerge.combine(ScanState.fromBytes(a, network), ScanState.fromBytes(b, network)).toBytes();
		}
	}

	private static Set<String> winningImages(ScanState state) {
		Set<String> paths = new TreeSet<>();
		for (UnitTopK table : state.topK.values())
			for (int unit = 0; unit < table.layer.units(); unit++)
				for (int rank = 0; rank < table.count(unit); rank++)
					paths.add(table.entry(unit, rank).image.path);
		return paths;
	}
}
