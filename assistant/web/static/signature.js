/* Consent Assistant, web front: the signature pad.
 *
 * A canvas that takes a finger, a pen or a mouse through pointer events and keeps the
 * drawing as strokes of points normalised to 0..1 (x to the right, y downwards), the shape
 * the signed PDF draws. The strokes go to the server in the sign form's hidden "strokes"
 * field as JSON. Drawing is optional: the typed name always signs. Without JavaScript the
 * pad stays hidden.
 */
(function () {
  "use strict";

  var MAX_POINTS = 1500;   // the server refuses more than 3000
  var MIN_STEP = 0.004;    // skip points closer than this to the last one

  function clamp(v) { return Math.min(1, Math.max(0, v)); }
  function round(v) { return Math.round(v * 1000) / 1000; }

  var redrawCurrent = null;

  function attach() {
    var pad = document.getElementById("pad");
    if (!pad) { return; }
    if (pad.dataset.ready) {
      // The same pad after a display change: redraw in the new ink colour.
      if (redrawCurrent) { redrawCurrent(); }
      return;
    }
    var canvas = document.getElementById("pad-canvas");
    var field = document.getElementById("strokes");
    var clear = document.getElementById("pad-clear");
    var context = canvas.getContext("2d");
    var strokes = [];
    var current = null;
    var total = 0;
    pad.hidden = false;
    pad.dataset.ready = "1";

    function scale() { return window.devicePixelRatio || 1; }

    function toCanvas(p) { return [p[0] * canvas.width, p[1] * canvas.height]; }

    function drawStroke(stroke) {
      if (!stroke.length) { return; }
      context.beginPath();
      var start = toCanvas(stroke[0]);
      context.moveTo(start[0], start[1]);
      if (stroke.length === 1) {
        context.lineTo(start[0] + 0.5, start[1]);
      }
      for (var i = 1; i < stroke.length; i++) {
        var p = toCanvas(stroke[i]);
        context.lineTo(p[0], p[1]);
      }
      context.stroke();
    }

    function redraw() {
      context.clearRect(0, 0, canvas.width, canvas.height);
      context.lineWidth = 2.5 * scale();
      context.lineCap = "round";
      context.lineJoin = "round";
      context.strokeStyle = window.getComputedStyle(canvas).color;
      strokes.forEach(drawStroke);
    }

    function resize() {
      var box = canvas.getBoundingClientRect();
      canvas.width = Math.max(1, Math.round(box.width * scale()));
      canvas.height = Math.max(1, Math.round(box.height * scale()));
      redraw();
    }

    function point(event) {
      var box = canvas.getBoundingClientRect();
      return [clamp((event.clientX - box.left) / box.width),
              clamp((event.clientY - box.top) / box.height)];
    }

    function save() {
      field.value = strokes.length ? JSON.stringify(strokes.map(function (stroke) {
        return stroke.map(function (p) { return [round(p[0]), round(p[1])]; });
      })) : "";
    }

    function add(p) {
      var last = current[current.length - 1];
      if (last && Math.abs(p[0] - last[0]) < MIN_STEP && Math.abs(p[1] - last[1]) < MIN_STEP) {
        return;
      }
      if (total >= MAX_POINTS) { return; }
      current.push(p);
      total += 1;
    }

    canvas.addEventListener("pointerdown", function (event) {
      if (total >= MAX_POINTS) { return; }
      event.preventDefault();
      canvas.setPointerCapture(event.pointerId);
      current = [];
      strokes.push(current);
      add(point(event));
      redraw();
    });

    canvas.addEventListener("pointermove", function (event) {
      if (!current) { return; }
      event.preventDefault();
      var events = event.getCoalescedEvents ? event.getCoalescedEvents() : [event];
      (events.length ? events : [event]).forEach(function (e) { add(point(e)); });
      redraw();
    });

    function end() {
      if (!current) { return; }
      current = null;
      save();
    }
    canvas.addEventListener("pointerup", end);
    canvas.addEventListener("pointercancel", end);
    canvas.addEventListener("lostpointercapture", end);

    clear.addEventListener("click", function () {
      strokes = [];
      current = null;
      total = 0;
      save();
      redraw();
    });

    // The canvas keeps its drawing whatever changes its size (rotation, large text).
    if (window.ResizeObserver) {
      new ResizeObserver(resize).observe(canvas);
    } else {
      window.addEventListener("resize", resize);
    }
    redrawCurrent = redraw;
    resize();
    save();
  }

  document.addEventListener("DOMContentLoaded", attach);
  document.addEventListener("consent:swapped", attach);
})();
