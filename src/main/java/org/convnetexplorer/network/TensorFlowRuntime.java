package org.convnetexplorer.network;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicBoolean;

import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.TensorFlow;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphOptions;
import org.tensorflow.proto.RewriterConfig;

/** What every TF graph of the program shares: loading TF's natives, placing ops on a device, session options. */
public final class TensorFlowRuntime {

	private static final FutureTask<String> NATIVES = new FutureTask<>(TensorFlow::version);
	private static final AtomicBoolean NATIVES_STARTED = new AtomicBoolean();

	private TensorFlowRuntime() {}

	/**
	 * Starts loading TensorFlow's native libraries on another thread, so that it overlaps what the caller
	 * does before building a graph (finding and reading the weights); {@link #awaitNatives} waits for it.
	 */
	public static void loadNativesInBackground() {
		if (NATIVES_STARTED.compareAndSet(false, true)) {
			Thread loader = new Thread(NATIVES, "convnet-explorer-tensorflow-loader");
			loader.setDaemon(true);
			loader.start();
		}
	}

	/** Loads the natives here if no one started to, else waits for them; a failure is thrown as it happened. */
	public static void awaitNatives() {
		NATIVES_STARTED.set(true);
		NATIVES.run(); // does nothing if it ran or is running elsewhere
		try {
			NATIVES.get();
		}
		catch (ExecutionException e) {
			if (e.getCause() instanceof Error) throw (Error) e.getCause();
			if (e.getCause() instanceof RuntimeException) throw (RuntimeException) e.getCause();
			throw new IllegalStateException(e.getCause());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while TensorFlow was loading", e);
		}
	}

	/** Ops on {@code device}: graphs built with them compute there. */
	public static Ops onDevice(Ops tf, ComputeDevice device) {
		return device == ComputeDevice.GPU
			? tf.withDevice(DeviceSpec.newBuilder().deviceType(DeviceSpec.DeviceType.GPU).deviceIndex(0).build())
			: tf;
	}

	/** A session for {@code graph} with {@code threads} intra-op threads (0 lets TF choose), no soft placement. */
	public static Session newSession(Graph graph, int threads, Precision precision) {
		return newSession(graph, threads, precision, true);
	}

	/** @param graphOptimizer whether Grappler runs (bfloat16 needs it: its rewrite is a Grappler pass) */
	static Session newSession(Graph graph, int threads, Precision precision, boolean graphOptimizer) {
		RewriterConfig.Builder rewrites = RewriterConfig.newBuilder().setDisableMetaOptimizer(!graphOptimizer);
		if (precision == Precision.BFLOAT16) rewrites.setAutoMixedPrecisionOnednnBfloat16(RewriterConfig.Toggle.ON);
		return new Session(graph, ConfigProto.newBuilder()
			.setIntraOpParallelismThreads(threads)
			.setInterOpParallelismThreads(1)
			.setAllowSoftPlacement(false)
			.setGraphOptions(GraphOptions.newBuilder().setRewriteOptions(rewrites))
			.build());
	}

	/** Whether {@code threads} TF threads cover every core. */
	public static boolean usesAllCores(int threads) {
		return threads <= 0 || threads >= Runtime.getRuntime().availableProcessors();
	}
}
