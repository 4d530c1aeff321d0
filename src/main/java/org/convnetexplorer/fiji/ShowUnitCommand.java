package org.convnetexplorer.fiji;

import java.io.File;
import java.io.IOException;

import org.convnetexplorer.explorer.UnitAddress;
import org.convnetexplorer.imagej.ResultWindows;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

/**
 * A unit's address as a macro command: {@code run("Show ConvNet Unit", "output=[/data/out] layer=conv3 unit=17")}
 * opens the run's explorer window at that unit (its window, brought forward, if it is shown).
 */
@Plugin(type = Command.class, menuPath = ShowUnitCommand.MENU_PATH)
public class ShowUnitCommand implements Command {

	public static final String MENU_PATH = "Plugins>ConvNet Explorer>" + UnitAddress.COMMAND;

	@Parameter(label = "Output folder of a run", style = FileWidget.DIRECTORY_STYLE)
	private File output;

	@Parameter(label = "Layer", description = "As topk.csv names it, e.g. conv3")
	private String layer;

	@Parameter(label = "Unit (0-based)", min = "0")
	private int unit;

	@Override
	public void run() {
		try {
			ResultWindows.showUnit(output.toPath(), new UnitAddress(layer, unit));
		}
		catch (IOException e) {
			throw new IllegalStateException("Cannot show the ConvNet unit: " + e.getMessage(), e);
		}
	}
}
