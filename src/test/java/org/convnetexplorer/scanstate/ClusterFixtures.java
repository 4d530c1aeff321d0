package org.convnetexplorer.scanstate;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.convnetexplorer.Fixtures;
import org.convnetexplorer.cli.ConvNetExplorerCli;

/** A small mixed folder and the CLI run in-process, for the checkpoint, shard, merge and Spark tests. */
public final class ClusterFixtures {

	/** The scan options every test of one folder shares: small batches, so that a few images make many chunks. */
	public static final List<String> SCAN_OPTIONS = List.of("--weights", Fixtures.SEED0.toString(), "--device", "cpu",
		"--layers", "conv2,conv5", "--batch", "4", "--threads", "2", "--recursive");

	/** An ONNX model's layer for the model tests: a Concat of branches with different fields, named by its node. */
	public static final String MODEL_LAYER = "/model/inception3a/Concat";

	private ClusterFixtures() {}

	/** A committed test model, by name (src/test/resources/org/convnetexplorer/onnx). */
	public static Path onnxModel(String name) {
		try {
			return Paths.get(ClusterFixtures.class.getResource("/org/convnetexplorer/onnx/" + name + ".onnx").toURI());
		}
		catch (URISyntaxException | NullPointerException e) {
			throw new IllegalStateException("missing test model " + name, e);
		}
	}

	/** The scan options of the model tests: {@code model}'s {@link #MODEL_LAYER}, in batches of 2. */
	public static List<String> modelScanOptions(Path model) {
		return List.of("--model", model.toString(), "--layers", MODEL_LAYER, "--device", "cpu", "--batch", "2",
			"--threads", "2");
	}

	/** The first {@code count} natural 224×224 images, copied into {@code folder}. */
	public static Path naturalImages(Path folder, int count) throws IOException {
		Files.createDirectories(folder);
		for (Path image : list(Fixtures.require(Fixtures.NATURAL224)).subList(0, count))
			Files.copy(image, folder.resolve(image.getFileName()));
		return folder;
	}

	/**
	 * 24 of the natural 224×224 images, every edge case (other sizes, so boxes go through the placement, and files that
	 * are skipped) and a folder the listing leaves out (scanned with --recursive).
	 */
	public static Path mixedFolder(Path folder) throws IOException {
		Files.createDirectories(folder);
		List<Path> natural = list(Fixtures.require(Fixtures.NATURAL224));
		for (Path original : natural.subList(0, 24))
			link(original, folder.resolve(original.getFileName()));
		for (Path original : list(Fixtures.require(Fixtures.EDGE_CASES)))
			link(original, folder.resolve("edge-" + original.getFileName()));
		// an earlier output folder inside the images: the listing leaves it out, and skipped.csv says so first
		Path earlier = Files.createDirectories(folder.resolve("m-earlier-results"));
		Files.writeString(earlier.resolve("run.json"), "{\n  \"convnet_explorer_version\": \"development\"\n}\n");
		link(natural.get(0), earlier.resolve("not-scanned.png"));
		return folder;
	}

	private static List<Path> list(Path folder) throws IOException {
		try (Stream<Path> files = Files.list(folder)) {
			return files.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
		}
	}

	private static void link(Path original, Path link) throws IOException {
		try {
			Files.createLink(link, original);
		}
		catch (IOException | UnsupportedOperationException e) {
			Files.copy(original, link);
		}
	}

	/** The CLI's exit code and what it wrote to stderr. */
	public static final class Cli {
		public final int exitCode;
		public final String output;

		private Cli(int exitCode, String output) {
			this.exitCode = exitCode;
			this.output = output;
		}
	}

	public static Cli run(List<String> args) {
		StringWriter err = new StringWriter();
		int exitCode = ConvNetExplorerCli.execute(new PrintWriter(err, true), args.toArray(new String[0]));
		return new Cli(exitCode, err.toString());
	}

	/** {@code scan --images IMAGES --output OUTPUT} with {@link #SCAN_OPTIONS} and {@code more}. */
	public static Cli scan(Path images, Path output, String... more) {
		List<String> args = new ArrayList<>(List.of("scan", "--images", images.toString(), "--output", output.toString()));
		args.addAll(SCAN_OPTIONS);
		args.addAll(List.of(more));
		return run(args);
	}
}
