/* The scripts box beside the new-session form (templates/_parts.html, scripts_box with groups):
   when the form's target group changes, that group's scripts open first and the others close.
   Without script the box still shows the chosen group's scripts first and every other group's
   under its name. */
(function () {
  "use strict";

  var box = document.querySelector("[data-scripts-box]");
  var select = document.querySelector("select[name=target_group]");
  if (!box || !select) { return; }

  function follow() {
    var groups = box.querySelectorAll("details[data-target-group]");
    if (!groups.length) { return; }
    var first = groups[0];
    Array.prototype.forEach.call(groups, function (group) {
      var chosen = group.getAttribute("data-target-group") === select.value;
      group.open = chosen;
      if (chosen && group !== first) {
        first.parentNode.insertBefore(group, first);
      }
    });
  }

  select.addEventListener("change", follow);
}());
