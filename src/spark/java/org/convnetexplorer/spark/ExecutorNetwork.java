package org.convnetexplorer.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.SparkFiles;
import org.convnetexplorer.cli.ConvNetExplorerCli;
import org.convnetexplorer.scanstate.ScanIdentity;
import org.convnetexplorer.job.JobSettings;
import org.convnetexplorer.network.NetworkListener;
import org.convnetexplorer.network.Trunk;

/**
 * The network of an executor: built once per JVM, by the first task that needs it, and shared by the tasks that run
 * in the JVM after or beside it (TF sessions run concurrently). Building it takes seconds; a partition takes minutes.
 */
final class ExecutorNetwork {

	/** Lines to the executor's log; no download happens here (the driver shipped the weights or model). */
	private static final NetworkListener LOG = new NetworkListener() {
		@Override
		public void update(long bytesSoFar, long totalBytes, double bytesPerSecond) {}

		@Override
		public void status(String message) {
			System.err.println(message);
		}
	};

	private static List<String> settingsArgs;
	private static JobSettings settings;
	private static JobSettings trunkSettings;
	private static Trunk trunk;

	private ExecutorNetwork() {}

	/**
	 * The scan's settings on this JVM, with the network's file the copy the driver shipped: parsed (a model read) once
	 * per JVM. Their images folder is "."; {@link org.convnetexplorer.scan.ScanSettings#in} places the scan.
	 *
	 * @param scanOptions the user's scan options
	 * @param networkFile the name the driver shipped the network's file under ({@code SparkContext.addFile})
	 * @param model whether that file is an ONNX model (else AlexNet's weights)
	 */
	static synchronized JobSettings settings(List<String> scanOptions, String networkFile, boolean model)
		throws IOException
	{
		// an option given twice takes its last value: the shipped file overrides the driver's path
		List<String> args = new ArrayList<>(List.of("--images", ".", "--output", "."));
		args.addAll(scanOptions);
		args.addAll(List.of(model ? "--model" : "--weights", SparkFiles.get(networkFile)));
		if (!args.equals(settingsArgs)) {
			settings = ConvNetExplorerCli.scanSettings(args.toArray(new String[0]));
			settingsArgs = args;
		}
		return settings;
	}

	/**
	 * The trunk for {@code settings} (from {@link #settings}).
	 *
	 * @param networkSha256 what the driver's scan identity says the network computes with
	 * @throws IOException if the network's file cannot be read, or is not the driver's
	 */
	static synchronized Trunk get(JobSettings settings, String networkSha256) throws IOException {
		if (trunk != null && settings == trunkSettings) return trunk;
		if (trunk != null) trunk.close();
		trunk = null;
		int threads = JobSettings.threadsOrCores(settings.threads);
		Trunk opened = settings.network().openTrunk(settings.layers, settings.device, threads, settings.precision, LOG);
		String sha256 = ScanIdentity.networkSha256(opened.provenance());
		if (!sha256.equals(networkSha256)) {
			opened.close();
			throw new IOException("the network on this executor (" + opened.provenance() + ") is not the driver's (" +
				networkSha256 + ")");
		}
		trunk = opened;
		trunkSettings = settings;
		return trunk;
	}
}
