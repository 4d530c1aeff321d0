package org.convnetexplorer.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;

import org.convnetexplorer.job.JobSettings;
import org.convnetexplorer.network.ComputeDevice;
import org.convnetexplorer.network.Layer;
import org.convnetexplorer.network.Network;
import org.convnetexplorer.network.NetworkListener;
import org.convnetexplorer.network.Precision;
import org.convnetexplorer.network.Trunk;
import org.convnetexplorer.options.NetworkOptions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The network alone: one fixed batch fed in a loop, the ceiling a scan's forward passes are measured against. */
@Command(name = "bench-network", mixinStandardHelpOptions = true,
	description = "Measures the bare network throughput (the chosen layers' maxima fetched) on this machine.")
final class NetworkBenchmarkCommand implements Callable<Integer> {

	private static final int MAX_SECONDS = 3600;

	@Spec
	CommandSpec spec;

	@Mixin
	NetworkMixin network;

	@Option(names = "--layers", paramLabel = "LIST",
		description = "Layers whose maxima are fetched (default: AlexNet's five; a model's default layers).")
	String layers;

	@Mixin
	DeviceMixin device;

	@Option(names = "--precision", defaultValue = JobSettings.PRECISION,
		description = "float32 or bfloat16 (default: ${DEFAULT-VALUE}).")
	String precision;

	@Option(names = "--batch", defaultValue = "" + JobSettings.BATCH,
		description = "Images per run (default: ${DEFAULT-VALUE}; at most " + JobSettings.BATCH_MAX + ").")
	int batch;

	@Option(names = "--seconds", defaultValue = "10",
		description = "How long to measure, after a warm-up (default: ${DEFAULT-VALUE}; at most " + MAX_SECONDS + ").")
	double seconds;

	@Override
	public Integer call() throws Exception {
		PrintWriter out = spec.commandLine().getOut();
		if (batch < 1) throw new ParameterException(spec.commandLine(), "batch must be at least 1, not " + batch);
		ComputeDevice computeDevice;
		Precision arithmetic;
		Network chosenNetwork;
		List<Layer> chosen;
		int floats;
		try {
			JobSettings.checkAtMost("batch", batch, JobSettings.BATCH_MAX);
			JobSettings.checkThreads(device.threads);
			if (!(seconds > 0 && seconds <= MAX_SECONDS))
				throw new IllegalArgumentException("seconds must be more than 0 and at most " + MAX_SECONDS + ", not " +
					seconds);
			computeDevice = ComputeDevice.fromId(device.device);
			arithmetic = Precision.fromId(precision);
			chosenNetwork = network.into(spec, new NetworkOptions()).network();
			chosen = chosenNetwork.parseLayers(layers);
			floats = chosenNetwork.input().batchFloats(batch);
		}
		catch (IllegalArgumentException e) {
			throw new ParameterException(spec.commandLine(), e.getMessage());
		}
		float[] images = new float[floats];
		Random random = new Random(0);
		for (int i = 0; i < images.length; i++)
			images[i] = (float) random.nextGaussian();
		int cores = JobSettings.threadsOrCores(device.threads);
		try (Trunk trunk = chosenNetwork.openTrunk(chosen, computeDevice, cores, arithmetic, quiet())) {
			for (int i = 0; i < 3; i++)
				trunk.forward(images, batch);
			long start = System.nanoTime();
			int runs = 0;
			while (System.nanoTime() - start < seconds * 1e9) {
				trunk.forward(images, batch);
				runs++;
			}
			double elapsed = (System.nanoTime() - start) * 1e-9;
			out.printf("network: %.1f img/s (device %s, %s, %s convolutions, batch %d, %d threads, %d runs in %.1f s)%n",
				runs * batch / elapsed, trunk.device().id(), precision, trunk.convolution(), batch, cores, runs, elapsed);
		}
		return 0;
	}

	/** Setup messages left out of the measurement's output, but a fall-back to the CPU said. */
	private NetworkListener quiet() {
		return new NetworkListener() {
			@Override
			public void update(long bytesSoFar, long totalBytes, double bytesPerSecond) {}

			@Override
			public void status(String message) {}

			@Override
			public void gpuFallback(String reason) {
				spec.commandLine().getErr().println(NetworkListener.gpuFallbackMessage(reason));
			}
		};
	}
}
