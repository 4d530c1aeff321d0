package org.convnetexplorer.onnx;

import org.convnetexplorer.geometry.LayerFields;

/**
 * A tensor of the model a user can scan: its units (channels) and feature-map size at an input size, and each unit's
 * receptive field (or why it has none). A fully connected output [N, C] is a layer of C units on a 1×1 map.
 */
public final class OnnxLayer {

	private final String tensor;
	private final String node;
	private final String opType;
	private final int units;
	private final int mapHeight;
	private final int mapWidth;
	private final LayerFields fields;

	OnnxLayer(String tensor, String node, String opType, int units, int mapHeight, int mapWidth, LayerFields fields) {
		this.tensor = tensor;
		this.node = node;
		this.opType = opType;
		this.units = units;
		this.mapHeight = mapHeight;
		this.mapWidth = mapWidth;
		this.fields = fields;
	}

	/** The layer's name: the ONNX tensor name (as Netron shows it on the node's output). */
	public String name() {
		return tensor;
	}

	/** The name of the node that writes it (may be empty). */
	public String node() {
		return node;
	}

	public String opType() {
		return opType;
	}

	public int units() {
		return units;
	}

	public int mapHeight() {
		return mapHeight;
	}

	public int mapWidth() {
		return mapWidth;
	}

	/** Per range of units, the receptive field or the reason for none. */
	public LayerFields fields() {
		return fields;
	}

	/** Whether every unit has a box field (else the layer cannot be scanned for patches). */
	public boolean hasBoxFields() {
		return fields.allBoxes();
	}

	@Override
	public String toString() {
		return tensor + " (" + opType + "): " + units + " units, " + mapHeight + "×" + mapWidth + ", " + fields;
	}
}
