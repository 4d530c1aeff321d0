package org.convnetexplorer.cli;

import org.convnetexplorer.job.JobSettings;

import picocli.CommandLine.Option;

/** How the montages are drawn, by the commands that render them from a scan's winners (scan, merge). */
final class MontageMixin {

	@Option(names = "--units", paramLabel = "LIST", defaultValue = JobSettings.UNITS,
		description = "Units shown in each layer's overview figure (default: ${DEFAULT-VALUE}).")
	String units;

	@Option(names = "--cell", paramLabel = "PX", defaultValue = "" + JobSettings.CELL,
		description = "Side of each patch in the montages; 0 uses each layer's default (32-64 px; at most " +
			JobSettings.CELL_MAX + ").")
	int cell;
}
