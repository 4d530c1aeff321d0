package org.convnetexplorer.ij1;

import java.io.IOException;
import java.util.List;

import org.convnetexplorer.explorer.UnitAddress;
import org.convnetexplorer.imagej.ResultWindows;

import ij.plugin.PlugIn;

/**
 * Plain ImageJ 1's "Show ConvNet Unit": the run's explorer window at a unit. Its dialog's values are what ImageJ's
 * recorder writes, so {@code run("Show ConvNet Unit", "output=[/data/out] layer=conv3 unit=17")} replays it.
 */
public class ShowUnitPlugin implements PlugIn {

	/** The address being asked for: the form's fields write into it. */
	private static final class Address {
		java.io.File output;
		String layer = "conv5";
		int unit;
	}

	private static final DialogForm<Address> FORM = new DialogForm<Address>()
		.folder("Output folder of a run", (a, v) -> a.output = v)
		.text("Layer", a -> a.layer, (a, v) -> a.layer = v)
		.integer("Unit (0-based)", a -> a.unit, (a, v) -> a.unit = v);

	public static final List<String> LABELS = FORM.labels();

	@Override
	public void run(String arg) {
		try {
			Address address = new Address();
			if (!FORM.ask(UnitAddress.COMMAND, address, null)) return;
			if (address.output == null) throw new IllegalArgumentException("no output folder given");
			ResultWindows.showUnit(address.output.toPath(), new UnitAddress(address.layer.trim(), address.unit));
		}
		catch (IOException | RuntimeException e) {
			Failure.report(UnitAddress.COMMAND, "Cannot show the ConvNet unit", e);
		}
	}
}
