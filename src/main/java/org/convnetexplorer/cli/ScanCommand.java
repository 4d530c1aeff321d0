package org.convnetexplorer.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.convnetexplorer.atlas.ImageChoice;
import org.convnetexplorer.cluster.CheckpointInterval;
import org.convnetexplorer.cluster.ShardSpec;
import org.convnetexplorer.job.JobSettings;
import org.convnetexplorer.job.TopPatchesJob;
import org.convnetexplorer.network.ComputeDevice;
import org.convnetexplorer.network.Precision;
import org.convnetexplorer.weights.WeightsCache;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "scan", mixinStandardHelpOptions = true, sortOptions = false,
	description = { "Finds, for every unit of the chosen layers, the images that activate it most, and writes their",
		"receptive-field patches as montage stacks (<layer>.tif), overview figures (<layer>-overview.tif),",
		"topk.csv, skipped.csv and run.json into the output folder." })
final class ScanCommand implements Callable<Integer> {

	/** How long a signal waits for the partial results to be written before the process ends anyway. */
	private static final long STOP_GRACE_SECONDS = 120;

	@Spec
	CommandSpec spec;

	@Option(names = "--images", required = true, paramLabel = "DIR", description = "Folder of images to scan.")
	Path images;

	@Option(names = "--output", required = true, paramLabel = "DIR",
		description = "Folder for the results; must be new or empty unless --overwrite.")
	Path output;

	@Option(names = "--weights", paramLabel = "FILE.pth|imagenet|demo", defaultValue = "demo",
		description = "PyTorch state dict of torchvision's AlexNet; 'imagenet' downloads torchvision's ImageNet weights " +
			"(233 MB, once); 'demo' is the bundled demo network (default: ${DEFAULT-VALUE}).")
	String weights;

	@Mixin
	ModelOptions model;

	@Option(names = "--layers", paramLabel = "LIST",
		description = "Layers to scan (default: conv1,conv2,conv3,conv4,conv5; for a model, those `layers` marks).")
	String layers;

	@Option(names = "--top", paramLabel = "K", defaultValue = "9", description = "Patches per unit (default: ${DEFAULT-VALUE}).")
	int top;

	@Option(names = "--units", paramLabel = "LIST", defaultValue = "0,1,2,3,4,5,6,7,8",
		description = "Units shown in each layer's overview figure (default: ${DEFAULT-VALUE}).")
	String units;

	@Option(names = "--device", paramLabel = "auto|cpu|gpu", defaultValue = "auto",
		description = "Where the network runs; auto takes the GPU when TensorFlow's GPU build finds one (default: ${DEFAULT-VALUE}).")
	String device;

	@Option(names = "--precision", paramLabel = "float32|bfloat16", defaultValue = "float32",
		description = "Convolution arithmetic; bfloat16 is faster on CPUs that have it but not exactly torchvision's " +
			"numbers (default: ${DEFAULT-VALUE}).")
	String precision;

	@Option(names = "--batch", paramLabel = "N", defaultValue = "16", description = "Images per network run (default: ${DEFAULT-VALUE}).")
	int batch;

	@Option(names = "--recursive", description = "Also scan subfolders.")
	boolean recursive;

	@Option(names = "--overwrite", description = "Write into an output folder that is not empty.")
	boolean overwrite;

	@Option(names = "--cell", paramLabel = "PX", defaultValue = "0",
		description = "Side of each patch in the montages; 0 uses each layer's default (32-64 px).")
	int cell;

	@Option(names = "--threads", paramLabel = "N", defaultValue = "0", description = "TensorFlow threads; 0 uses all cores.")
	int threads;

	@Option(names = "--decoders", paramLabel = "N", defaultValue = "0",
		description = "Threads decoding images; 0 uses one per core, at most 8. On the CPU they take turns with the network.")
	int decoders;

	@Option(names = "--shard", paramLabel = "I/N",
		description = "Scan the I-th of N parts of the folder (every N-th batch of the sorted files); `merge` combines them.")
	String shard;

