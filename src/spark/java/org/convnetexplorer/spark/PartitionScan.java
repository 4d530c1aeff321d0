package org.convnetexplorer.spark;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.convnetexplorer.scanstate.Checkpointer;
import org.convnetexplorer.scanstate.ScanIdentity;
import org.convnetexplorer.scanstate.ScanState;
import org.convnetexplorer.scanstate.ShardSpec;
import org.convnetexplorer.job.JobSettings;
import org.convnetexplorer.network.Trunk;
import org.convnetexplorer.scan.ScanMonitor;
import org.convnetexplorer.scan.ScanPlan;
import org.convnetexplorer.scan.ScanResult;
import org.convnetexplorer.scan.ScanSettings;
import org.convnetexplorer.scan.Scanner;

/**
 * What an executor does with a partition of chunks: streams them through the scanner, with the JVM's network, into
 * one state (the partition's top-k tables, counts and skipped files), returned as bytes for Spark to combine.
 */
final class PartitionScan implements FlatMapFunction<Iterator<ScanPlan.Chunk>, byte[]>, Serializable {

	private static final long serialVersionUID = 1L;

	/** Images from a non-local file system are copied to local disk this many chunks at a time. */
	private static final int STAGED_CHUNKS = 64;

	private final String images;
	private final Map<String, String> hadoopSettings;
	private final ScanIdentity identity;
	private final String networkFile;
	private final boolean model;
	/** The user's scan options (threads and decoders 0: the executor's cores). */
	private final List<String> scanOptions;

	/**
	 * @param hadoopSettings the job's spark.hadoop.* settings (credentials, endpoints), without the prefix
	 * @param networkFile the name the driver shipped the network's file under ({@code SparkContext.addFile})
	 * @param model whether that file is an ONNX model (else AlexNet's weights)
	 */
	PartitionScan(String images, Map<String, String> hadoopSettings, ScanIdentity identity, String networkFile,
		boolean model, List<String> scanOptions)
	{
		this.images = images;
		this.hadoopSettings = new HashMap<>(hadoopSettings);
		this.identity = identity;
		this.networkFile = networkFile;
		this.model = model;
		this.scanOptions = new ArrayList<>(scanOptions);
	}

	@Override
	public Iterator<byte[]> call(Iterator<ScanPlan.Chunk> chunks) throws Exception {
		List<ScanPlan.Chunk> partition = new ArrayList<>();
		chunks.forEachRemaining(partition::add);
		Configuration conf = new Configuration();
		hadoopSettings.forEach(conf::set);
		HadoopImages folder = new HadoopImages(images, identity.recursive());
		Path local = folder.localFolder(conf);
		JobSettings settings = ExecutorNetwork.settings(scanOptions, networkFile, model);
		Trunk trunk = ExecutorNetwork.get(settings, identity.networkSha256());
		ScanSettings scanSettings = settings.scanSettings();
		ScanState state = ScanState.empty(identity, ShardSpec.WHOLE, scanSettings);
		int group = local != null ? Math.max(1, partition.size()) : STAGED_CHUNKS;
		for (int from = 0; from < partition.size(); from += group) {
			ScanPlan plan = ScanPlan.of(partition.subList(from, Math.min(partition.size(), from + group)));
			Path root = local != null ? local : Files.createTempDirectory("convnet-explorer-images");
			try {
				if (local == null) folder.copy(conf,
					plan.chunks().stream().flatMap(chunk -> chunk.files.stream()).toList(), root);
				Checkpointer tracker = Checkpointer.inMemory(state, plan, ScanMonitor.NONE);
				try (Scanner scanner = Scanner.start(scanSettings.in(root), plan)) {
					ScanResult result = scanner.scan(trunk, tracker, tracker.tables(), tracker);
					// a task Spark stopped: it reruns the partition elsewhere, and this part must not count
					if (result.partial) throw new InterruptedException("partition scan stopped");
				}
				state = tracker.state();
			}
			finally {
				if (local == null) deleteTree(root);
			}
		}
		return List.of(state.toBytes()).iterator();
	}

	static void deleteTree(Path root) throws IOException {
		try (Stream<Path> paths = Files.walk(root)) {
			for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator)
				Files.deleteIfExists(path);
		}
	}
}
