package org.convnetexplorer.occlusion;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.convnetexplorer.images.ImageDecoder;
import org.convnetexplorer.images.ImageDisplay;
import org.convnetexplorer.images.InputSpec;
import org.convnetexplorer.images.Placement;
import org.convnetexplorer.images.Preprocessor;
import org.convnetexplorer.images.RgbImage;
import org.convnetexplorer.images.UnreadableImageException;
import org.convnetexplorer.job.JobListener;
import org.convnetexplorer.job.JobSettings;
import org.convnetexplorer.network.AlexNet;
import org.convnetexplorer.network.ComputeDevice;
import org.convnetexplorer.network.Layer;
import org.convnetexplorer.network.Network;
import org.convnetexplorer.network.Precision;
import org.convnetexplorer.network.Trunk;
import org.convnetexplorer.render.MontageFiles;
import org.convnetexplorer.results.OutputFolder;

import ij.ImagePlus;
import ij.process.ColorProcessor;

/**
 * The occlusion experiment for one image and unit: writes {@code occlusion.tif} (the float maps of
 * {@link OcclusionFigures#maps}) and {@code occlusion-overlay.png} (the drop over the network's input). Works with any network.
 */
public final class OcclusionJob {

	public static final String MAPS_FILE = "occlusion.tif";
	public static final String OVERLAY_FILE = "occlusion-overlay.png";

	public static final class Settings {
		/** Defaults and upper bounds of the options; those shared with the scan are {@link JobSettings}'s. */
		public static final int SIZE = 32;
		public static final int STRIDE = 8;
		public static final int BATCH = 16;
		public static final int BATCH_MAX = 1024;

		public Path image;
		/** The network; null runs the built-in AlexNet with {@link #weights}. */
		public Network network;
		/** The built-in AlexNet's weights: a .pth path, {@code imagenet} or {@code demo}. */
		public String weights = JobSettings.WEIGHTS;
		public Path cache;
		/** A layer of {@link #network()}. */
		public Layer layer = AlexNet.CONV5;
		public int unit;
		/** Side of the grey square in input pixels. */
		public int size = SIZE;
		public int stride = STRIDE;
		public Path output;
		public boolean overwrite;
		public ComputeDevice device = ComputeDevice.fromId(JobSettings.DEVICE);
		/** TF intra-op threads; 0 means all cores. */
		public int threads = JobSettings.THREADS;
		/** Occluded copies per network run. */
		public int batch = BATCH;

		/** @throws IllegalArgumentException naming the setting that is wrong */
		public void check() {
			if (!network().has(layer))
				throw new IllegalArgumentException(network().name() + " has no layer " + layer.name());
			OcclusionSensitivity.checkUnit(layer, unit);
			OcclusionSensitivity.steps(size, stride, network().input().size());
			if (batch < 1) throw new IllegalArgumentException("batch must be at least 1, not " + batch);
			JobSettings.checkThreads(threads);
			JobSettings.checkAtMost("stride", stride, network().input().size());
			JobSettings.checkAtMost("batch", batch, BATCH_MAX);
		}

		/** {@link #network}, else the built-in AlexNet with {@link #weights}. */
		public Network network() {
			return network != null ? network : new AlexNet(weights, cache);
		}
	}

	/** What was computed and written, for callers that show it. */
	public static final class Outcome {
		public final OcclusionSensitivity sensitivity;
		/** The input the network saw. */
		public final RgbImage input;
		/** What {@link #MAPS_FILE} holds. */
		public final ImagePlus maps;
		/** What {@link #OVERLAY_FILE} holds. */
		public final ImagePlus overlay;

		Outcome(OcclusionSensitivity sensitivity, RgbImage input, ImagePlus maps, ImagePlus overlay) {
			this.sensitivity = sensitivity;
			this.input = input;
			this.maps = maps;
			this.overlay = overlay;
		}
	}

	private OcclusionJob() {}

	public static Outcome run(Settings settings, JobListener listener) throws IOException {
		settings.check(); // before any work
		if (settings.output == null) throw new IOException("no output folder given");
		RgbImage original;
		try {
			original = ImageDecoder.read(settings.image);
		}
		catch (UnreadableImageException e) {
			throw new IOException("cannot read " + settings.image + ": " + e.getMessage(), e);
		}
		try (OutputFolder output = OutputFolder.claim(settings.output, settings.overwrite,
			List.of(MAPS_FILE, OVERLAY_FILE)))
		{
			Network network = settings.network();
			InputSpec spec = network.input();
			Placement placement = spec.place(original.width(), original.height());
			Preprocessor preprocessor = new Preprocessor(spec);
			float[] input = new float[spec.floats()];
			preprocessor.write(original, placement, FloatBuffer.wrap(input));
			int threads = JobSettings.threadsOrCores(settings.threads);
			OcclusionSensitivity result;
			try (Trunk trunk = network.openTrunk(List.of(settings.layer), settings.device, threads, Precision.FLOAT32,
				listener)) {
				int steps = OcclusionSensitivity.steps(settings.size, settings.stride, spec.size());
				listener.status("Occluding " + steps * steps + " positions on " + trunk.device().id().toUpperCase());
				result = OcclusionSensitivity.compute(trunk, spec, input, settings.layer, settings.unit, settings.size,
					settings.stride, settings.batch, listener);
			}
			ImagePlus maps = OcclusionFigures.maps(result);
			output.write(MAPS_FILE, file -> MontageFiles.writeTiff(maps, file));
			RgbImage inputImage = ImageDisplay.of(spec).shown(preprocessor.inputImage(original, placement));
			RgbImage overlay = OcclusionFigures.overlay(result, inputImage);
			ImagePlus overlayImage = new ImagePlus(settings.layer.name() + " unit " + settings.unit +
				" - occlusion overlay", new ColorProcessor(overlay.width(), overlay.height(), overlay.pixels()));
			output.write(OVERLAY_FILE, file -> {
				try (OutputStream out = Files.newOutputStream(file)) {
					if (!ImageIO.write(overlayImage.getBufferedImage(), "png", out))
						throw new IOException("no PNG writer in this Java");
				}
			});
			return new Outcome(result, inputImage, maps, overlayImage);
		}
	}
}
