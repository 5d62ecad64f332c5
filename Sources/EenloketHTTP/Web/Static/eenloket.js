// A little progressive enhancement: every page works without this script.
(function () {
  "use strict";
  // Put the keyboard focus on an error summary, so it is read out first.
  var summary = document.querySelector(".error-summary");
  if (summary) { summary.focus(); }

  // "Copy the link" on the confirmation page.
  document.querySelectorAll(".js-copy").forEach(function (button) {
    var target = document.getElementById(button.getAttribute("data-copy"));
    if (!target || !navigator.clipboard) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(target.textContent.trim()).then(function () {
        button.textContent = "Gekopieerd";
      });
    });
  });

  // Print buttons.
  document.querySelectorAll(".js-print").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
