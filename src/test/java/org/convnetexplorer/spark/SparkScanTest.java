package org.convnetexplorer.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.convnetexplorer.ChildJvm;
import org.convnetexplorer.scanstate.ClusterFixtures;
import org.convnetexplorer.results.LayerFiles;
import org.convnetexplorer.weights.Sha256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark job in local[2] mode (two executor threads in one JVM, as spark-submit --master local[2] runs it) writes
 * the files a single scan of the same folder writes.
 */
class SparkScanTest {

	@TempDir
	Path temp;

	/** The JVM options spark-submit adds on Java 17, as Spark's launcher lists them. */
	private static List<String> sparkJavaOptions() throws ReflectiveOperationException {
		String options = (String) Class.forName("org.apache.spark.launcher.JavaModuleOptions")
			.getMethod("defaultModuleOptions").invoke(null);
		return Arrays.asList(options.trim().split("\\s+"));
	}

	@Test
	@Timeout(value = 400, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
	void localSparkEqualsASingleScan() throws Exception {
		Path images = ClusterFixtures.mixedFolder(temp.resolve("images"));
		Path single = temp.resolve("single");
		ClusterFixtures.Cli scan = ClusterFixtures.scan(images, single);
		assertEquals(0, scan.exitCode, scan.output);

		Path output = temp.resolve("spark");
		ChildJvm spark = runSpark(images, output, 5, ClusterFixtures.SCAN_OPTIONS);
		assertEquals(0, spark.exitCode, spark.output);
		for (String file : List.of("topk.csv", "skipped.csv", "conv2.tif", "conv5-overview.tif"))
			assertArrayEquals(Files.readAllBytes(single.resolve(file)), Files.readAllBytes(output.resolve(file)), file);
		String report = Files.readString(output.resolve("run.json"));
		assertTrue(report.contains("\"spark_master\": \"local[2]\""), report);
		assertTrue(report.contains("\"partitions\": 5"), report);
	}

	/** An ONNX model: the driver ships the model file, each executor builds the network from its copy. */
	@Test
	@Timeout(value = 400, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
	void localSparkRunsAnOnnxModelAsASingleScan() throws Exception {
		Path images = ClusterFixtures.naturalImages(temp.resolve("images"), 6);
		Path model = Files.copy(ClusterFixtures.onnxModel("googlenet"), temp.resolve("googlenet.onnx"));
		Path single = temp.resolve("single");
		List<String> scanArgs = new ArrayList<>(List.of("scan", "--images", images.toString(), "--output",
			single.toString()));
		scanArgs.addAll(ClusterFixtures.modelScanOptions(model));
		ClusterFixtures.Cli scan = ClusterFixtures.run(scanArgs);
		assertEquals(0, scan.exitCode, scan.output);

		Path output = temp.resolve("spark");
		ChildJvm spark = runSpark(images, output, 2, ClusterFixtures.modelScanOptions(model));
		assertEquals(0, spark.exitCode, spark.output);
		String layer = ClusterFixtures.MODEL_LAYER;
		for (String file : List.of("topk.csv", "skipped.csv", LayerFiles.units(layer), LayerFiles.overview(layer)))
			assertArrayEquals(Files.readAllBytes(single.resolve(file)), Files.readAllBytes(output.resolve(file)), file);
		String report = Files.readString(output.resolve("run.json"));
		assertTrue(report.contains("\"model_sha256\": \"" + Sha256.hexOf(model) + "\""), report);
	}

	/** The Spark job in local[2], in a child JVM with spark-submit's options, over {@code images}. */
	private ChildJvm runSpark(Path images, Path output, int partitions, List<String> scanOptions) throws Exception {
		List<String> jvm = new ArrayList<>(sparkJavaOptions());
		jvm.addAll(List.of("-Dspark.master=local[2]", "-Dspark.ui.enabled=false", "-Dspark.driver.host=127.0.0.1",
			"-Dspark.driver.bindAddress=127.0.0.1"));
		List<String> args = new ArrayList<>(List.of("--images", images.toUri().toString(), "--output", output.toString(),
			"--partitions", String.valueOf(partitions)));
		args.addAll(scanOptions);
		return ChildJvm.run(ChildJvm.testClassPath(), jvm, Map.of(), 300, temp.resolve("spark.log"),
			"org.convnetexplorer.spark.SparkScan", args.toArray(new String[0]));
	}
}
