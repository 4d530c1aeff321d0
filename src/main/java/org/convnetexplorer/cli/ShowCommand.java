package org.convnetexplorer.cli;

import java.awt.AWTError;
import java.awt.EventQueue;
import java.awt.GraphicsEnvironment;
import java.awt.HeadlessException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.convnetexplorer.explorer.UnitAddress;
import org.convnetexplorer.explorer.window.ExplorerWindow;
import org.convnetexplorer.imagej.ImageJMenus;
import org.convnetexplorer.imagej.ResultWindows;
import org.convnetexplorer.results.RunResults;

import ij.IJ;
import ij.ImageJ;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Opens a finished output folder in its explorer window, with ImageJ and its ConvNet Explorer menu beside it. */
@Command(name = "show", mixinStandardHelpOptions = true,
	description = "Opens a scan's results in the explorer window, with ImageJ (needs a display); returns when both " +
		"are closed.")
final class ShowCommand implements Callable<Integer> {

	@Parameters(paramLabel = "OUTPUT", description = "A folder written by 'scan'.")
	Path output;

	@Option(names = "--layer", paramLabel = "NAME", description = "Open at this layer (default: the first).")
	String layer;

	@Option(names = "--unit", paramLabel = "N", description = "Open at this unit (0-based) of the layer.")
	Integer unit;

	@Override
	public Integer call() throws Exception {
		requireDisplay();
		RunResults run = RunResults.read(output);
		UnitAddress address = layer == null && unit == null ? null
			: new UnitAddress(layer != null ? layer : run.layers.get(0), unit != null ? unit : 0);
		new ImageJ();
		EventQueue.invokeAndWait(ImageJMenus::install);
		if (address == null) ExplorerWindow.open(output, null);
		else ResultWindows.showUnit(output, address);
		while (IJ.getInstance() != null || ExplorerWindow.anyOpen())
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
