package org.convnetexplorer.images;

import java.io.File;
import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.DosFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;

/** Lists the files of an image folder in a stable order. */
public final class ImageFolder {

	private ImageFolder() {
	}

	/**
	 * Lists every regular file under {@code root}, whatever its name or content: telling images
	 * from other files is the decoder's job, so that a file that is not an image is reported with
	 * a reason instead of silently missing.
	 * <ul>
	 * <li>Hidden files are left out: names starting with '.', and on Windows files with the hidden
	 * attribute. Hidden folders are not entered.</li>
	 * <li>A symbolic link to a regular file is listed; links to folders are not followed (no
	 * cycles), except {@code root} itself, and broken links are left out.</li>
	 * <li>Paths are relative to {@code root}, with '/' between names on every platform, sorted
	 * by {@link String#compareTo}.</li>
	 * </ul>
	 *
	 * @param recursive whether to descend into sub-folders
	 * @throws IOException if {@code root} is not a folder, or a folder in it cannot be read (it
	 *             fails rather than leave a folder out unnoticed)
	 */
	public static List<String> list(Path root, boolean recursive) throws IOException {
		if (!Files.isDirectory(root))
			throw new IOException("not a folder: " + root);
		// A walk that follows no links would see a linked root as a link, not a folder.
		Path start = root.toRealPath();
		List<String> files = new ArrayList<>();
		Files.walkFileTree(start, EnumSet.noneOf(FileVisitOption.class),
			recursive ? Integer.MAX_VALUE : 1, new SimpleFileVisitor<Path>() {

				@Override
				public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
					return dir.equals(start) || !isHidden(dir, attributes) ? FileVisitResult.CONTINUE
						: FileVisitResult.SKIP_SUBTREE;
				}

				@Override
				public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
					boolean regular = attributes.isRegularFile() ||
						attributes.isSymbolicLink() && Files.isRegularFile(file);
					if (regular && !isHidden(file, attributes))
						files.add(start.relativize(file).toString().replace(File.separatorChar, '/'));
					return FileVisitResult.CONTINUE;
				}
			});
		Collections.sort(files);
		return files;
	}

	private static boolean isHidden(Path path, BasicFileAttributes attributes) {
		// On Windows the walk's attributes are DOS attributes already: the hidden flag costs no extra call.
		return path.getFileName().toString().startsWith(".") ||
			attributes instanceof DosFileAttributes && ((DosFileAttributes) attributes).isHidden();
	}
}
