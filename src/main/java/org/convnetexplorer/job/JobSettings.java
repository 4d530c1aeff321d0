package org.convnetexplorer.job;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.convnetexplorer.cluster.CheckpointInterval;
import org.convnetexplorer.cluster.ShardSpec;
import org.convnetexplorer.network.AlexNetLayer;
import org.convnetexplorer.network.ComputeDevice;
import org.convnetexplorer.network.Precision;
import org.convnetexplorer.scan.ScanSettings;

/** Everything one run of "top patches per unit" needs, as the CLI and the Fiji command both collect it. */
public final class JobSettings {

	public Path images;
	public Path output;
	/** A .pth path, {@code imagenet} or {@code demo}. */
	public String weights = "demo";
	/** Where downloaded and extracted weights are kept. */
	public Path cache;
	public List<AlexNetLayer> layers = List.of(AlexNetLayer.values());
	public int top = 9;
	/** Units shown in each layer's overview figure. */
	public List<Integer> units = List.of(0, 1, 2, 3, 4, 5, 6, 7, 8);
	public ComputeDevice device = ComputeDevice.AUTO;
	public Precision precision = Precision.FLOAT32;
	public int batch = 16;
	public boolean recursive;
	public boolean overwrite;
	/** Montage cell side in pixels; 0 picks each layer's default. */
	public int cell;
	/** TF intra-op threads; 0 means all cores. */
	public int threads;
	/** Image decoding threads; 0 means one per core, at most {@value #MAX_DEFAULT_DECODERS}. */
	public int decoders;

	/** Which shard of the folder to scan; {@link ShardSpec#WHOLE} for all of it. */
	public ShardSpec shard = ShardSpec.WHOLE;
	/** Go on from the checkpoint in the output folder. */
	public boolean resume;
	/** How often the scan's state is written to the output folder; zero for never (it still is when stopped). */
	public Duration checkpointEvery = CheckpointInterval.DEFAULT;

	/** Each decoder fills its own batch buffer (10 MB at batch 16): the default stops at 8 on many-core nodes. */
	public static final int MAX_DEFAULT_DECODERS = 8;

	/**
	 * The scan's part of these settings, checked.
	 *
	 * @throws IllegalArgumentException naming the setting that is wrong
	 */
	public ScanSettings scanSettings() {
		if (cell < 0) throw new IllegalArgumentException("cell must be 0 (each layer's default) or a size in pixels, not " +
			cell);
		if (threads < 0) throw new IllegalArgumentException("threads must be 0 (all cores) or more, not " + threads);
		if (decoders < 0) throw new IllegalArgumentException("decoders must be 0 (one per core) or more, not " + decoders);
		return new ScanSettings(images, recursive, layers, top, batch,
			decoders > 0 ? decoders : Math.min(MAX_DEFAULT_DECODERS, threadsOrCores(0)));
	}

	/** A thread count as the user gives it: 0 (or less) means one per core. */
	public static int threadsOrCores(int threads) {
		return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
	}

	/** Parses "0,5,17"; empty means the first nine. */
	public static List<Integer> parseUnits(String units) {
		if (units == null || units.isBlank()) return List.of(0, 1, 2, 3, 4, 5, 6, 7, 8);
		try {
			return Arrays.stream(units.split(",")).map(String::trim).map(Integer::valueOf)
				.collect(Collectors.toList());
		}
		catch (NumberFormatException e) {
			throw new IllegalArgumentException("units must be a comma-separated list of unit numbers, not '" + units + "'");
		}
	}
}
