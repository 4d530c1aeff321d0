// ConvNet Explorer from an ImageJ macro (Fiji, or plain ImageJ 1.54 with the plugin in plugins/).
// Keys are the CLI's option names; leave one out for its default. Esc cancels and keeps a partial result.
images = getDirectory("Choose the folder of images to scan");
output = getDirectory("Choose an empty folder for the results");
// ImageNet's AlexNet where its weights are at hand (weights=imagenet downloads them once into this folder, or put
// alexnet-owt-7be5be79.pth there by hand); else the small demo network bundled with the plugin, which needs no network.
weightsFolder = getDirectory("imagej") + "models" + File.separator + "convnet-explorer" + File.separator;
weights = "demo";
if (File.exists(weightsFolder + "alexnet-owt-7be5be79.pth"))
	weights = "imagenet";
else
	print("Using the bundled demo network (weights=demo): ImageNet's weights are not in " + weightsFolder +
		"; use weights=imagenet once with network to download them there.");
run("Top Patches per Unit...", "images=[" + images + "] output=[" + output + "] weights=" + weights + " " +
	"layers=conv1,conv2,conv3,conv4,conv5 top=9 units=0,1,2,3,4,5,6,7,8 device=auto batch=16 cell=0");
// Without the windows (say in batch mode), the same results can be reopened later:
// run("Open ConvNet Explorer Results...", "output=[" + output + "]");
print("Results in " + output);
