// Picks the theme before the first paint, so a dark-theme user never sees a
// white flash. A file (loaded as a blocking classic script in <head>) rather
// than inline, so that the Content-Security-Policy allows no inline script.
(function () {
  try {
    var t = localStorage.getItem("dynptr-play:theme");
    if (t !== "light" && t !== "dark") {
      t = window.matchMedia && matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
    }
    document.documentElement.dataset.theme = t;
  } catch (e) { document.documentElement.dataset.theme = "light"; }
})();
