// ConvNet Explorer atlas: sorting and filtering a layer's units, and the larger view of a patch's image.
// Plain JavaScript, no libraries; every page works without it, except those two conveniences.
"use strict";

function sortUnits() {
	var list = document.getElementById("units");
	var key = document.getElementById("sort").value;
	var tiles = Array.prototype.slice.call(list.children);
	var number = function (tile, name) { return parseFloat(tile.getAttribute("data-" + name)); };
	tiles.sort(function (a, b) {
		if (key === "top") return number(b, "top") - number(a, "top") || number(a, "unit") - number(b, "unit");
		if (key === "fires") return number(b, "fires") - number(a, "fires") || number(b, "top") - number(a, "top") ||
			number(a, "unit") - number(b, "unit");
		return number(a, "unit") - number(b, "unit");
	});
	tiles.forEach(function (tile) { list.appendChild(tile); });
}

function setUpLayer() {
	var sort = document.getElementById("sort");
	var hide = document.getElementById("hide-silent");
	var showHidden = function () { document.body.classList.toggle("hide-silent", hide.checked); };
	sort.addEventListener("change", sortUnits);
	hide.addEventListener("change", showHidden);
	showHidden();
	sortUnits();
}

function percents(text) {
	return text.split(",").map(parseFloat);
}

function openViewer(winner) {
	var viewer = document.getElementById("viewer");
	var image = document.getElementById("viewer-image");
	var box = percents(winner.getAttribute("data-box"));
	var max = percents(winner.getAttribute("data-max"));
	var boxStyle = document.getElementById("viewer-box").style;
	boxStyle.left = box[0] + "%";
	boxStyle.top = box[1] + "%";
	boxStyle.width = box[2] + "%";
	boxStyle.height = box[3] + "%";
	var maxStyle = document.getElementById("viewer-max").style;
	maxStyle.left = max[0] + "%";
	maxStyle.top = max[1] + "%";
	var field = function (name) { return winner.querySelector("dd." + name).textContent; };
	document.getElementById("viewer-caption").textContent = "rank " + field("rank") + " · activation " +
		field("activation") + " · " + field("image") + " · the box is the unit's field, the dot its centre: " +
		field("where");
	image.onload = function () {
		// as large as the window allows, keeping the proportions: the box is placed in percent of the image
		var scale = Math.min(window.innerWidth * 0.85 / image.naturalWidth, window.innerHeight * 0.72 / image.naturalHeight);
		image.style.width = Math.round(image.naturalWidth * scale) + "px";
		image.style.height = Math.round(image.naturalHeight * scale) + "px";
	};
	image.src = winner.getAttribute("data-src");
	image.alt = "the whole image of rank " + field("rank");
	viewer.hidden = false;
	document.getElementById("viewer-close").focus();
}

function closeViewer() {
	document.getElementById("viewer").hidden = true;
}

function setUpUnit() {
	Array.prototype.forEach.call(document.querySelectorAll("li.winner a.open"), function (link) {
		link.addEventListener("click", function (event) {
			event.preventDefault();
			openViewer(link.closest("li.winner"));
		});
	});
	var viewer = document.getElementById("viewer");
	viewer.addEventListener("click", function (event) {
		if (event.target === viewer || event.target.id === "viewer-close") closeViewer();
	});
	document.addEventListener("keydown", function (event) {
		if (event.key === "Escape") closeViewer();
		if (!viewer.hidden || event.altKey || event.ctrlKey || event.metaKey) return;
		var step = event.key === "ArrowLeft" ? "prev" : event.key === "ArrowRight" ? "next" : null;
		var link = step && document.getElementById(step);
		if (link) window.location.href = link.href;
	});
}

document.addEventListener("DOMContentLoaded", function () {
	if (document.body.classList.contains("layer")) setUpLayer();
	if (document.body.classList.contains("unit")) setUpUnit();
});
