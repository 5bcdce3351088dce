/* Every page: on a phone the header's menu and language choice fold behind two buttons
   (fieldapp.css, "A phone"); after a failed save the error summary takes the focus, and each of
   its lines takes the focus to its field. Without script the header shows whole and the summary
   is still read out (role="alert"). Loaded in <head>, so the header never shows unfolded first. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function fold(button, open) {
    var target = document.getElementById(button.getAttribute("aria-controls"));
    button.setAttribute("aria-expanded", open ? "true" : "false");
    target.classList.toggle("open", open);
  }

  function foldButtons() {
    var buttons = Array.prototype.slice.call(document.querySelectorAll(".fold-button"));
    buttons.forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var open = button.getAttribute("aria-expanded") !== "true";
        // One open at a time: the other would push this one below the screen.
        buttons.forEach(function (other) { if (other !== button) { fold(other, false); } });
        fold(button, open);
      });
    });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") { return; }
      buttons.forEach(function (button) {
        if (button.getAttribute("aria-expanded") === "true") {
          fold(button, false);
          button.focus();
        }
      });
    });
  }

  // The control a summary line names, and what to scroll to so its label shows too.
  function goTo(control) {
    var box = control.closest(".field") || control;
    control.focus({ preventScroll: true });
    box.scrollIntoView({ block: "start" });
    // A legend sits on its box's top edge: keep it whole on the screen.
    window.scrollBy(0, -16);
  }

  function errorSummary() {
    var summary = document.querySelector(".error-summary");
    if (!summary) { return; }
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      var control = link && document.getElementById(link.getAttribute("href").slice(1));
      if (control) {
        event.preventDefault();
        goTo(control);
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    foldButtons();
    errorSummary();
  });
}());
