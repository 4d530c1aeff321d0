package org.convnetexplorer.bioimage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.List;

import org.convnetexplorer.Fixtures;
import org.convnetexplorer.images.InputSpec;
import org.convnetexplorer.intensity.Normalization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packages of make_bioimage_packages.py: a 0.5 and a 0.4 package load (their test outputs, torch's, reproduced
 * through the imported ONNX weights and the package's pre- and postprocessing), from the zip and from an unpacked
 * rdf.yaml; a
 * package whose test output differs, one without ONNX weights and a hostile zip are refused with the reason.
 */
class BioimagePackageTest {

	@TempDir
	Path temp;

	private static Path resource(String name) {
		return Fixtures.require(Fixtures.BIOIMAGE.resolve(name));
	}

	@Test
	void packageOfFormat05LoadsFromItsZip() throws IOException {
		BioimagePackage opened = BioimagePackage.open(resource("encoder-0.5.zip"));
		assertEquals("0.5.3", opened.formatVersion());
		assertEquals(1, opened.channels());
		assertEquals("scale_range:1,99.8,1.0E-6", opened.preprocessing().toString());
		assertEquals(List.of("onnx"), opened.weightFormats());
		assertEquals(resource("encoder-0.5.zip"), opened.model().source());
		assertTrue(opened.takes(16) && opened.takes(224) && opened.takes(232));
		assertFalse(opened.takes(8) || opened.takes(225) || opened.takes(20));
		assertEquals(224, opened.sizeFrom(224));
		assertEquals(232, opened.sizeFrom(225));
		assertEquals("16 + 8 k pixels per side", opened.sizes());
		assertTrue(opened.testOutputDifference() < 1e-5, "test output off by " + opened.testOutputDifference());
		System.out.println("encoder-0.5: test output reproduced within " + opened.testOutputDifference());
	}

	/** Its network: the least size from 224 it takes, its preprocessing, and an image in 0..1 going in unchanged. */
	@Test
	void packageAsANetwork() throws IOException {
		InputSpec input = BioimagePackage.open(resource("encoder-0.5.zip")).network(0, null, null, Normalization.NONE)
			.input();
		assertEquals("224×224, gray, normalize scale_range:1,99.8,1.0E-6", input.toString());
		assertEquals(0f, input.mean(0));
		assertEquals(1f, input.std(0));
	}

	@Test
	void packageOfFormat04LoadsWithItsClip() throws IOException {
		BioimagePackage opened = BioimagePackage.open(resource("encoder-0.4.zip"));
		assertEquals("0.4.10", opened.formatVersion());
		assertEquals("scale_range:1,99.8,1.0E-6;clip:0,1", opened.preprocessing().toString());
		assertTrue(opened.testOutputDifference() < 1e-5, "test output off by " + opened.testOutputDifference());
	}

	@Test
	void unpackedPackageLoadsFromItsRdfYaml() throws IOException {
		Path rdf = resource("encoder-0.5/rdf.yaml");
		BioimagePackage opened = BioimagePackage.open(rdf);
		assertEquals(rdf, opened.model().source());
	}

	@Test
	void packageWhoseTestOutputDiffersIsRefusedNamingTheDifference() {
		String message = assertThrows(PackageException.class,
			() -> BioimagePackage.open(resource("mismatch-0.5.zip"))).getMessage();
		assertTrue(message.contains("mismatch-0.5.zip: its test output test_output.npy is not reproduced: max abs " +
			"difference 0.250000 at [0, 1, 7, 9]"), message);
		assertTrue(message.contains("absolute 1.5E-4 + relative 1.0E-4"), message);
	}

	/** bioimage.io's test output is the output after its postprocessing: the check computes that too. */
	@Test
	void testOutputIsComparedAfterTheOutputsPostprocessing() throws IOException {
		BioimagePackage opened = BioimagePackage.open(resource("postprocessed-0.5.zip"));
		assertTrue(opened.testOutputDifference() < 1e-4, "test output off by " + opened.testOutputDifference());
		assertEquals("scale_range:1,99.8,1.0E-6", opened.preprocessing().toString());
		String message = assertThrows(PackageException.class,
			() -> BioimagePackage.open(resource("sigmoid-0.5.zip"))).getMessage();
		assertTrue(message.endsWith("sigmoid-0.5.zip: its postprocessing sigmoid: not computed here (scale_range, " +
			"zero_mean_unit_variance, fixed_zero_mean_unit_variance, scale_linear, clip and ensure_dtype are)"), message);
	}

	/**
	 * Weights whose tensors are in a file the zip lacks: one of that name in the shared temporary folder, where the
	 * weights used to be unpacked, is not read (it holds the right values: read, the package would load).
	 */
	@Test
	void externalDataTheZipLacksIsNotLookedForInTheTemporaryFolder() throws IOException {
		Path planted = Paths.get(System.getProperty("java.io.tmpdir"), "convnet-explorer-planted-tensors.data");
		Files.copy(resource("planted.data"), planted, StandardCopyOption.REPLACE_EXISTING);
		try {
			String message = assertThrows(PackageException.class,
				() -> BioimagePackage.open(resource("external-data-0.5.zip"))).getMessage();
			assertTrue(message.contains("external-data-0.5.zip: its ONNX weights encoder.onnx: ") &&
				message.contains("convnet-explorer-planted-tensors.data"), message);
		}
		finally {
			Files.delete(planted);
		}
	}

	@Test
	void packageWithoutOnnxWeightsIsRefusedNamingItsFormats() {
		String message = assertThrows(PackageException.class,
			() -> BioimagePackage.open(resource("torchscript-only.zip"))).getMessage();
		assertTrue(message.endsWith("torchscript-only.zip: it has no ONNX weights (its weights: pytorch_state_dict, " +
			"torchscript); ONNX weights are read"), message);
	}

	@Test
	void zipWithAnEntryOutsideIsRefusedWhole() {
		String message = assertThrows(PackageException.class,
			() -> BioimagePackage.open(resource("hostile.zip"))).getMessage();
		assertTrue(message.endsWith("hostile.zip: '../escaped.txt' leads outside the package: refused"), message);
		assertFalse(Files.exists(resource("hostile.zip").getParent().getParent().resolve("escaped.txt")));
	}
}
