/**
 * ONNX files as data: a bounded protobuf reader (files mapped, every declared size checked before it is allocated,
 * external data kept inside the model's folder) and the graph it yields; nothing here interprets an operator.
 */
package org.convnetexplorer.onnx.graph;
