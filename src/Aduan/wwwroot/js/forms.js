// Small enhancements only: every page works without this file.
"use strict";
// A refused form: its error summary (ErrorSummaryTagHelper) takes focus, so a phone user sees it and a
// screen reader reads it; each of its links puts the cursor in its field (the first choice of a group).
const summary = document.getElementById("error-summary");
if (summary) {
  summary.focus();
  summary.addEventListener("click", (e) => {
    const link = e.target.closest("a[href^='#']");
    const target = link && document.getElementById(decodeURIComponent(link.hash.slice(1)));
    const field = target && (target.matches("input, select, textarea") ? target : target.querySelector("input, select, textarea"));
    if (!field) return;
    e.preventDefault();
    const details = field.closest("details");
    if (details) details.open = true;
    field.focus({ preventScroll: true });
    (field.closest(".field, fieldset") ?? field).scrollIntoView({ block: "start" });
  });
}
