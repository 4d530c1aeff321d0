/**
 * ONNX models as networks: {@link org.convnetexplorer.onnx.OnnxModel} checks a graph, lists its layers with their
 * receptive fields and builds the chosen ones into TensorFlow, through the walk of {@code onnx.ops}; the graph itself is
 * read by {@code onnx.graph}.
 */
package org.convnetexplorer.onnx;
