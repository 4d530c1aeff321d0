package org.convnetexplorer.fiji;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import org.convnetexplorer.ChildJvm;

/**
 * A plain ImageJ 1 folder as a user sets it up: {@code plugins/ConvNet_Explorer.jar} (built here from target/classes,
 * plugins.config at its root; ImageJ 1 only reads plugin jars with an underscore in their name) and the runtime
 * dependencies in {@code plugins/jars/}. ImageJ itself (ij.jar) is not in
 * it: child JVMs put it on their class path.
 */
final class ImageJInstallation implements AutoCloseable {

	/** Test-only jars on the test class path: everything else on it is a runtime dependency of the plugin. */
	private static final List<String> TEST_ONLY = List.of("/junit/", "/org/junit/", "opentest4j", "apiguardian",
		"ij1-patcher", "javassist", "surefire", "/net/imagej/ij/");

	final Path root;

	private ImageJInstallation(Path root) {
		this.root = root;
	}

	static ImageJInstallation create(Path root) throws IOException {
		Path jars = Files.createDirectories(root.resolve("plugins/jars"));
		writeJar(Paths.get("target/classes"), root.resolve("plugins/ConvNet_Explorer.jar"));
		for (Path dependency : runtimeDependencies())
			Files.createSymbolicLink(jars.resolve(dependency.getFileName()), dependency);
		return new ImageJInstallation(root);
	}

	/** Removes the links to the local Maven repository, so the temporary folder is deleted without warnings. */
	@Override
	public void close() throws IOException {
		try (Stream<Path> links = Files.list(root.resolve("plugins/jars"))) {
			for (Path link : (Iterable<Path>) links::iterator)
				Files.delete(link);
		}
	}

	static Path jarOf(String artifactPathPart) {
		return ChildJvm.testClassPath().stream().filter(p -> p.toString().contains(artifactPathPart)).findFirst()
			.orElseThrow(() -> new IllegalStateException("no " + artifactPathPart + " on the test class path"));
	}

	private static List<Path> runtimeDependencies() {
		List<Path> dependencies = new ArrayList<>();
		for (Path entry : ChildJvm.testClassPath()) {
			String path = entry.toString().replace(File.separatorChar, '/');
			if (path.endsWith(".jar") && TEST_ONLY.stream().noneMatch(path::contains)) dependencies.add(entry);
		}
		return dependencies;
	}

	private static void writeJar(Path classes, Path jar) throws IOException {
		try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
			Stream<Path> walk = Files.walk(classes))
		{
			for (Path path : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
				out.putNextEntry(new JarEntry(classes.relativize(path).toString().replace(File.separatorChar, '/')));
				Files.copy(path, out);
				out.closeEntry();
			}
		}
	}
}
