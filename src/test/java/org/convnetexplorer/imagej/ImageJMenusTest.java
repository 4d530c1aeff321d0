package org.convnetexplorer.imagej;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import ij.plugin.PlugIn;

/**
 * The menu an ImageJ started by {@code show} gets: every entry of the class path's plugins.config, each naming a plugin
 * class that exists.
 */
class ImageJMenusTest {

	@Test
	void everyPluginsConfigEntryIsReadWithAPluginClass() throws Exception {
		List<ImageJMenus.Entry> entries = ImageJMenus.entries();
		assertEquals(List.of("Top Patches per Unit...", "Open ConvNet Explorer Results...", "Deconvnet Projections...",
			"Occlusion Sensitivity...", "Show ConvNet Unit", "Feature Visualisation..."),
			entries.stream().map(entry -> entry.label).collect(Collectors.toList()));
		for (ImageJMenus.Entry entry : entries) {
			assertEquals("ConvNet Explorer", entry.submenu);
			assertEquals(true, PlugIn.class.isAssignableFrom(Class.forName(entry.className)), entry.className);
		}
	}
}
