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
import org.convnetexplorer.cluster.ClusterFixtures;
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
		List<String> jvm = new ArrayList<>(sparkJavaOptions());
		jvm.addAll(List.of("-Dspark.master=local[2]", "-Dspark.ui.enabled=false", "-Dspark.driver.host=127.0.0.1",
			"-Dspark.driver.bindAddress=127.0.0.1"));
		List<String> args = new ArrayList<>(List.of("--images", images.toUri().toString(), "--output", output.toString(),
			"--partitions", "5"));
		args.addAll(ClusterFixtures.SCAN_OPTIONS);
		ChildJvm spark = ChildJvm.run(ChildJvm.testClassPath(), jvm, Map.of(), 300, temp.resolve("spark.log"),
			"org.convnetexplorer.spark.SparkScan", args.toArray(new String[0]));
		assertEquals(0, spark.exitCode, spark.output);
		for (String file : List.of("topk.csv", "skipped.csv", "conv2.tif", "conv5-overview.tif"))
			assertArrayEquals(Files.readAllBytes(single.resolve(file)), Files.readAllBytes(output.resolve(file)), file);
		String report = Files.readString(output.resolve("run.json"));
		assertTrue(report.contains("\"spark_master\": \"local[2]\""), report);
		assertTrue(report.contains("\"partitions\": 5"), report);
	}
}
