/* Planted fault: a quick exit that leaves with an ordinary navigation, which adds the
   destination to the history instead of replacing this page, and leaves the links between
   pages to add theirs too; Back then shows the guide. */
(function () {
  "use strict";
  var link = document.querySelector("[data-quick-exit]");
  var presses = 0;
  function leave(event) {
    if (event) { event.preventDefault(); }
    window.location.href = link.href;
  }
  link.addEventListener("click", leave);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { leave(event); }
  });
  document.addEventListener("keyup", function (event) {
    presses = event.key === "Shift" ? presses + 1 : 0;
    if (presses >= 3) { leave(event); }
  });
}());
