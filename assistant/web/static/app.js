/* Consent Assistant, web front: small progressive enhancement, no framework.
 *
 * The page works without this file: every answer is a form post answered by a redirect.
 * With it, answers are sent without a page load, new messages are added to the live region
 * and the newest gets the focus, the server's idle countdown is shown ("Are you still
 * there?"), and the client's taps and typing are reported so the engine's idle clock knows
 * they are there. The countdown is read from the server each second; no timer logic here.
 */
(function () {
  "use strict";

  var POLL_MS = 1000;
  var TOUCH_EVERY_MS = 5000;
  var busy = false;
  var swaps = 0;
  var lastTouch = 0;
  var stopped = false;

  function page() { return document.body.dataset; }
  function log() { return document.getElementById("log"); }
  function idleDialog() { return document.getElementById("idle"); }

  function post(url, data) {
    return fetch(url, {
      method: "POST",
      body: new URLSearchParams(data),
      credentials: "same-origin",
      cache: "no-store",
      headers: { "Accept": "text/html" }
    });
  }

  // ------------------------------------------------------------ focus

  // The focus goes to the first message of the newest reply, scrolled to the top, so the
  // client reads the reply from its start and the buttons follow below it.
  function focusNewest() {
    var list = log();
    if (!list) { return; }
    var start = list.querySelector("[data-seq=\"" + list.dataset.replyStart + "\"]") ||
      list.lastElementChild;
    if (!start) { return; }
    start.focus({ preventScroll: true });
    start.scrollIntoView({ block: "start" });
  }

  // ------------------------------------------------------------ swapping in the new page

  function lastSeq(list) {
    var last = list.lastElementChild;
    return last ? Number(last.dataset.seq) : 0;
  }

  function replaceById(doc, id) {
    var now = document.getElementById(id);
    var next = doc.getElementById(id);
    if (now && next) { now.replaceWith(document.importNode(next, true)); }
  }

  function mergeLog(doc) {
    var now = log();
    var next = doc.getElementById("log");
    if (now.dataset.generation !== next.dataset.generation) {
      // A new client: nothing of the last one stays.
      now.replaceWith(document.importNode(next, true));
      return;
    }
    now.dataset.replyStart = next.dataset.replyStart;
    var seen = lastSeq(now);
    var first = next.firstElementChild ? Number(next.firstElementChild.dataset.seq) : 0;
    Array.prototype.slice.call(now.children).forEach(function (item) {
      if (Number(item.dataset.seq) < first) { item.remove(); }
    });
    Array.prototype.forEach.call(next.children, function (item) {
      if (Number(item.dataset.seq) > seen) {
        item.removeAttribute("autofocus");
        now.appendChild(document.importNode(item, true));
      }
    });
  }

  function swap(html, keepFocusOn) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    if (!doc.getElementById("log") || !log()) {
      // Not the conversation (an error page): show it as it is, and stop watching the
      // clock; its link leads back, and the server wipes an idle conversation by itself.
      stopped = true;
      document.title = doc.title;
      document.body.replaceWith(document.importNode(doc.body, true));
      return;
    }
    var open = document.querySelector("details.display[open]") !== null;
    document.documentElement.className = doc.documentElement.className;
    var data = doc.body.dataset;
    // The answer panel is replaced only when the conversation moved on, so a display change
    // or "I'm still here" keeps a half-drawn signature and a half-typed answer.
    var moved = data.turn !== page().turn || data.generation !== page().generation;
    page().turn = data.turn;
    page().generation = data.generation;
    page().csrf = data.csrf;
    mergeLog(doc);
    replaceById(doc, "notices");
    if (moved) { replaceById(doc, "panel"); }
    replaceById(doc, "progress");
    var options = document.querySelector(".display-options");
    var nextOptions = doc.querySelector(".display-options");
    if (options && nextOptions) { options.replaceWith(document.importNode(nextOptions, true)); }
    document.querySelector("details.display").open = open;
    syncIdle(doc);
    swaps += 1;
    document.dispatchEvent(new CustomEvent("consent:swapped"));
    var again = keepFocusOn && document.querySelector(keepFocusOn);
    if (again) { again.focus(); } else if (moved) { focusNewest(); }
  }

  function syncIdle(doc) {
    var dialog = idleDialog();
    var next = doc.getElementById("idle");
    if (!dialog || !next) { return; }
    document.getElementById("idle-left").textContent = doc.getElementById("idle-left").textContent;
    if (!next.hasAttribute("open") && dialog.open) { dialog.close(); }
  }

  function setBusy(on) {
    busy = on;
    document.getElementById("main").setAttribute("aria-busy", on ? "true" : "false");
    Array.prototype.forEach.call(document.querySelectorAll("form[data-enhance] button[type=submit]"),
      function (button) { button.disabled = on; });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute("data-enhance") || !window.fetch) { return; }
    event.preventDefault();
    if (busy) { return; }
    var data = new FormData(form);
    var submitter = event.submitter;
    if (submitter && submitter.name) { data.set(submitter.name, submitter.value); }
    var keep = form.classList.contains("display-options") && submitter
      ? ".display-options button[value=\"" + submitter.value + "\"]" : null;
    document.getElementById("send-failed").hidden = true;
    setBusy(true);
    post(form.action, data)
      .then(function (response) { return response.text(); })
      .then(function (html) { setBusy(false); swap(html, keep); })
      .catch(function () {
        setBusy(false);
        document.getElementById("send-failed").hidden = false;
      });
  });

  // ------------------------------------------------------------ idle: the engine's clock

  function showCountdown(seconds) {
    var dialog = idleDialog();
    document.getElementById("idle-left").textContent = String(seconds);
    if (dialog.open && !dialog.matches(":modal")) { dialog.close(); }
    if (!dialog.open) {
      closeDisplayMenu(false);
      dialog.showModal();
      document.getElementById("still-here").focus();
    }
  }

  function poll() {
    if (stopped) { return; }
    var startedAt = swaps;
    fetch("/idle", { credentials: "same-origin", cache: "no-store" })
      .then(function (response) { return response.json(); })
      .then(function (state) {
        if (state.phase === "gone" || state.phase === "expired") {
          location.replace("/");
          return;
        }
        var moved = String(state.generation) !== page().generation ||
          (!busy && startedAt === swaps && String(state.turn) !== page().turn);
        if (moved) { location.replace("/"); return; }
        if (state.phase === "warning") {
          showCountdown(state.seconds_left);
        } else if (idleDialog().open) {
          idleDialog().close();
        }
      })
      .catch(function () { /* the next poll tries again */ })
      .then(function () { window.setTimeout(poll, POLL_MS); });
  }

  function activity() {
    var now = Date.now();
    var counting = idleDialog() && idleDialog().open;
    if (stopped || (!counting && now - lastTouch < TOUCH_EVERY_MS)) { return; }
    lastTouch = now;
    post("/touch", { csrf: page().csrf }).catch(function () { /* best effort */ });
  }

  ["pointerdown", "keydown", "input", "wheel", "scroll"].forEach(function (type) {
    window.addEventListener(type, activity, { capture: true, passive: true });
  });

  // The Display menu closes with Escape or a tap elsewhere, like any menu.
  function closeDisplayMenu(returnFocus) {
    var menu = document.querySelector("details.display[open]");
    if (!menu) { return; }
    menu.open = false;
    if (returnFocus) { menu.querySelector("summary").focus(); }
  }
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { closeDisplayMenu(true); }
  });
  document.addEventListener("click", function (event) {
    var menu = document.querySelector("details.display[open]");
    if (menu && !menu.contains(event.target)) { closeDisplayMenu(false); }
  });

  document.addEventListener("cancel", function (event) {
    // Escape on the countdown means "I'm still here", not "close and keep counting".
    if (event.target === idleDialog()) {
      event.preventDefault();
      document.getElementById("still-here").click();
    }
  }, true);

  // Back/forward cache: a restored snapshot could show an earlier client; load afresh.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) { location.reload(); }
  });

  document.addEventListener("DOMContentLoaded", function () {
    if (!log()) { return; }
    focusNewest();
    var dialog = idleDialog();
    if (dialog.open) { showCountdown(document.getElementById("idle-left").textContent); }
    window.setTimeout(poll, POLL_MS);
  });
})();
