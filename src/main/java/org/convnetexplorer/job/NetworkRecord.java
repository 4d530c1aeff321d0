package org.convnetexplorer.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;

import org.convnetexplorer.intensity.Normalization;
import org.convnetexplorer.network.AlexNet;
import org.convnetexplorer.network.Network;
import org.convnetexplorer.onnx.OnnxNetwork;
import org.convnetexplorer.results.RunJson;
import org.convnetexplorer.runfile.RunKeys;
import org.convnetexplorer.weights.Sha256;

/**
 * The network a run.json records (the built-in AlexNet with its weights, or an ONNX model with its input), rebuilt for
 * the steps that come after a scan (merge, deconvnet projections, the atlas): its file is refused, with the reason,
 * when it is gone or is no longer the file the scan used. The trunks' provenance writes what this reads.
 */
public final class NetworkRecord {

	private final RunJson run;
	private final Path runFolder;

	private NetworkRecord(RunJson run, Path runFolder) {
		this.run = run;
		this.runFolder = runFolder;
	}

	public static NetworkRecord of(RunJson run, Path runFolder) {
		return new NetworkRecord(run, runFolder);
	}

	/** Whether the run scanned an ONNX model (else the built-in AlexNet). */
	public boolean isModel() {
		return run.has(RunKeys.MODEL);
	}

	/** The model, or AlexNet's weights, as recorded. */
	public Path file() throws IOException {
		return Paths.get(run.string(isModel() ? RunKeys.MODEL : RunKeys.WEIGHTS));
	}

	/** {@link #file}, refused where it is gone or its SHA-256 is not the recorded one. */
	public Path verifiedFile() throws IOException {
		Path file = file();
		String what = (isModel() ? "the model " : "the weights ") + file;
		if (!Files.isRegularFile(file)) throw new IOException(what + " that " + runFolder + " scanned is gone");
		String recorded = run.string(isModel() ? RunKeys.MODEL_SHA256 : RunKeys.WEIGHTS_SHA256);
		String now = Sha256.hexOf(file);
		if (!now.equals(recorded)) throw new IOException(what + " is not the file " + runFolder + " scanned (SHA-256 " +
			now.substring(0, 12) + "… now, " + recorded.substring(0, Math.min(12, recorded.length())) + "… in its " +
			RunJson.FILE + ")");
		return file;
	}

	/**
	 * The network rebuilt: a model from its verified file at the recorded input size and normalisation; AlexNet with
	 * the recorded weights (resolved as a scan resolves them: verify them with {@link #verifiedFile} where it matters).
	 */
	public Network open() throws IOException {
		if (!isModel()) return new AlexNet(run.string(RunKeys.WEIGHTS), null);
		Path model = verifiedFile();
		try {
			// a native-size run's mean and std apply to samples over their type's range, not to 8-bit RGB
			boolean atOwnSize = run.bool(RunKeys.NATIVE_SIZE, false);
			boolean normalized = run.has(RunKeys.NORMALIZE);
			return NetworkChoice.model(model, atOwnSize ? NetworkChoice.AT_OWN_SIZE : run.integer(RunKeys.INPUT_SIZE),
				normalized ? null : run.floats(RunKeys.MEAN),
				normalized ? null : run.floats(RunKeys.STD),
				Normalization.parse(normalized ? run.string(RunKeys.NORMALIZE) : null));
		}
		catch (IllegalArgumentException e) {
			throw new IOException(runFolder.resolve(RunJson.FILE) + ": " + e.getMessage(), e);
		}
	}

	/** What the run.json records of the network, for the run.json of a step built on it (a merge). */
	public Map<String, Object> provenance(Network opened) throws IOException {
		if (opened instanceof OnnxNetwork) {
			OnnxNetwork model = (OnnxNetwork) opened;
			return OnnxNetwork.provenance(model.model(), model.input(), run.string(RunKeys.MODEL_SHA256));
		}
		Map<String, Object> facts = new LinkedHashMap<>();
		facts.put(RunKeys.WEIGHTS, run.string(RunKeys.WEIGHTS));
		facts.put(RunKeys.WEIGHTS_SHA256, run.string(RunKeys.WEIGHTS_SHA256));
		return facts;
	}
}
