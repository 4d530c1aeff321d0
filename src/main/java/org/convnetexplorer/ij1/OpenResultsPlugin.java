package org.convnetexplorer.ij1;

import java.io.IOException;
import java.nio.file.Paths;

import org.convnetexplorer.imagej.ResultWindows;
import org.convnetexplorer.imagej.ResultsView;

import ij.gui.GenericDialog;
import ij.plugin.PlugIn;

/** Plain ImageJ 1's "Open ConvNet Explorer Results...": a finished output folder back in its windows. */
public class OpenResultsPlugin implements PlugIn {

	private static final String TITLE = "Open ConvNet Explorer Results";

	@Override
	public void run(String arg) {
		GenericDialog dialog = new GenericDialog(TITLE);
		PathFields.addFolder(dialog, "Output folder of a run");
		dialog.showDialog();
		if (dialog.wasCanceled()) return;
		try {
			ResultWindows.show(ResultsView.read(Paths.get(dialog.getNextString().trim())));
		}
		catch (IOException | RuntimeException e) {
			Failure.report(TITLE, "Cannot open ConvNet Explorer results", e);
		}
	}
}
