package org.convnetexplorer.network;

import java.util.Locale;

/** Where the network runs, as the user asks for it: {@code auto} takes the GPU when TF's GPU build finds one. */
public enum ComputeDevice {
	AUTO, CPU, GPU;

	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static ComputeDevice fromId(String id) {
		for (ComputeDevice device : values())
			if (device.id().equals(id.trim().toLowerCase(Locale.ROOT))) return device;
		throw new IllegalArgumentException("unknown device '" + id + "': expected auto, cpu or gpu");
	}
}
