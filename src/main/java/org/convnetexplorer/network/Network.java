package org.convnetexplorer.network;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.convnetexplorer.images.InputSpec;

/**
 * A convolutional network as everything but its computation sees it: its input (size, channels, normalisation), the
 * layers a user can choose with their geometry at that input size, and a way to build a {@link Trunk} that computes
 * them. Built-in: {@link AlexNet}.
 */
public interface Network {

	/** A short name for messages: "AlexNet", a model file's name. */
	String name();

	InputSpec input();

	/** Every layer a user can choose, in network order (each before the layers that depend on it). */
	List<Layer> layers();

	/** The layers scanned when the user names none. */
	List<Layer> defaultLayers();

	/**
	 * Loads what the network computes with (weights, model), telling {@code listener} of downloads and phases, and
	 * builds a trunk for {@code layers} on the device asked for.
	 *
	 * @param threads TF intra-op threads (0 lets TF choose)
	 * @throws IOException where the weights or model cannot be had or read; the message names the file and the reason
	 */
	Trunk openTrunk(List<Layer> layers, ComputeDevice device, int threads, Precision precision,
		NetworkListener listener) throws IOException;

	/**
	 * The layer of that name: the exact name, else the only one that differs in case alone.
	 *
	 * @throws IllegalArgumentException naming the layers there are
	 */
	default Layer layer(String name) {
		String wanted = name.trim();
		List<Layer> ignoringCase = new ArrayList<>();
		for (Layer layer : layers()) {
			if (layer.name().equals(wanted)) return layer;
			if (layer.name().toLowerCase(Locale.ROOT).equals(wanted.toLowerCase(Locale.ROOT))) ignoringCase.add(layer);
		}
		if (ignoringCase.size() == 1) return ignoringCase.get(0);
		List<String> names = layers().stream().map(Layer::name).collect(Collectors.toList());
		throw new IllegalArgumentException("unknown layer '" + name + "': expected one of " +
			(names.size() <= 12 ? String.join(", ", names) : "the " + names.size() + " layers `layers` lists"));
	}

	/** The place of one of its layers in {@link #layers}' order; -1 where it is none of them. */
	default int order(Layer layer) {
		return layers().indexOf(layer);
	}

	/** Whether {@code layer} is one of this network's, as {@link #layer} gives it for its name. */
	default boolean has(Layer layer) {
		try {
			return layer(layer.name()).equals(layer);
		}
		catch (IllegalArgumentException e) {
			return false;
		}
	}

	/**
	 * Parses "conv1,conv3": the layers named, in network order, without repeats; an empty or null list means
	 * {@link #defaultLayers}.
	 *
	 * @throws IllegalArgumentException for a name the network has no layer of
	 */
	default List<Layer> parseLayers(String names) {
		if (names == null || names.isBlank()) {
			if (defaultLayers().isEmpty()) throw new IllegalArgumentException(name() + " has no layer to scan by " +
				"default (no activation after a convolution or residual add with box fields): name layers `layers` lists");
			return defaultLayers();
		}
		List<Layer> chosen = new ArrayList<>();
		for (String name : names.split(",")) {
			Layer layer = layer(name);
			if (!chosen.contains(layer)) chosen.add(layer);
		}
		chosen.sort(Comparator.comparingInt(this::order));
		return chosen;
	}
}
