package org.convnetexplorer.network;

import java.util.Locale;

/**
 * The arithmetic of the convolutions. {@code float32} is torchvision's and the default: results equal torchvision's
 * to 1e-4. {@code bfloat16} lets TF's oneDNN rewrite run the convolutions in bfloat16 on CPUs that support it (measured
 * 1.4× the float32 Winograd speed here); activations then differ in the third digit, so near-ties may rank differently.
 */
public enum Precision {
	FLOAT32, BFLOAT16;

	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static Precision fromId(String id) {
		for (Precision precision : values())
			if (precision.id().equals(id.trim().toLowerCase(Locale.ROOT))) return precision;
		throw new IllegalArgumentException("unknown precision '" + id + "': expected float32 or bfloat16");
	}
}
