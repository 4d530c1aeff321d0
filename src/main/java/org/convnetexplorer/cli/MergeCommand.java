package org.convnetexplorer.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.convnetexplorer.atlas.ImageChoice;
import org.convnetexplorer.job.JobSettings;
import org.convnetexplorer.job.MergeJob;
import org.convnetexplorer.job.TopPatchesJob;

import picocli.CommandLine.Command;
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

	@Option(names = "--output", required = true, paramLabel = "DIR",
		description = "Folder for the merged results; must be new or empty unless --overwrite.")
	Path output;

	@Parameters(paramLabel = "RUN", arity = "1..*", description = "Output folders of the shard runs.")
	List<Path> runs;

	@Option(names = "--allow-missing",
		description = "Merge the shards there are even if some are missing or unfinished; the result is marked partial.")
	boolean allowMissing;

	@Option(names = "--overwrite", description = "Write into an output folder that is not empty.")
	boolean overwrite;

	@Option(names = "--units", paramLabel = "LIST", defaultValue = "0,1,2,3,4,5,6,7,8",
		description = "Units shown in each layer's overview figure (default: ${DEFAULT-VALUE}).")
	String units;

	@Option(names = "--cell", paramLabel = "PX", defaultValue = "0",
		description = "Side of each patch in the montages; 0 uses each layer's default (32-64 px).")
	int cell;

	@Option(names = "--threads", paramLabel = "N", defaultValue = "0", description = "Rendering threads; 0 uses all cores.")
	int threads;

	@Option(names = "--atlas", description = "Then write the web atlas into OUTPUT/atlas (as `atlas --output`).")
	boolean atlas;

	@Override
	public Integer call() throws Exception {
		MergeJob.Settings settings = new MergeJob.Settings();
		settings.runs = runs;
		settings.output = output;
		settings.allowMissing = allowMissing;
		settings.overwrite = overwrite;
		settings.cell = cell;
		settings.threads = threads;
		try {
			settings.units = JobSettings.parseUnits(units);
			if (cell < 0) throw new IllegalArgumentException("cell must be 0 or a size in pixels, not " + cell);
		}
		catch (IllegalArgumentException e) {
			throw new ParameterException(spec.commandLine(), e.getMessage());
		}
		ConsoleProgress progress = new ConsoleProgress(spec.commandLine().getErr());
		TopPatchesJob.Outcome outcome = MergeJob.run(settings, progress);
		spec.commandLine().getErr().printf("Merged %d runs: %d images scanned, %d skipped%s; results in %s%n",
			runs.size(), outcome.scan.scanned, outcome.scan.skipped, outcome.scan.partial ? " (partial)" : "", output);
		if (atlas) AtlasCommand.write(output, null, ImageChoice.SMALL_COPIES, threads, spec.commandLine().getErr());
		return 0;
	}
}
