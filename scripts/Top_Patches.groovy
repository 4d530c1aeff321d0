#@ File (label = "Images folder", style = "directory") images
#@ File (label = "Output folder", style = "directory") output
#@ String (label = "Weights", value = "demo", description = "demo: the small bundled network, works offline; imagenet: ImageNet's AlexNet, downloaded once (233 MB); or the path of a .pth file") weights
#@ String (label = "Layers", value = "conv1,conv2,conv3,conv4,conv5") layers
#@ Integer (label = "Patches per unit", value = 9, min = 1) top
#@ String (label = "Device", choices = { "auto", "cpu", "gpu" }) device
#@ CommandService commands
#@ LogService log

// Runs ConvNet Explorer's Fiji command from the script editor. The inputs not asked for above are passed with their
// defaults, so that no second dialog asks for them.
commands.run("org.convnetexplorer.fiji.TopPatchesCommand", true,
	"images", images, "output", output, "weights", weights, "layers", layers, "top", top, "device", device,
	"units", "0,1,2,3,4,5,6,7,8", "batch", 16, "recursive", false, "overwrite", false, "cell", 0).get()
log.info("ConvNet Explorer finished; results in " + output)
