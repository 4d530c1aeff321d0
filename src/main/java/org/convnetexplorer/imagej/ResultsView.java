package org.convnetexplorer.imagej;

import java.io.IOException;
import java.nio.file.Path;

import org.convnetexplorer.job.JobSettings;
import org.convnetexplorer.job.TopPatchesJob;
import org.convnetexplorer.results.RunResults;

/** Which run the explorer window shows: one just run, or an output folder written earlier. */
public final class ResultsView {

	/** The run's output folder. */
	public final Path outputFolder;

	private ResultsView(Path outputFolder) {
		this.outputFolder = outputFolder;
	}

	/** The run a job just wrote. */
	public static ResultsView of(JobSettings settings, TopPatchesJob.Outcome outcome) {
		return new ResultsView(settings.output);
	}

	/**
	 * An output folder written earlier, checked now (run.json, topk.csv, winners.csv), so that a folder that is no run
	 * fails where it was chosen.
	 */
	public static ResultsView read(Path outputFolder) throws IOException {
		RunResults.read(outputFolder);
		return new ResultsView(outputFolder);
	}
}
