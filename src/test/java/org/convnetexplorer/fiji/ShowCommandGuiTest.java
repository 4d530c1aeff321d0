package org.convnetexplorer.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.convnetexplorer.ChildJvm;
import org.convnetexplorer.Fixtures;
import org.convnetexplorer.RecordingListener;
import org.convnetexplorer.job.JobSettings;
import org.convnetexplorer.job.TopPatchesJob;
import org.convnetexplorer.network.AlexNet;
import org.convnetexplorer.network.ComputeDevice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code show RUN --layer conv5 --unit 3} on a virtual screen, from the class path as the launcher runs it: the
 * explorer window opens at that unit, ImageJ beside it has Plugins › ConvNet Explorer with every command (ImageJ 1 reads
 * plugins.config only from its plugins folder, which this ImageJ has none of), and the Show ConvNet Unit macro command
 * moves the same window.
 */
class ShowCommandGuiTest {

	@TempDir
	Path temp;

	@Test
	@Timeout(600)
	void showOpensTheWindowAtTheUnitWithImageJsMenu() throws Exception {
		JobSettings settings = new JobSettings();
		settings.images = Fixtures.require(Fixtures.NATURAL224);
		settings.output = temp.resolve("shown run");
		settings.weights = Fixtures.require(Fixtures.SEED0).toString();
		settings.layers = List.of(AlexNet.CONV1, AlexNet.CONV5);
		settings.device = ComputeDevice.CPU;
		settings.threads = 2;
		TopPatchesJob.run(settings, RecordingListener.quiet());

		Path report = temp.resolve("report.properties");
		Path screenshot = Files.createDirectories(Paths.get("target/screenshots")).resolve("show.png");
		ChildJvm run;
		try (Xvfb xvfb = Xvfb.start(temp.resolve("xvfb.log"))) {
			run = ChildJvm.run(ChildJvm.testClassPath(), List.of(), Map.of("DISPLAY", xvfb.display), 540,
				temp.resolve("show.log"), ShowCommandDriver.class.getName(), settings.output.toString(), report.toString(),
				screenshot.toString());
		}
		assertTrue(Files.exists(report), "no report; output:\n" + run.output);
		Properties found = new Properties();
		try (Reader in = Files.newBufferedReader(report)) {
			found.load(in);
		}
		assertNull(found.getProperty("error"), run.output + "\n" + found);
		assertEquals("conv5 unit 3", found.getProperty("opened"));
		assertEquals("Top Patches per Unit...|Open ConvNet Explorer Results...|Deconvnet Projections...|" +
			"Occlusion Sensitivity...|Show ConvNet Unit|Feature Visualisation...", found.getProperty("menu"));
		assertEquals("org.convnetexplorer.ij1.ShowUnitPlugin", found.getProperty("command"));
		assertEquals("conv1 unit 2", found.getProperty("macro"));
		assertEquals("1", found.getProperty("windows"));
		String shown = settings.output.toAbsolutePath().normalize().toString();
		assertEquals(shown + "|" + shown, found.getProperty("fijiDialogs"),
			"Fiji's Deconvnet Projections and Open Results offer the run on screen over the folder used before");
	}
}
