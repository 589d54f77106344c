/* Quick exit. Without this script the "Leave this site" link still works as a plain link.
   With it: a click, Enter, one Escape press or Shift pressed three times hides the page at
   once, gives the tab a neutral title and replaces this page in the history with the
   destination. Links between pages of this site replace the current page too, so the tab
   holds one page of the site at a time and Back, after leaving, goes to the page before the
   site, not to a page of it. The sticky bar keeps the scroll padding as tall as itself, and
   stops sticking where it would take more than a fifth of the screen. */
(function () {
  "use strict";
  var link = document.querySelector("[data-quick-exit]");
  if (!link) { return; }
  var root = document.documentElement;
  var box = link.closest(".quick-exit");
  var cover = document.querySelector(".quick-exit-cover");
  var hints = document.querySelectorAll(".quick-exit-hint");
  var presses = box && box.querySelector(".quick-exit-presses");
  var destination = link.href;
  var SHIFT_PRESSES = 3;
  var SHIFT_GAP_MS = 5000;  /* each press within this time of the last, as GOV.UK allows */
  var MAX_SHARE = 0.2;      /* the sticky bar's largest share of the viewport's height */
  var shiftCount = 0;
  var shiftTimer = 0;
  var shiftHeld = false;
  var shiftUsed = false;
  var leaving = false;
  var i;

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

  function announce(count) {
    var left = SHIFT_PRESSES - count;
    if (count > 0 && left > 0) {
      link.setAttribute("data-presses", String(count));
    } else {
      link.removeAttribute("data-presses");
    }
    if (presses) {
      presses.textContent = count > 0 && left > 0 ? (box.getAttribute("data-presses-" + left) || "") : "";
    }
  }

  function resetShift() {
    shiftCount = 0;
    window.clearTimeout(shiftTimer);
    announce(0);
  }

  function fit() {
    if (!box) { return; }
    root.classList.remove("quick-exit-unstuck");
    var height = box.getBoundingClientRect().height;
    var fits = height <= window.innerHeight * MAX_SHARE;
    root.classList.toggle("quick-exit-unstuck", !fits);
    root.style.setProperty("--quick-exit-bar", (fits ? Math.ceil(height) : 0) + "px");
  }

  for (i = 0; i < hints.length; i += 1) { hints[i].hidden = false; }
  fit();
  window.addEventListener("resize", fit);
  if (window.ResizeObserver && box) { new ResizeObserver(fit).observe(box); }

  /* Any click on the exit leaves, with or without a modifier key. */
  link.addEventListener("click", leave);

  /* Moving between pages of this site replaces the current page in the tab's history. */
  document.addEventListener("click", function (event) {
    if (event.defaultPrevented || event.button !== 0 || event.shiftKey || event.ctrlKey ||
        event.metaKey || event.altKey) { return; }
    var target = event.target && event.target.closest ? event.target.closest("a[href]") : null;
    if (!target || target === link || target.hasAttribute("download") ||
        (target.target && target.target !== "_self")) { return; }
    var url = new URL(target.href, window.location.href);
    if (url.origin !== window.location.origin || !/^https?:$/.test(url.protocol)) { return; }
    event.preventDefault();
    window.location.replace(url.href);
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" || event.key === "Esc") {
      /* One press leaves; more presses while leaving do not stop it (see quick-exit.css). */
      leave(event);
      return;
    }
    if (event.key === "Shift") {
      if (!event.repeat) { shiftHeld = true; shiftUsed = false; }
      return;
    }
    /* Shift held with another key is typing or a shortcut, not a signal. */
    if (shiftHeld) { shiftUsed = true; }
    resetShift();
  }, true);

  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") { return; }
    shiftHeld = false;
    if (shiftUsed) { shiftUsed = false; return; }
    shiftCount += 1;
    window.clearTimeout(shiftTimer);
    if (shiftCount >= SHIFT_PRESSES) {
      shiftCount = 0;
      leave(event);
      return;
    }
    announce(shiftCount);
    shiftTimer = window.setTimeout(resetShift, SHIFT_GAP_MS);
  }, true);

  /* Shift with a click selects text or opens a link elsewhere: it is not a press. */
  document.addEventListener("pointerdown", function (event) {
    if (shiftHeld || event.shiftKey) { shiftUsed = true; resetShift(); }
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
