// The desk's only script: a file box shows its button and the chosen file's name in Vietnamese,
// whatever the browser's language (the browser's own box says "Choose File" in English).
document.addEventListener("change", function (e) {
  var input = e.target;
  if (!input.matches || !input.matches("input[type=file].pick")) return;
  var shown = input.parentNode.querySelector(".file-name");
  if (!shown) return;
  var names = Array.prototype.map.call(input.files || [], function (f) { return f.name; });
  shown.textContent = names.length ? names.join(", ") : shown.getAttribute("data-empty");
});
