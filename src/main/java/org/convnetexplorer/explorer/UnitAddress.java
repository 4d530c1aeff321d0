package org.convnetexplorer.explorer;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A unit's stable address in a run: its layer and its 0-based number, as topk.csv and the stack's slice labels name it.
 * The same address opens the window at that unit from a macro ({@code Show ConvNet Unit}) and the CLI
 * ({@code show RUN --layer L --unit N}).
 */
public final class UnitAddress {

	/** The macro command that opens a run's window at an address, in Fiji and plain ImageJ. */
	public static final String COMMAND = "Show ConvNet Unit";

	public final String layer;
	public final int unit;

	public UnitAddress(String layer, int unit) {
		this.layer = Objects.requireNonNull(layer);
		this.unit = unit;
	}

	/** The macro line that opens {@code output}'s window at this unit. */
	public String macro(Path output) {
		return "run(\"" + COMMAND + "\", \"output=[" + output + "] layer=[" + layer + "] unit=" + unit + "\");";
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof UnitAddress && ((UnitAddress) o).layer.equals(layer) && ((UnitAddress) o).unit == unit;
	}

	@Override
	public int hashCode() {
		return layer.hashCode() * 31 + unit;
	}

	@Override
	public String toString() {
		return layer + " unit " + unit;
	}
}
