package org.convnetexplorer.weights;

import java.nio.ByteBuffer;

/** The torch storage classes a state dict may name, each with how one element becomes a float. */
enum StorageType {
	FLOAT("FloatStorage", 4) {
		@Override
		float read(ByteBuffer bytes, int at) {
			return bytes.getFloat(at);
		}
	},
	HALF("HalfStorage", 2) {
		@Override
		float read(ByteBuffer bytes, int at) {
			return halfToFloat(bytes.getShort(at));
		}
	},
	DOUBLE("DoubleStorage", 8) {
		@Override
		float read(ByteBuffer bytes, int at) {
			return (float) bytes.getDouble(at);
		}
	},
	BFLOAT16("BFloat16Storage", 2) {
		@Override
		float read(ByteBuffer bytes, int at) {
			// bfloat16 is the upper half of a float32.
			return Float.intBitsToFloat(bytes.getShort(at) << 16);
		}
	},
	// Integer storages hold counters such as BatchNorm's num_batches_tracked; a state dict
	// with them must still load, and converting them is as cheap as refusing them.
	LONG("LongStorage", 8) {
		@Override
		float read(ByteBuffer bytes, int at) {
			return bytes.getLong(at);
		}
	},
	INT("IntStorage", 4) {
		@Override
		float read(ByteBuffer bytes, int at) {
			return bytes.getInt(at);
		}
	},
	SHORT("ShortStorage", 2) {
		@Override
		float read(ByteBuffer bytes, int at) {
			return bytes.getShort(at);
		}
	},
	CHAR("CharStorage", 1) {
		@Override
		float read(ByteBuffer bytes, int at) {
			return bytes.get(at);
		}
	},
	BYTE("ByteStorage", 1) {
		@Override
		float read(ByteBuffer bytes, int at) {
			return bytes.get(at) & 0xff;
		}
	},
	BOOL("BoolStorage", 1) {
		@Override
		float read(ByteBuffer bytes, int at) {
			return bytes.get(at) != 0 ? 1 : 0;
		}
	};

	private final String pythonName;
	private final int elementSize;

	StorageType(String pythonName, int elementSize) {
		this.pythonName = pythonName;
		this.elementSize = elementSize;
	}

	/** The element starting at byte {@code at}, in the buffer's byte order. */
	abstract float read(ByteBuffer bytes, int at);

	int elementSize() {
		return elementSize;
	}

	/** The storage class named {@code torch.<name>}, or null. */
	static StorageType byPythonName(String name) {
		for (StorageType type : values()) {
			if (type.pythonName.equals(name)) return type;
		}
		return null;
	}

	@Override
	public String toString() {
		return "torch." + pythonName;
	}

	/** IEEE 754 binary16 to binary32; every half value is exact in a float. */
	static float halfToFloat(short half) {
		int sign = (half & 0x8000) << 16;
		int exponent = (half >>> 10) & 0x1f;
		int mantissa = half & 0x3ff;
		if (exponent == 0x1f) {
			return Float.intBitsToFloat(sign | 0x7f800000 | mantissa << 13);
		}
		if (exponent == 0) {
			float subnormal = mantissa * 0x1p-24f;
			return sign == 0 ? subnormal : -subnormal;
		}
		// Rebias the exponent from 15 to 127.
		return Float.intBitsToFloat(sign | (exponent + 112) << 23 | mantissa << 13);
	}
}
