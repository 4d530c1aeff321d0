package org.convnetexplorer.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderTest {

	@TempDir
	Path root;

	@BeforeEach
	void makeFolder() throws IOException {
		for (String name : new String[] { "b.png", "a.png", "B.png", "notes.txt", "empty.jpg", ".hidden.png",
			"a/z.png", "a/b/c.jpg", "a/.DS_Store", ".thumbnails/t.png", "a.b/x.png" })
		{
			Path file = root.resolve(name);
			Files.createDirectories(file.getParent());
			Files.write(file, name.equals("empty.jpg") ? new byte[0] : new byte[] { 1 });
		}
		Files.createDirectories(root.resolve("empty-folder"));
		Files.createSymbolicLink(root.resolve("link.png"), root.resolve("a.png"));
		Files.createSymbolicLink(root.resolve("broken.png"), root.resolve("missing.png"));
		Files.createSymbolicLink(root.resolve("linked-folder"), root.resolve("a"));
	}

	@Test
	void listsTopLevelFilesSortedWithoutHiddenOnesOrFolders() throws IOException {
		assertEquals(Arrays.asList("B.png", "a.png", "b.png", "empty.jpg", "link.png", "notes.txt"),
			ImageFolder.list(root, false));
	}

	@Test
	void recursesWithSlashPathsInStringOrderSkippingHiddenFolders() throws IOException {
		// String order: uppercase first, and '.' (0x2e) before '/' (0x2f), so "a.png" < "a/b/c.jpg"
		assertEquals(Arrays.asList("B.png", "a.b/x.png", "a.png", "a/b/c.jpg", "a/z.png", "b.png", "empty.jpg",
			"link.png", "notes.txt"), ImageFolder.list(root, true));
	}

	@Test
	void followsALinkedRoot() throws IOException {
		assertEquals(Arrays.asList("b/c.jpg", "z.png"), ImageFolder.list(root.resolve("linked-folder"), true));
	}

	@Test
	void refusesAFileOrMissingFolderAsRoot() {
		assertThrows(IOException.class, () -> ImageFolder.list(root.resolve("a.png"), true));
		assertThrows(IOException.class, () -> ImageFolder.list(root.resolve("missing"), false));
	}
}
