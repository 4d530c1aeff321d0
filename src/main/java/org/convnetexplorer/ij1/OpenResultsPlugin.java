package org.convnetexplorer.ij1;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

import org.convnetexplorer.imagej.ResultWindows;
import org.convnetexplorer.imagej.ResultsView;

import ij.plugin.PlugIn;

/** Plain ImageJ 1's "Open ConvNet Explorer Results...": a finished output folder in its explorer window. */
public class OpenResultsPlugin implements PlugIn {

	private static final String TITLE = "Open ConvNet Explorer Results";

	private static final DialogForm<File[]> FORM = new DialogForm<File[]>()
		.folder("Output folder of a run", folder -> folder[0], (folder, v) -> folder[0] = v);

	@Override
	public void run(String arg) {
		try {
			Optional<Path> shown = ResultWindows.runOnScreen(); // offered before the folder remembered
			File[] folder = { shown.map(Path::toFile).orElse(null) };
			if (!FORM.ask(TITLE, folder, null, shown.isPresent() ? Set.of("output") : Set.of())) return;
			if (folder[0] == null) throw new IllegalArgumentException("no output folder given");
			ResultWindows.show(ResultsView.read(folder[0].toPath()));
		}
		catch (IOException | RuntimeException e) {
			Failure.report(TITLE, "Cannot open ConvNet Explorer results", e);
		}
	}
}
