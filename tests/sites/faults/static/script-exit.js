/* A quick exit that is only a script: it gets its destination when JavaScript runs, so without
   JavaScript the link goes nowhere. */
var link = document.querySelector("[data-quick-exit]");
link.href = link.getAttribute("data-href");
