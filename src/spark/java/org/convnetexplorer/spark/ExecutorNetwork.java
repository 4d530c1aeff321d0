package org.convnetexplorer.spark;

import java.io.IOException;
import java.util.stream.Collectors;

import org.convnetexplorer.cluster.ScanIdentity;
import org.convnetexplorer.job.JobSettings;
import org.convnetexplorer.network.Layer;
import org.convnetexplorer.network.NetworkListener;
import org.convnetexplorer.network.Trunk;

/**
 * The network of an executor: built once per JVM, by the first task that needs it, and shared by the tasks that run
 * in the JVM after or beside it (TF sessions run concurrently). Building it takes seconds; a partition takes minutes.
 */
final class ExecutorNetwork {

	/** Lines to the executor's log; no download happens here (the driver shipped the weights). */
	private static final NetworkListener LOG = new NetworkListener() {
		@Override
		public void update(long bytesSoFar, long totalBytes, double bytesPerSecond) {}

		@Override
		public void status(String message) {
			System.err.println(message);
		}
	};

	private static String key;
	private static Trunk trunk;

	private ExecutorNetwork() {}

	/**
	 * The trunk for {@code settings} (their weights: the file the driver shipped).
	 *
	 * @param networkSha256 what the driver's scan identity says the network computes with
	 * @throws IOException if the weights cannot be read, or are not the driver's
	 */
	static synchronized Trunk get(JobSettings settings, String networkSha256) throws IOException {
		int threads = JobSettings.threadsOrCores(settings.threads);
		String wanted = String.join(" ", settings.weights, settings.device.id(), String.valueOf(threads),
			settings.precision.id(), settings.layers.stream().map(Layer::name).collect(Collectors.joining(",")));
		if (trunk != null && wanted.equals(key)) return trunk;
		if (trunk != null) trunk.close();
		trunk = null;
		Trunk opened = settings.network().openTrunk(settings.layers, settings.device, threads, settings.precision, LOG);
		String sha256 = ScanIdentity.networkSha256(opened.provenance());
		if (!sha256.equals(networkSha256)) {
			opened.close();
			throw new IOException("the network on this executor (" + opened.provenance() + ") is not the driver's (" +
				networkSha256 + ")");
		}
		trunk = opened;
		key = wanted;
		return trunk;
	}
}
