/**
 * Image folders to network input: {@link org.convnetexplorer.images.ImageFolder} lists the files,
 * {@link org.convnetexplorer.images.ImageDecoder} reads each into an
 * {@link org.convnetexplorer.images.RgbImage} or says why it cannot, and
 * {@link org.convnetexplorer.images.Preprocessor} writes the normalized input ({@link org.convnetexplorer.images.InputSpec}) that the
 * PyTorch peer would compute, with {@link org.convnetexplorer.images.Placement} mapping it back
 * onto the original image. Nothing here opens a window or needs a display.
 */
package org.convnetexplorer.images;
