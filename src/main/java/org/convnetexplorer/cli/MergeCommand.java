package org.convnetexplorer.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.convnetexplorer.atlas.ImageChoice;
import org.convnetexplorer.job.JobSettings;
import org.convnetexplorer.job.MergeJob;
import org.convnetexplorer.job.TopPatchesJob;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "merge", mixinStandardHelpOptions = true, sortOptions = false,
	description = { "Combines the output folders of `scan --shard I/N` runs into the result of one scan over all of",
		"them: topk.csv, skipped.csv, run.json and the montages, rendered from the original images. Refuses runs with",
		"different settings, overlapping shards and missing or unfinished shards (unless --allow-missing)." })
final class MergeCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Mixin
	OutputMixin output;

	@Parameters(paramLabel = "RUN", arity = "1..*", description = "Output folders of the shard runs.")
	List<Path> runs;

	@Option(names = "--allow-missing",
		description = "Merge the shards there are even if some are missing or unfinished; the result is marked partial.")
	boolean allowMissing;

	@Mixin
	MontageMixin montage;

	@Option(names = "--threads", paramLabel = "N", defaultValue = "" + JobSettings.THREADS,
		description = "Rendering threads; 0 uses all cores (at most " + JobSettings.THREADS_MAX + ").")
	int threads;

	@Option(names = "--atlas", description = "Then write the web atlas into OUTPUT/atlas (as `atlas --output`).")
	boolean atlas;

	@Override
	public Integer call() throws Exception {
		MergeJob.Settings settings = new MergeJob.Settings();
		settings.runs = runs;
		settings.output = output.output;
		settings.allowMissing = allowMissing;
		settings.overwrite = output.overwrite;
		settings.cell = montage.cell;
		settings.threads = threads;
		try {
			settings.units = JobSettings.parseUnits(montage.units);
			settings.check();
		}
		catch (IllegalArgumentException e) {
			throw new ParameterException(spec.commandLine(), e.getMessage());
		}
		ConsoleProgress progress = new ConsoleProgress(spec.commandLine().getErr());
		TopPatchesJob.Outcome outcome = MergeJob.run(settings, progress);
		spec.commandLine().getErr().printf("Merged %d runs: %d images scanned, %d skipped%s; results in %s%n",
			runs.size(), outcome.scan.scanned, outcome.scan.skipped, outcome.scan.partial ? " (partial)" : "", settings.output);
		if (atlas) AtlasCommand.write(settings.output, null, ImageChoice.SMALL_COPIES, threads, spec.commandLine().getErr());
		return 0;
	}
}
