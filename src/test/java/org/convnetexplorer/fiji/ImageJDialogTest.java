package org.convnetexplorer.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.Reader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.convnetexplorer.ChildJvm;
import org.convnetexplorer.Fixtures;
import org.convnetexplorer.weights.WeightsSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ImageJ 1 dialog as a first-time user meets it, in plain ImageJ 1.54 on a virtual screen, driven by real X input
 * events (xdotool): the layers are picked from a list; the first run without network (the default weights, imagenet)
 * fails with a message that fits the screen and says how to go on with the demo network; the dialog opened again
 * holds what was typed before the failure, and its Browse starts in the folder given last. Screenshots land in
 * target/screenshots/.
 */
class ImageJDialogTest {

	@TempDir
	Path temp;

	@Test
	@Timeout(600)
	void dialogRemembersItsValuesAfterAFailedFirstRunAndListsTheLayersAndOcclusionStartsFromTheScreen() throws Exception {
		Assumptions.assumeTrue(new File("/usr/bin/xdotool").canExecute(), "xdotool is not installed");
		Path images = Fixtures.require(Fixtures.NATURAL224);
		Path output = temp.resolve("out");
		Path report = temp.resolve("report.properties");
		Path screenshot = Files.createDirectories(Paths.get("target/screenshots")).resolve("imagej-dialog.png");
		String offline;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			offline = "http://127.0.0.1:" + socket.getLocalPort() + "/alexnet-owt-7be5be79.pth";
		}
		ChildJvm run;
		Process windowManager = null;
		try (Xvfb xvfb = Xvfb.start(temp.resolve("xvfb.log"));
			ImageJInstallation imagej = ImageJInstallation.create(temp.resolve("ImageJ")))
		{
			// Keyboard focus follows clicks as on a desktop only with a window manager.
			if (new File("/usr/bin/openbox").canExecute()) {
				ProcessBuilder openbox = new ProcessBuilder("openbox").redirectErrorStream(true)
					.redirectOutput(temp.resolve("openbox.log").toFile());
				openbox.environment().put("DISPLAY", xvfb.display);
				windowManager = openbox.start();
				Thread.sleep(1000);
			}
			run = ChildJvm.run(List.of(ImageJInstallation.jarOf("/net/imagej/ij/"), Paths.get("target/test-classes")),
				List.of("-Dplugins.dir=" + imagej.root, "-Duser.home=" + Files.createDirectories(temp.resolve("home")),
					"-D" + WeightsSource.IMAGENET_URL_PROPERTY + "=" + offline),
				Map.of("DISPLAY", xvfb.display), 540, temp.resolve("imagej.log"), ImageJDialogDriver.class.getName(),
				images.toString(), output.toString(), report.toString(), screenshot.toString(),
				images.resolve("astronaut_032.png").toString());
		}
		finally {
			if (windowManager != null) windowManager.destroy();
		}
		assertTrue(Files.exists(report), "no report from ImageJ; its output:\n" + run.output);
		Properties found = new Properties();
		try (Reader in = Files.newBufferedReader(report)) {
			found.load(in);
		}
		assertNull(found.getProperty("error"), "ImageJ output:\n" + run.output + "\nreport: " + found);
		assertEquals("conv2,conv4", found.getProperty("chosen.layers"));

		String log = found.getProperty("log");
		assertTrue(log.contains("Could not download " + offline) && log.contains("weights=demo"), log);
		int errorWidth = Integer.parseInt(found.getProperty("error.width"));
		assertTrue(errorWidth < Integer.parseInt(found.getProperty("screen.width")) / 2,
			"the message is " + errorWidth + " px wide");

		// ImageJ's folder fields end what they give with a '/'
		assertEquals(images, Paths.get(found.getProperty("reopened.images")));
		assertEquals(output, Paths.get(found.getProperty("reopened.output")));
		assertEquals("conv2,conv4", found.getProperty("reopened.layers"));
		assertEquals(images.toAbsolutePath().toString(), found.getProperty("browse.directory"));

		assertEquals(images.resolve("astronaut_032.png").toString(), found.getProperty("occlusion.image"));
		assertEquals("conv3", found.getProperty("occlusion.layer"));
		assertEquals("17", found.getProperty("occlusion.unit"));
	}
}
