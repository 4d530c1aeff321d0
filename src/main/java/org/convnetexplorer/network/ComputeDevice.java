package org.convnetexplorer.network;

import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;

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

	/**
	 * Builds a TF model on this device. {@code GPU} fails with a clear message where TF has no GPU (the CPU-only native
	 * build, or no CUDA device); {@code AUTO} tries the GPU, checked by one small run, and falls back to the CPU.
	 *
	 * @param build builds the model on CPU or GPU, never AUTO
	 * @param check runs the model once; fails where the device cannot compute
	 * @param fallback told, for {@code AUTO}, why the GPU could not be used before the CPU is taken
	 */
	public <T extends AutoCloseable> T open(Function<ComputeDevice, T> build, Consumer<T> check,
		Consumer<String> fallback)
	{
		if (this == CPU) return build.apply(CPU);
		T model = null;
		try {
			model = build.apply(GPU);
			check.accept(model);
			return model;
		}
		catch (RuntimeException e) {
			closeQuietly(model, e);
			if (this == GPU) throw new IllegalStateException(
				"device=gpu was asked for, but TensorFlow found no usable GPU (" + firstLine(e) +
					"). Install the GPU native build (tensorflow-core-native linux-x86_64-gpu) and CUDA, or use device=cpu.",
				e);
			fallback.accept(firstLine(e));
			return build.apply(CPU);
		}
	}

	private static void closeQuietly(AutoCloseable model, RuntimeException failure) {
		if (model == null) return;
		try {
			model.close();
		}
		catch (Exception e) {
			failure.addSuppressed(e);
		}
	}

	private static String firstLine(Throwable e) {
		String message = String.valueOf(e.getMessage());
		int newline = message.indexOf('\n');
		return newline < 0 ? message : message.substring(0, newline);
	}
}
