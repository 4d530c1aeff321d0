package org.convnetexplorer.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.convnetexplorer.geometry.LayerFields;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Segmentation networks exported whole (make_onnx_models.py segmentation): two 1-channel U-Nets, one decoding by
 * ConvTranspose, one by bilinear Resize, with skip Concats, and torchvision's FCN (dilated ResNet-50 backbone, bilinear
 * upsampling to the input size); and transposed_ops, ConvTranspose's attributes the U-Nets lack (groups, dilation,
 * per-axis strides and pads, output padding). Per-unit maxima and positions against torch at the test size, and the
 * exact fields against gradient supports at that size and at a second, non-square one (their inputs have dynamic
 * height and width).
 */
class SegmentationModelsTest {

	@ParameterizedTest
	@CsvSource({ "unet_transposed,1,64", "unet_bilinear,1,64", "fcn_resnet50,3,96", "transposed_ops,1,32" })
	void maximaAndPositionsMatchTorch(String name, int channels, int size) throws Exception {
		OnnxNetwork network = OnnxNetwork.open(OnnxFixtures.model(name), size, null, null);
		OnnxReferenceTest.assertMaximaMatch(network, name, name, OnnxFixtures.imageBatch(channels, size),
			OnnxReferenceTest.layerShapes("segmentation-layers.csv", name), "segmentation-maxima.csv");
	}

	@ParameterizedTest
	@CsvSource({ "unet_transposed,64,64", "unet_transposed,48,80", "unet_bilinear,64,64", "unet_bilinear,48,80",
		"fcn_resnet50,96,96", "fcn_resnet50,80,112", "transposed_ops,32,32", "transposed_ops,24,40" })
	void fieldsMatchMeasuredGradientSupports(String name, int height, int width) throws Exception {
		OnnxModel model = OnnxModel.read(OnnxFixtures.model(name));
		List<String[]> rows = new ArrayList<>();
		for (String[] r : OnnxFixtures.csv("segmentation-fields.csv"))
			if (r[0].equals(name) && Integer.parseInt(r[1]) == height && Integer.parseInt(r[2]) == width)
				rows.add(Arrays.copyOfRange(r, 2, r.length));
		Map<String, OnnxLayer> layers = new LinkedHashMap<>();
		for (String[] r : rows)
			if (!layers.containsKey(r[1])) layers.put(r[1], model.layer(r[1], height, width));
		rows.forEach(r -> r[0] = name);
		int checked = OnnxReferenceTest.assertFieldsMatch(name, layers, rows, height, width);
		assertTrue(checked >= 80, "only " + checked + " measured fields");
	}

	/** An activation after a transposed convolution is scanned by default, as one after a convolution. */
	@Test
	void activationAfterATransposedConvolutionIsADefaultLayer() throws Exception {
		OnnxModel model = OnnxModel.read(OnnxFixtures.model("transposed_ops"));
		assertEquals(List.of("relu1"),
			model.defaultLayers(32, 32).stream().map(OnnxLayer::name).collect(Collectors.toList()));
	}

	/** After a skip Concat, the upsampled channels keep their exact field and the encoder's their regular one. */
	@Test
	void skipConcatKeepsEachBranchsField() throws Exception {
		OnnxModel model = OnnxModel.read(OnnxFixtures.model("unet_transposed"));
		LayerFields cat = model.layer("cat1", 64, 64).fields();
		assertEquals(List.of(0, 8), cat.groups().stream().map(g -> g.from).collect(Collectors.toList()), cat.toString());
		assertFalse(cat.field(0).y.isRegular());
		assertTrue(cat.field(8).y.isRegular());
		assertEquals(model.layer("enc1", 64, 64).fields().field(0), cat.field(8));
		assertEquals(model.layer("up1", 64, 64).fields().field(0), cat.field(7));
	}
}
