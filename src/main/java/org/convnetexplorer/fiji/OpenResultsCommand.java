package org.convnetexplorer.fiji;

import java.io.File;
import java.io.IOException;

import org.convnetexplorer.imagej.ResultWindows;
import org.convnetexplorer.imagej.ResultsView;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.prefs.PrefService;
import org.scijava.widget.FileWidget;

/** Reopens a finished output folder in its explorer window (brought forward if it is shown). */
@Plugin(type = Command.class, menuPath = OpenResultsCommand.MENU_PATH)
public class OpenResultsCommand implements Command {

	public static final String MENU_PATH = "Plugins>ConvNet Explorer>Open ConvNet Explorer Results...";

	@Parameter
	private PrefService prefs;

	// Remembered by hand (CommandJobs): the run on screen must win over the folder used last.
	@Parameter(label = "Output folder of a run", style = FileWidget.DIRECTORY_STYLE, persist = false,
		initializer = "offerRunOnScreen")
	private File output;

	@SuppressWarnings("unused") // the output's initializer
	private void offerRunOnScreen() {
		if (output == null) output = CommandJobs.runOnScreenOrRemembered(prefs, getClass());
	}

	@Override
	public void run() {
		CommandJobs.rememberOutput(prefs, getClass(), output);
		try {
			ResultWindows.show(ResultsView.read(output.toPath()));
		}
		catch (IOException e) {
			throw new IllegalStateException("Cannot open ConvNet Explorer results: " + e.getMessage(), e);
		}
	}
}
