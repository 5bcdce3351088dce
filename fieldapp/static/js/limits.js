/* Length limits shown as one types: "0 / 2000" beside every field with a limit (data-limit,
   set by forms.Form), and the field marked, with the limit's message, once it is passed.
   Nothing is cut: the server refuses a longer value beside the field, the typing kept. Without
   script the field still shows its limit in words (templates/_forms.html). */
(function () {
  "use strict";

  // As the server counts what the form sends: characters, not UTF-16 units, and a line break
  // sent as two (a browser sends a textarea's line breaks as CR LF).
  function length(value) {
    return Array.from(value).length + (value.match(/\n/g) || []).length;
  }

  function watch(control) {
    var most = parseInt(control.getAttribute("data-limit"), 10);
    if (!(most > 0)) { return; }
    var hint = document.getElementById(control.id + "-limit");
    if (!hint) {
      // A field drawn without templates/_forms.html: its counter goes right after it.
      hint = document.createElement("p");
      hint.className = "hint limit";
      hint.id = control.id + "-limit";
      control.insertAdjacentElement("afterend", hint);
    }
    // The server shows the count of a refused value itself; otherwise one is added.
    var count = hint.querySelector(".limit-count");
    if (!count) {
      count = document.createElement("span");
      count.className = "limit-count";
      hint.appendChild(document.createTextNode(" "));
      hint.appendChild(count);
    }
    var field = control.closest(".field") || control.parentNode;
    var wasOver = null;

    function update() {
      var typed = length(control.value);
      var over = typed > most;
      count.textContent = typed + " / " + most;
      if (over !== wasOver) {
        field.classList.toggle("over-limit", over);
        hint.classList.toggle("limit-over", over);
        // Said once when the limit is passed, not at every key.
        if (over) { hint.setAttribute("role", "alert"); } else { hint.removeAttribute("role"); }
        wasOver = over;
      }
    }
    control.addEventListener("input", update);
    update();
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-limit]"), watch);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
