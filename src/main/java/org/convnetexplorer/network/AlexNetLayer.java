package org.convnetexplorer.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.convnetexplorer.geometry.ReceptiveField;

/**
 * The five convolution layers of torchvision's AlexNet, each followed by a ReLU; max-pools (3×3, stride 2) follow
 * conv1, conv2 and conv5. Sizes are for the 224×224 input.
 */
public enum AlexNetLayer {
	CONV1(0, 64, 11, 4, 2, 55, new ReceptiveField(4, -2, 11)),
	CONV2(3, 192, 5, 1, 2, 27, new ReceptiveField(8, -18, 51)),
	CONV3(6, 384, 3, 1, 1, 13, new ReceptiveField(16, -34, 99)),
	CONV4(8, 256, 3, 1, 1, 13, new ReceptiveField(16, -50, 131)),
	CONV5(10, 256, 3, 1, 1, 13, new ReceptiveField(16, -66, 163));

	/** Index of the convolution in torchvision's {@code alexnet().features}: its weights are {@code features.<i>.*}. */
	public final int featuresIndex;
	public final int units;
	public final int kernelSize;
	public final int stride;
	public final int padding;
	/** Height and width of the layer's feature map at a 224×224 input. */
	public final int mapSize;
	public final ReceptiveField receptiveField;

	AlexNetLayer(int featuresIndex, int units, int kernelSize, int stride, int padding, int mapSize,
		ReceptiveField receptiveField)
	{
		this.featuresIndex = featuresIndex;
		this.units = units;
		this.kernelSize = kernelSize;
		this.stride = stride;
		this.padding = padding;
		this.mapSize = mapSize;
		this.receptiveField = receptiveField;
	}

	/** "conv1" .. "conv5", the name used in files, tables and window titles. */
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	public int inputChannels() {
		return ordinal() == 0 ? 3 : values()[ordinal() - 1].units;
	}

	/** Max-pool after this layer's ReLU, before the next convolution. */
	public boolean poolsAfter() {
		return this == CONV1 || this == CONV2 || this == CONV5;
	}

	public static AlexNetLayer fromId(String id) {
		for (AlexNetLayer layer : values())
			if (layer.id().equals(id.trim().toLowerCase(Locale.ROOT))) return layer;
		throw new IllegalArgumentException("unknown layer '" + id + "': expected one of conv1, conv2, conv3, conv4, conv5");
	}

	/** Parses "conv1,conv3"; an empty or null list means all five. Result in network order, without repeats. */
	public static List<AlexNetLayer> parseList(String ids) {
		List<AlexNetLayer> layers = new ArrayList<>();
		if (ids == null || ids.isBlank()) return List.of(values());
		for (String id : ids.split(",")) {
			AlexNetLayer layer = fromId(id);
			if (!layers.contains(layer)) layers.add(layer);
		}
		layers.sort(null);
		return layers;
	}
}
