package org.convnetexplorer.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.convnetexplorer.atlas.ImageChoice;
import org.convnetexplorer.atlas.WebAtlas;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "atlas", mixinStandardHelpOptions = true, sortOptions = false,
	description = { "Writes a finished scan as a static web atlas: an index, a page per layer and per unit with its top",
		"patches, each shown in its image. Plain files that open from the disk or any web server, offline." })
final class AtlasCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Option(names = "--output", required = true, paramLabel = "RUN", description = "Output folder of a finished scan.")
	Path output;

	@Option(names = "--to", paramLabel = "DIR",
		description = "Folder for the atlas (default: RUN/atlas); an earlier atlas there is replaced, nothing else.")
	Path to;

	@Option(names = "--no-source-images", description = "Patches only: no copies of the scanned images.")
	boolean noSourceImages;

	@Option(names = "--full-images",
		description = "Copy the winning images at full size (default: small copies, at most " + ImageChoice.SMALL_SIDE +
			" px).")
	boolean fullImages;

	@Option(names = "--threads", paramLabel = "N", defaultValue = "0", description = "Threads; 0 uses all cores.")
	int threads;

	@Override
	public Integer call() throws Exception {
		ImageChoice choice;
		try {
			choice = ImageChoice.of(noSourceImages, fullImages);
		}
		catch (IllegalArgumentException e) {
			throw new ParameterException(spec.commandLine(), e.getMessage());
		}
		write(output, to, choice, threads, spec.commandLine().getErr());
		return 0;
	}

	/** Writes the atlas of a run, progress and the result to {@code err}: also what {@code scan --atlas} calls. */
	static void write(Path run, Path to, ImageChoice choice, int threads, PrintWriter err) throws Exception {
		WebAtlas.Written atlas = WebAtlas.write(run, to, choice, threads, err::println);
		err.printf("Atlas: %d files, %.1f MB in %s (open %s)%n", atlas.files, atlas.bytes / 1e6, atlas.folder,
			atlas.folder.resolve("index.html").toUri());
	}
}
