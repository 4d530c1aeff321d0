package org.convnetexplorer.cli;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/** The output folder of the commands that write a new result (scan, occlusion, merge), and leave to write into it. */
final class OutputMixin {

	@Option(names = "--output", required = true, paramLabel = "DIR",
		description = "Folder for the results; must be new or empty unless --overwrite.")
	Path output;

	@Option(names = "--overwrite", description = "Write into an output folder that is not empty.")
	boolean overwrite;
}
