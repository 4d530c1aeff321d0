package org.convnetexplorer.options;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.convnetexplorer.weights.WeightsCache;

import ij.IJ;

/**
 * Where Fiji keeps downloaded weights: {@code <Fiji.app>/models/convnet-explorer}, a folder users can find, back up or
 * fill by hand on an offline machine. Falls back to the per-user cache when the ImageJ folder cannot be written.
 */
public final class WeightsFolder {

	private WeightsFolder() {}

	public static Path forImageJ() {
		String imagejDir = System.getProperty("imagej.dir");
		if (imagejDir == null) imagejDir = IJ.getDirectory("imagej");
		return imagejDir == null ? WeightsCache.defaultDirectory() : inside(Paths.get(imagejDir));
	}

	static Path inside(Path imagejDir) {
		Path models = imagejDir.resolve("models");
		Path folder = models.resolve("convnet-explorer");
		Path existing = Files.isDirectory(folder) ? folder : Files.isDirectory(models) ? models : imagejDir;
		return Files.isDirectory(existing) && Files.isWritable(existing) ? folder : WeightsCache.defaultDirectory();
	}
}
