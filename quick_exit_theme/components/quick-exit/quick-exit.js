/* Quick exit. Without this script the "Leave this site" link still works as a plain link.
   With it: a click, Enter, one Escape press or Shift pressed three times hides the page at
   once, gives the tab a neutral title and replaces this page in the history with the
   destination, so Back does not return here. */
(function () {
  "use strict";
  var link = document.querySelector("[data-quick-exit]");
  if (!link) { return; }
  var root = document.documentElement;
  var box = link.closest(".quick-exit");
  var cover = document.querySelector(".quick-exit-cover");
  var hint = document.querySelector(".quick-exit-hint");
  var destination = link.href;
  var SHIFT_PRESSES = 3;
  var SHIFT_GAP_MS = 2000;  /* each press within this time of the last */
  var shiftTimes = [];
  var leaving = false;

  function hide() {
    root.classList.add("quick-exit-leaving");
    if (cover) {
      cover.hidden = false;
      /* The status is written once the cover shows, so that screen readers announce it. */
      var status = cover.querySelector("[role=status]");
      if (status && !status.textContent) { status.textContent = cover.getAttribute("data-status") || ""; }
    }
    document.title = (box && box.getAttribute("data-neutral-title")) || ".";
  }

  function leave(event) {
    if (event) { event.preventDefault(); }
    hide();
    leaving = true;
    window.location.replace(destination);
  }

  if (hint) { hint.hidden = false; }
  link.addEventListener("click", leave);

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" || event.key === "Esc") {
      /* Escape can stop a navigation that is under way: ask for it again instead. */
      leave(event);
      return;
    }
    if (event.key !== "Shift") {
      shiftTimes = [];  /* Shift used with another key is typing, not a signal. */
      return;
    }
    if (event.repeat) { return; }
    var now = Date.now();
    if (shiftTimes.length && now - shiftTimes[shiftTimes.length - 1] > SHIFT_GAP_MS) {
      shiftTimes = [];
    }
    shiftTimes.push(now);
    if (shiftTimes.length >= SHIFT_PRESSES) {
      shiftTimes = [];
      leave(event);
    }
  }, true);

  /* A page restored from the back/forward cache keeps its cover and leaves again. */
  window.addEventListener("pageshow", function (event) {
    if (event.persisted && (leaving || root.classList.contains("quick-exit-leaving"))) {
      hide();
      window.location.replace(destination);
    }
  });
  window.addEventListener("pagehide", function () {
    if (leaving) { hide(); }
  });
}());
