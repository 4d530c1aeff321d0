package org.convnetexplorer.network;

import java.util.Map;

import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Ops a caller builds into a {@link GraphTrunk}'s graph around the network, once, before the session opens (adding
 * them later would make TF optimise the graph again): what the network reads, and what is computed from the chosen
 * layers' activations (an objective and its gradient). Given to the trunk by {@link GraphTrunk#withHead}.
 * <p>
 * Every placeholder a head adds needs a default ({@code placeholderWithDefault}): a trunk on AUTO is checked on the
 * GPU by a plain forward run that feeds the images alone.
 */
public interface GraphHead {

	/** What the network reads: by default the trunk's input placeholder {@code images} itself (NCHW, normalised). */
	default Operand<TFloat32> networkInput(Graph graph, Ops tf, Operand<TFloat32> images) {
		return images;
	}

	/**
	 * Adds the head's ops once the network is built.
	 *
	 * @param networkInput what {@link #networkInput} returned
	 * @param activations each chosen layer's activation, NHWC
	 */
	void build(Graph graph, Ops tf, Operand<TFloat32> networkInput, Map<Layer, Operand<TFloat32>> activations);

	/** The trunk's session, just opened: the head runs what it built with it. It closes with the trunk. */
	void opened(Session session);
}
