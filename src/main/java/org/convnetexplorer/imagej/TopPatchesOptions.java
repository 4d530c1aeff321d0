package org.convnetexplorer.imagej;

import java.io.File;
import java.io.IOException;
import java.util.List;

import org.convnetexplorer.cluster.ShardSpec;
import org.convnetexplorer.job.JobSettings;
import org.convnetexplorer.job.NetworkChoice;
import org.convnetexplorer.network.ComputeDevice;

/**
 * What the Fiji command and the ImageJ 1 plugin ask for, named as their macro keys (which mirror the CLI's options),
 * with the defaults both dialogs start from.
 */
public final class TopPatchesOptions extends NetworkOptions {

	/** The macro keys, in dialog order. ImageJ matches a key as the text before '=', so none may end another. */
	public static final List<String> KEYS = List.of("images", "output", "model", "weights", "layers", "input", "mean",
		"std", "top", "units", "device", "batch", "recursive", "overwrite", "cell", "shard", "resume");
	public static final List<String> DEVICES = List.of("auto", "cpu", "gpu");

	public File images;
	public File output;
	/** Empty: the network's default layers (AlexNet's five). */
	public String layers = "";
	public int top = 9;
	public String units = "0,1,2,3,4,5,6,7,8";
	public String device = "auto";
	public int batch = 16;
	public boolean recursive;
	public boolean overwrite;
	public int cell;
	/** "I/N" for one shard of the folder (a SLURM array task); empty for all of it. */
	public String shard = "";
	public boolean resume;

	/**
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
		settings.cache = WeightsFolder.forImageJ();
		settings.network = NetworkChoice.network(model, input, mean, std, settings.weights, settings.cache);
		settings.layers = settings.network.parseLayers(layers);
		settings.top = top;
		settings.units = JobSettings.parseUnits(units);
		settings.device = ComputeDevice.fromId(device);
		settings.batch = batch;
		settings.recursive = recursive;
		settings.overwrite = overwrite;
		settings.cell = cell;
		settings.shard = ShardSpec.parse(shard);
		settings.resume = resume;
		settings.scanSettings(); // every option checked here, before any work
		return settings;
	}
}
