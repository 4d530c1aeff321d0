/**
 * Drawing results: patches cut from the original images, montage stacks written to disk as they are drawn,
 * overview figures, TIFF files ImageJ opens.
 */
package org.convnetexplorer.render;
