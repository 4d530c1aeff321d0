package org.convnetexplorer.cli;

import java.awt.AWTError;
import java.awt.GraphicsEnvironment;
import java.awt.HeadlessException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.convnetexplorer.imagej.ResultWindows;
import org.convnetexplorer.imagej.ResultsView;

import ij.IJ;
import ij.ImageJ;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Opens a finished output folder in ImageJ: montage windows with click-through, overviews and the topk table. */
@Command(name = "show", mixinStandardHelpOptions = true,
	description = "Opens a scan's results in ImageJ (needs a display); returns when ImageJ is closed.")
final class ShowCommand implements Callable<Integer> {

	@Parameters(paramLabel = "OUTPUT", description = "A folder written by 'scan'.")
	Path output;

	@Override
	public Integer call() throws Exception {
		requireDisplay();
		ResultsView view = ResultsView.read(output);
		new ImageJ();
		ResultWindows.show(view);
		while (IJ.getInstance() != null)
			Thread.sleep(500);
		return 0;
	}

	/** AWT reports a display it cannot reach with an Error and a trace: here it becomes one line. */
	private static void requireDisplay() {
		if (!ResultWindows.canShow()) throw new IllegalStateException("no display to show windows on (DISPLAY unset?)");
		try {
			GraphicsEnvironment.getLocalGraphicsEnvironment().getScreenDevices();
		}
		catch (AWTError | HeadlessException e) {
			throw new IllegalStateException("cannot open the display " + System.getenv("DISPLAY") + " (" +
				e.getMessage() + ")", e);
		}
	}
}
