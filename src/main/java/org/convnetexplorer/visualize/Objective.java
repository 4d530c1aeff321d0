package org.convnetexplorer.visualize;

import java.util.Locale;

/** What is maximised for a unit: its mean over the feature map (lucid's channel objective), or its centre value. */
public enum Objective {
	CHANNEL, NEURON;

	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** @throws IllegalArgumentException naming the values there are */
	public static Objective fromId(String id) {
		for (Objective objective : values())
			if (objective.id().equals(id.trim().toLowerCase(Locale.ROOT))) return objective;
		throw new IllegalArgumentException("unknown objective '" + id + "': expected channel or neuron");
	}
}
