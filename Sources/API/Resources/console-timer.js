// The running timer's clock (console, /app/timer): counts up from the start time the
// page carries. Comfort only: without it the page shows the start time and how long the
// timer had run when the page was drawn.
(function () {
  "use strict";
  var clock = document.getElementById("timer-elapsed");
  if (!clock) { return; }
  var started = Date.parse(clock.getAttribute("data-started"));
  if (isNaN(started)) { return; }
  function two(n) { return n < 10 ? "0" + n : String(n); }
  function tick() {
    var seconds = Math.max(0, Math.floor((Date.now() - started) / 1000));
    clock.textContent = Math.floor(seconds / 3600) + ":" + two(Math.floor(seconds / 60) % 60) + ":" + two(seconds % 60);
  }
  tick();
  window.setInterval(tick, 1000);
}());
