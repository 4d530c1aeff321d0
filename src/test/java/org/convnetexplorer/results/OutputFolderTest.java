package org.convnetexplorer.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFolderTest {

	@TempDir
	Path temp;

	@Test
	void overwritingRemovesTheLayerFilesTheEarlierRunJsonNamesAndNothingElse() throws IOException {
		Path folder = Files.createDirectories(temp.resolve("out"));
		new RunReport().put("layers", List.of("/features/features.3/Concat", "conv2")).write(folder.resolve("run.json"));
		List<String> earlier = List.of("features_features.3_Concat-8e8528fb.tif",
			"features_features.3_Concat-8e8528fb-overview.tif", "conv2.tif", "conv2-deconv.tif", "topk.csv");
		List<String> others = List.of("notes.txt", "features_features.3_Concat.tif", "conv6.tif");
		for (String name : earlier)
			Files.writeString(folder.resolve(name), "earlier run");
		for (String name : others)
			Files.writeString(folder.resolve(name), "the user's");
		OutputFolder.prepare(folder, true);
		try (Stream<Path> left = Files.list(folder)) {
			assertEquals(others.stream().sorted().collect(Collectors.toList()),
				left.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList()));
		}
	}

	@Test
	void aRunJsonThatIsNotOursRemovesNoLayerFile() throws IOException {
		Path folder = Files.createDirectories(temp.resolve("out"));
		Files.writeString(folder.resolve("run.json"), "{\"layers\": 3}");
		Files.writeString(folder.resolve("3.tif"), "the user's");
		OutputFolder.prepare(folder, true);
		assertTrue(Files.exists(folder.resolve("3.tif")));
	}
}
