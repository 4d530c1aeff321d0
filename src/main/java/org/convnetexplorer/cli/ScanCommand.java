package org.convnetexplorer.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.convnetexplorer.atlas.ImageChoice;
import org.convnetexplorer.scanstate.CheckpointInterval;
import org.convnetexplorer.job.JobSettings;
import org.convnetexplorer.job.NetworkChoice;
import org.convnetexplorer.job.TopPatchesJob;
import org.convnetexplorer.options.ScanOptions;

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

	@Mixin
	OutputMixin output;

	@Mixin
	NetworkMixin network;

	@Option(names = "--layers", paramLabel = "LIST",
		description = "Layers to scan (default: conv1,conv2,conv3,conv4,conv5; for a model, those `layers` marks).")
	String layers;

	@Option(names = "--top", paramLabel = "K", defaultValue = "" + JobSettings.TOP,
		description = "Patches per unit (default: ${DEFAULT-VALUE}; at most " + JobSettings.TOP_MAX + ").")
	int top;

	@Mixin
	MontageMixin montage;

	@Mixin
	DeviceMixin device;

	@Option(names = "--precision", paramLabel = "float32|bfloat16", defaultValue = JobSettings.PRECISION,
		description = "Convolution arithmetic; bfloat16 is faster on CPUs that have it but not exactly torchvision's " +
			"numbers (default: ${DEFAULT-VALUE}).")
	String precision;

	@Option(names = "--batch", paramLabel = "N", defaultValue = "" + JobSettings.BATCH,
		description = "Images per network run (default: ${DEFAULT-VALUE}; at most " + JobSettings.BATCH_MAX + ").")
	int batch;

	@Option(names = "--recursive", description = "Also scan subfolders.")
	boolean recursive;

	@Option(names = "--decoders", paramLabel = "N", defaultValue = "" + JobSettings.DECODERS,
		description = "Threads decoding images; 0 uses one per core, at most " + JobSettings.MAX_DEFAULT_DECODERS +
			" (at most " + JobSettings.DECODERS_MAX + "). On the CPU they take turns with the network.")
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

	// --winners: the same option under its macro key (ImageJ's keys are one word, and "perimage" would end in "image")
	@Option(names = { "--per-image", "--winners" }, paramLabel = "N", defaultValue = "" + JobSettings.PER_IMAGE,
		description = "With --input-size native: winners per image per unit, their fields overlapping by at most half " +
			"(default: ${DEFAULT-VALUE}; at most " + JobSettings.PER_IMAGE_MAX + ").")
	int perImage;

	@Option(names = "--channels", paramLabel = "LIST",
		description = "With --input-size native: the image channels fed to the model, from 0 (e.g. 0,1; default: all).")
	String channels;

	@Option(names = "--plane", paramLabel = "N", defaultValue = "0",
		description = "With --input-size native: the plane of a TIFF stack, from 0 (slices, then frames).")
	int plane;

	@Option(names = "--tile", paramLabel = "PX", defaultValue = "" + JobSettings.TILE,
		description = "With --input-size native: tile side in pixels; 0 chooses it so that one tile's activations " +
			"take at most " + JobSettings.TILE_MEMORY_MB + " MB.")
	int tile;

	@Option(names = "--atlas", description = "Then write the web atlas into OUTPUT/atlas (as `atlas --output`).")
	boolean atlas;

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
				outcome.scan.skipped, outcome.scan.partial ? " (cancelled: partial)" : "", settings.output);
			if (atlas && !outcome.scan.partial)
				AtlasCommand.write(settings.output, null, ImageChoice.SMALL_COPIES, settings.threads, err);
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
		ScanOptions options = network.into(spec, new ScanOptions());
		options.images = images == null ? null : images.toFile();
		options.output = output.output == null ? null : output.output.toFile();
		options.overwrite = output.overwrite;
		options.layers = layers == null ? "" : layers;
		options.top = top;
		options.units = montage.units;
		options.cell = montage.cell;
		options.device = device.device;
		options.threads = device.threads;
		options.precision = precision;
		options.batch = batch;
		options.recursive = recursive;
		options.decoders = decoders;
		options.shard = shard == null ? "" : shard;
		options.resume = resume;
		options.checkpointEvery = checkpointEvery;
		options.winners = perImage;
		options.channels = channels == null ? "" : channels;
		options.plane = plane;
		options.tile = tile;
		try {
			JobSettings settings = options.toJobSettings();
			if (layers == null && NetworkChoice.given(options.model))
				spec.commandLine().getErr().println("Layers (the model's default, as `layers` marks them): " +
					settings.layers);
			return settings;
		}
		catch (IllegalArgumentException e) {
			throw new ParameterException(spec.commandLine(), e.getMessage());
		}
	}
}