	@Option(names = "--resume", description = "Go on from the checkpoint in the output folder, with the same settings.")
	boolean resume;

	@Option(names = "--checkpoint-every", paramLabel = "TIME", defaultValue = CheckpointInterval.DEFAULT_TEXT,
		description = "How often the scan's state is saved to the output folder for --resume: 30s, 5m, 1h; 0 never " +
			"(default: ${DEFAULT-VALUE}).")
	String checkpointEvery;

	@Option(names = "--atlas", description = "Then write the web atlas into OUTPUT/atlas (as `atlas --output`).")
	boolean atlas;

	@Option(names = "--cache", paramLabel = "DIR",
		description = "Where downloaded weights are kept (default: $CONVNET_EXPLORER_CACHE, else ~/.cache/convnet-explorer).")
	Path cache;

	@Override
	public Integer call() throws Exception {
		JobSettings settings = jobSettings();
		PrintWriter err = spec.commandLine().getErr();
		ConsoleProgress progress = new ConsoleProgress(err);
		// SIGTERM (a cluster job's time limit, `kill`) or Ctrl-C stops the scan as Esc does in Fiji: the images
		// scanned so far are still written, marked partial, before the process exits.
		CountDownLatch finished = new CountDownLatch(1);
		Thread stopOnSignal = new Thread(() -> {
			progress.stop();
			try {
				finished.await(STOP_GRACE_SECONDS, TimeUnit.SECONDS);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}, "convnet-explorer-stop");
		Runtime.getRuntime().addShutdownHook(stopOnSignal);
		try {
			TopPatchesJob.Outcome outcome = TopPatchesJob.run(settings, progress);
			err.printf("Done: %d images scanned, %d skipped%s; results in %s%n", outcome.scan.scanned,
				outcome.scan.skipped, outcome.scan.partial ? " (cancelled: partial)" : "", output);
			if (atlas && !outcome.scan.partial)
				AtlasCommand.write(output, null, ImageChoice.SMALL_COPIES, settings.threads, err);
			return 0;
		}
		catch (Exception e) {
			// Said here, before the count below lets a signal's shutdown go on: the JVM could otherwise end first.
			return ConvNetExplorerCli.failed(err, e);
		}
		finally {
			finished.countDown();
			try {
				Runtime.getRuntime().removeShutdownHook(stopOnSignal);
			}
			catch (IllegalStateException e) {
				// the JVM is shutting down: the hook is running, and lets it go on once it sees the count
			}
		}
	}

	/**
	 * The options as the job's settings, checked.
	 *
	 * @throws ParameterException naming the option that is wrong
	 * @throws IOException where the model cannot be used
	 */
	JobSettings jobSettings() throws IOException {
		JobSettings settings = new JobSettings();
		PrintWriter err = spec.commandLine().getErr();
		try {
			settings.images = images;
			settings.output = output;
			settings.weights = weights;
			settings.cache = cache != null ? cache : WeightsCache.defaultDirectory();
			settings.network = model.network(spec, weights, settings.cache);
			settings.layers = settings.network.parseLayers(layers);
			if (layers == null && model.model != null)
				err.println("Layers (the model's default, as `layers` marks them): " + settings.layers);
			settings.top = top;
			settings.units = JobSettings.parseUnits(units);
			settings.device = ComputeDevice.fromId(device);
			settings.precision = Precision.fromId(precision);
			settings.batch = batch;
			settings.recursive = recursive;
			settings.overwrite = overwrite;
			settings.cell = cell;
			settings.threads = threads;
			settings.decoders = decoders;
			settings.shard = ShardSpec.parse(shard);
			settings.resume = resume;
			settings.checkpointEvery = CheckpointInterval.parse(checkpointEvery);
			settings.scanSettings();
		}
		catch (IllegalArgumentException e) {
			throw new ParameterException(spec.commandLine(), e.getMessage());
		}
		return settings;
	}
}
