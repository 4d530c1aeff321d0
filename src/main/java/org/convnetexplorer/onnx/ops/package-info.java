/**
 * The import of an ONNX graph: {@link org.convnetexplorer.onnx.ops.OnnxImporter}'s walk, and the operators it computes,
 * one class (or enum constant) each, looked up by name in {@link org.convnetexplorer.onnx.ops.Operators}: each states
 * its output's shape, its units' receptive fields and its TensorFlow emission together.
 */
package org.convnetexplorer.onnx.ops;
