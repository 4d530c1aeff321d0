package org.convnetexplorer.spark;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.convnetexplorer.images.SkippedFile;
import org.convnetexplorer.images.ImageFolder;

/**
 * An images folder on any Hadoop file system (file://, hdfs://, s3a://, …): listed as {@link ImageFolder} lists a
 * local one, and copied file by file to local disk where the decoders, which read local files, need it.
 */
final class HadoopImages {

	private final String uri;
	private final boolean recursive;

	HadoopImages(String uri, boolean recursive) {
		this.uri = uri;
		this.recursive = recursive;
	}

	private org.apache.hadoop.fs.Path root(Configuration conf) throws IOException {
		org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(uri);
		return root.getFileSystem(conf).makeQualified(root);
	}

	/** The local folder when the images are on the local file system (file:// or a plain path), else null. */
	Path localFolder(Configuration conf) throws IOException {
		org.apache.hadoop.fs.Path root = root(conf);
		return "file".equals(root.toUri().getScheme()) ? Paths.get(root.toUri()) : null;
	}

	/** What a scan's identity calls the folder: the local path as the CLI does, else the qualified URI. */
	String name(Configuration conf) throws IOException {
		Path local = localFolder(conf);
		return local != null ? local.toAbsolutePath().normalize().toString() : root(conf).toString();
	}

	/** The files to scan, and what the listing left out ([path, reason]; only a local listing leaves anything out). */
	record Listing(List<String> files, List<SkippedFile> leftOut) {}

	/**
	 * Relative paths with '/', sorted by String.compareTo, hidden names ('.' first) left out: a local folder as
	 * {@link ImageFolder} lists it, another file system by the same rules.
	 */
	Listing list(Configuration conf) throws IOException {
		Path local = localFolder(conf);
		if (local != null) {
			ImageFolder.Listing listing = ImageFolder.listing(local, recursive);
			return new Listing(listing.files, listing.leftOut);
		}
		org.apache.hadoop.fs.Path root = root(conf);
		FileSystem fs = root.getFileSystem(conf);
		if (!fs.getFileStatus(root).isDirectory()) throw new IOException("not a folder: " + root);
		List<String> files = new ArrayList<>();
		listInto(fs, root, "", files);
		Collections.sort(files);
		return new Listing(files, List.of());
	}

	private void listInto(FileSystem fs, org.apache.hadoop.fs.Path folder, String prefix, List<String> files)
		throws IOException
	{
		for (FileStatus status : fs.listStatus(folder)) {
			String name = status.getPath().getName();
			if (name.startsWith(".")) continue;
			if (status.isFile()) files.add(prefix + name);
			else if (status.isDirectory() && recursive) listInto(fs, status.getPath(), prefix + name + "/", files);
		}
	}

	/**
	 * Copies {@code paths} (relative) under {@code folder}, same relative paths: the local images the scanner and the
	 * renderer read. A file that cannot be copied is left out; the scan then reports it as unreadable.
	 */
	void copy(Configuration conf, Collection<String> paths, Path folder) throws IOException {
		org.apache.hadoop.fs.Path root = root(conf);
		FileSystem fs = root.getFileSystem(conf);
		for (String path : paths) {
			Path target = folder.resolve(path).normalize();
			if (!target.startsWith(folder)) continue; // a listing holds no "..": nothing leaves the folder
			Files.createDirectories(target.getParent());
			try (InputStream in = fs.open(new org.apache.hadoop.fs.Path(root, path))) {
				Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (IOException e) {
				Files.deleteIfExists(target);
			}
		}
	}
}
