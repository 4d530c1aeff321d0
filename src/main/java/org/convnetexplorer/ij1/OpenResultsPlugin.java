package org.convnetexplorer.ij1;

import java.io.File;
import java.io.IOException;
import java.util.List;

import org.convnetexplorer.fiji.ResultWindows;
import org.convnetexplorer.fiji.ResultsView;

import ij.gui.GenericDialog;
import ij.plugin.PlugIn;

/** Plain ImageJ 1's "Open ConvNet Explorer Results...": a finished output folder back in its windows. */
public class OpenResultsPlugin implements PlugIn {

	private static final String TITLE = "Open ConvNet Explorer Results";

	@Override
	public void run(String arg) {
		try {
			OptionSource in = MacroOptions.current(List.of("output"));
			if (in == null) {
				GenericDialog dialog = new GenericDialog(TITLE);
				PathFields.addFolder(dialog, "Output folder of a run");
				dialog.showDialog();
				if (dialog.wasCanceled()) return;
				in = OptionSource.of(dialog);
			}
			File output = in.file("output");
			if (output == null) throw new IllegalArgumentException("no output folder given");
			ResultWindows.show(ResultsView.read(output.toPath()));
		}
		catch (IOException | RuntimeException e) {
			Failure.report(TITLE, "Cannot open ConvNet Explorer results", e);
		}
	}
}
