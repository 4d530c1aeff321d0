package org.convnetexplorer.bioimage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import org.convnetexplorer.files.RegularFile;

/**
 * The files of a bioimage.io model package, the zip or the folder of its rdf.yaml, read as untrusted data: a zip whose
 * entries include a name leading outside it (absolute, {@code ..}, a drive or a backslash) is refused whole; a source
 * that is a URL or leads outside the package is refused; every read is bounded by the caller's limit on the bytes it
 * yields (not by the sizes a zip declares, which a zip bomb may fake), before anything is allocated for it.
 */
abstract class PackageFiles implements AutoCloseable {

	/** The most bytes a package zip may have, and entries it may list. */
	static final long MAX_ZIP_BYTES = 8L << 30;
	static final int MAX_ENTRIES = 10_000;

	/** The package itself: its zip, or its rdf.yaml. */
	abstract Path location();

	/** The bytes of the description: the zip's rdf.yaml (or bioimageio.yaml), or the rdf.yaml given. */
	abstract byte[] description() throws IOException;

	/** The bytes of a file named by a source in rdf.yaml, at most {@code maxBytes}. */
	abstract byte[] read(String source, int maxBytes) throws IOException;

	/** A file on disk holding a source's bytes (at most {@code maxBytes}), for readers that map files. */
	abstract Path file(String source, long maxBytes) throws IOException;

	@Override
	public void close() throws IOException {}

	/** The package a path names: a .zip, or an rdf.yaml (or any .yaml) whose folder holds its files. */
	static PackageFiles open(Path path) throws IOException {
		String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
		if (name.endsWith(".zip")) return new Zip(path);
		return new Folder(path);
	}

	/** A source as a path inside the package, or a refusal naming it. */
	static String entryName(Path location, String source) throws PackageException {
		String name = source.trim();
		if (name.matches("(?i)[a-z][a-z0-9+.-]*://.*")) throw new PackageException(location, "'" + source +
			"' is a URL: a package is read with its files (download the package zip)");
		while (name.startsWith("./"))
			name = name.substring(2);
		requireInside(location, name);
		return name;
	}

	private static void requireInside(Path location, String name) throws PackageException {
		boolean outside = name.isEmpty() || name.startsWith("/") || name.contains("\\") || name.contains("\0") ||
			name.matches("(?i)^[a-z]:.*");
		for (String part : name.split("/"))
			outside |= part.equals("..");
		if (outside) throw new PackageException(location, "'" + name + "' leads outside the package: refused");
	}

	private static byte[] readAtMost(InputStream in, int maxBytes, Path location, String name) throws IOException {
		byte[] bytes = in.readNBytes(maxBytes);
		if (in.read() >= 0) throw new PackageException(location, name + " is more than the " + maxBytes + " bytes read " +
			"for it");
		return bytes;
	}

	/** A package zip: entries checked once at opening, then read on demand. */
	private static final class Zip extends PackageFiles {

		private final Path zip;
		private final ZipFile file;

		Zip(Path zip) throws IOException {
			this.zip = zip;
			RegularFile.size(zip, MAX_ZIP_BYTES);
			try {
				file = new ZipFile(zip.toFile());
			}
			catch (ZipException e) {
				throw new PackageException(zip, "not a zip file (" + e.getMessage() + ")");
			}
			try {
				if (file.size() > MAX_ENTRIES) throw new PackageException(zip, file.size() + " entries, more than the " +
					MAX_ENTRIES + " a package is read with");
				for (Enumeration<? extends ZipEntry> entries = file.entries(); entries.hasMoreElements();)
					requireInside(zip, entries.nextElement().getName());
			}
			catch (IOException | RuntimeException e) {
				file.close();
				throw e;
			}
		}

		@Override
		Path location() {
			return zip;
		}

		@Override
		byte[] description() throws IOException {
			boolean rdf = file.getEntry("rdf.yaml") != null;
			if (!rdf && file.getEntry("bioimageio.yaml") == null)
				throw new PackageException(zip, "it has no rdf.yaml (nor bioimageio.yaml): not a bioimage.io package");
			return read(rdf ? "rdf.yaml" : "bioimageio.yaml", ModelDescription.MAX_RDF_BYTES);
		}

		private ZipEntry entry(String source) throws PackageException {
			String name = entryName(zip, source);
			ZipEntry entry = file.getEntry(name);
			if (entry == null || entry.isDirectory()) throw new PackageException(zip, "it has no file '" + name + "'");
			return entry;
		}

		@Override
		byte[] read(String source, int maxBytes) throws IOException {
			ZipEntry entry = entry(source);
			if (entry.getSize() > maxBytes) throw new PackageException(zip, entry.getName() + " is " + entry.getSize() +
				" bytes, more than the " + maxBytes + " read for it");
			try (InputStream in = file.getInputStream(entry)) {
				return readAtMost(in, maxBytes, zip, entry.getName());
			}
		}

		@Override
		Path file(String source, long maxBytes) throws IOException {
			ZipEntry entry = entry(source);
			if (entry.getSize() > maxBytes) throw new PackageException(zip, entry.getName() + " is " + entry.getSize() +
				" bytes, more than the " + maxBytes + " read for it");
			String name = entry.getName().substring(entry.getName().lastIndexOf('/') + 1);
			// a folder of its own (the user's alone): what the weights name beside them (external data) is not
			// looked for among the shared temporary folder's files, but found missing
			Path folder = Files.createTempDirectory("convnet-explorer-package-");
			folder.toFile().deleteOnExit();
			Path copy = folder.resolve(name.replaceAll("[^A-Za-z0-9_.-]", "_").replaceFirst("^\\.*$", "weights"));
			copy.toFile().deleteOnExit();
			try (InputStream in = file.getInputStream(entry); OutputStream out = Files.newOutputStream(copy)) {
				byte[] buffer = new byte[1 << 16];
				long written = 0;
				for (int n; (n = in.read(buffer)) > 0;) {
					written += n;
					if (written > maxBytes) throw new PackageException(zip, entry.getName() + " is more than the " +
						maxBytes + " bytes read for it");
					out.write(buffer, 0, n);
				}
			}
			catch (IOException | RuntimeException e) {
				Files.deleteIfExists(copy);
				Files.deleteIfExists(folder);
				throw e;
			}
			return copy;
		}

		@Override
		public void close() throws IOException {
			file.close();
		}
	}

	/** An unpacked package: rdf.yaml and the files beside it (or below it). */
	private static final class Folder extends PackageFiles {

		private final Path rdf;
		private final Path folder;

		Folder(Path rdf) throws IOException {
			this.rdf = rdf;
			RegularFile.size(rdf, ModelDescription.MAX_RDF_BYTES);
			folder = rdf.toAbsolutePath().getParent();
		}

		@Override
		Path location() {
			return rdf;
		}

		@Override
		byte[] description() throws IOException {
			return RegularFile.readAll(rdf, ModelDescription.MAX_RDF_BYTES);
		}

		private Path resolve(String source) throws IOException {
			Path file = folder.resolve(entryName(rdf, source)).normalize();
			if (!file.toRealPath().startsWith(folder.toRealPath()))
				throw new PackageException(rdf, "'" + source + "' leads outside the package's folder: refused");
			return file;
		}

		@Override
		byte[] read(String source, int maxBytes) throws IOException {
			return RegularFile.readAll(resolve(source), maxBytes);
		}

		@Override
		Path file(String source, long maxBytes) throws IOException {
			Path file = resolve(source);
			RegularFile.size(file, maxBytes);
			return file;
		}
	}
}
