package org.convnetexplorer.ij1;

import java.io.File;
import java.io.IOException;

import org.convnetexplorer.imagej.ResultWindows;
import org.convnetexplorer.imagej.ResultsView;

import ij.plugin.PlugIn;

/** Plain ImageJ 1's "Open ConvNet Explorer Results...": a finished output folder in its explorer window. */
public class OpenResultsPlugin implements PlugIn {

	private static final String TITLE = "Open ConvNet Explorer Results";

	private static final DialogForm<File[]> FORM = new DialogForm<File[]>()
		.folder("Output folder of a run", (folder, v) -> folder[0] = v);

	@Override
	public void run(String arg) {
		try {
			File[] folder = new File[1];
			if (!FORM.ask(TITLE, folder, null)) return;
			if (folder[0] == null) throw new IllegalArgumentException("no output folder given");
			ResultWindows.show(ResultsView.read(folder[0].toPath()));
		}
		catch (IOException | RuntimeException e) {
			Failure.report(TITLE, "Cannot open ConvNet Explorer results", e);
		}
	}
}
