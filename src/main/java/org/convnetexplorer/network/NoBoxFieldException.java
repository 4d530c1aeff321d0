package org.convnetexplorer.network;

/**
 * A layer chosen for a scan whose units have no box in the input (after a global pooling, a gate, a reshape across
 * space): their patches cannot be cut, and no box is guessed. The network's fault, not an option's: the CLI ends
 * with status 1, as for a model it cannot use.
 */
public final class NoBoxFieldException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	public NoBoxFieldException(Network network, Layer layer) {
		super("cannot scan " + layer.name() + " of " + network.name() + ": its units have no box field in the input (" +
			layer.noBoxReason() + ")");
	}
}
