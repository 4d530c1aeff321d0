package org.convnetexplorer.options;

import java.io.File;
import java.io.IOException;
import java.util.List;

import org.convnetexplorer.scanstate.CheckpointInterval;
import org.convnetexplorer.scanstate.ShardSpec;
import org.convnetexplorer.job.JobSettings;
import org.convnetexplorer.job.NetworkChoice;
import org.convnetexplorer.network.ComputeDevice;
import org.convnetexplorer.network.Precision;
import org.convnetexplorer.tiles.NativeScan;

/**
 * What a scan ("Top Patches per Unit") is asked for, by every front end: the CLI's {@code scan}, the Fiji command and
 * the ImageJ 1 plugin, named as their macro keys (the CLI's option names), with the defaults of {@link JobSettings}.
 * {@link #toJobSettings()} is the one mapping into the job's settings.
 */
public final class ScanOptions extends NetworkOptions {

	/** The macro keys, in dialog order. ImageJ matches a key as the text before '=', so none may end another. */
	public static final List<String> KEYS = List.of("images", "output", "model", "weights", "layers", "input", "mean",
		"std", "normalize", "top", "units", "device", "batch", "recursive", "overwrite", "cell", "shard", "resume",
		"winners", "channels", "plane", "tile");
	public static final List<String> DEVICES = List.of("auto", "cpu", "gpu");

	public File images;
	public File output;
	/** Empty: the network's default layers (AlexNet's five). */
	public String layers = "";
	public int top = JobSettings.TOP;
	public String units = JobSettings.UNITS;
	public String device = JobSettings.DEVICE;
	public String precision = JobSettings.PRECISION;
	public int batch = JobSettings.BATCH;
	public boolean recursive;
	public boolean overwrite;
	public int cell = JobSettings.CELL;
	public int threads = JobSettings.THREADS;
	public int decoders = JobSettings.DECODERS;
	/** "I/N" for one shard of the folder (a SLURM array task); empty for all of it. */
	public String shard = "";
	public boolean resume;
	public String checkpointEvery = CheckpointInterval.DEFAULT_TEXT;
	/** Winners per image per unit, at each image's own size (CLI --per-image). */
	public int winners = JobSettings.PER_IMAGE;
	/** Image channels fed to the model ("0,1"); empty: all of them. */
	public String channels = "";
	/** The plane of a stack, 0-based. */
	public int plane;
	/** Tile side in pixels; 0: from the memory bound. */
	public int tile = JobSettings.TILE;

	/** The input size as text, as the dialogs show it: a side, 0, or native. */
	public String inputText() {
		return atOwnSize() ? NetworkChoice.NATIVE : String.valueOf(input);
	}

	@Override
	protected boolean takesOwnSize() {
		return true;
	}

	/**
	 * The job's settings, every option checked before any work.
	 *
	 * @throws IllegalArgumentException naming the option that is wrong
	 * @throws IOException where the model cannot be used
	 */
	public JobSettings toJobSettings() throws IOException {
		if (images == null) throw new IllegalArgumentException("no images folder given");
		if (output == null) throw new IllegalArgumentException("no output folder given");
		JobSettings settings = new JobSettings();
		settings.images = images.toPath();
		settings.output = output.toPath();
		settings.weights = weights.trim();
		settings.cache = weightsFolder();
		settings.network = network();
		settings.layers = settings.network.parseLayers(layers);
		if (atOwnSize() && layers.isBlank()) settings.layers = NativeScan.defaultLayers(settings.layers);
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
		settings.atOwnSize = atOwnSize();
		settings.perImage = winners;
		settings.channels = JobSettings.parseChannels(channels);
		settings.plane = plane;
		settings.tile = tile;
		settings.check();
		return settings;
	}
}
