package org.convnetexplorer.onnx.ops;

import java.util.HashMap;
import java.util.Map;

import org.convnetexplorer.geometry.LayerFields;
import org.convnetexplorer.onnx.graph.OnnxNode;

/**
 * Outputs of reflect Pads read only by convolutions and pools: their pads and their fields as if zero-padded. Such an
 * output's fields are boxes only as seen through a wide enough window ({@link WindowGeometry#inputFields}).
 */
public final class Reflections {

	static final class Reflection {
		final OnnxNode pad;
		final int[] pads; // top, left, bottom, right
		final LayerFields zeroPadFields;

		Reflection(OnnxNode pad, int[] pads, LayerFields zeroPadFields) {
			this.pad = pad;
			this.pads = pads;
			this.zeroPadFields = zeroPadFields;
		}
	}

	private final Map<String, Reflection> byTensor = new HashMap<>();

	void put(String tensor, Reflection reflection) {
		byTensor.put(tensor, reflection);
	}

	/** The reflection that wrote {@code tensor}, or null. */
	Reflection of(String tensor) {
		return byTensor.get(tensor);
	}
}
