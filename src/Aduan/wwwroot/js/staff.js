// Small enhancements only: every page works without this file.
"use strict";
document.addEventListener("submit", (e) => {
  const form = e.target.closest("form[data-confirm]");
  if (form && !window.confirm(form.dataset.confirm)) {
    e.preventDefault();
  }
});
// Keyboard: Alt+Shift+letter submits the action form marked with data-key (the verification desk).
document.addEventListener("keydown", (e) => {
  if (!e.altKey || !e.shiftKey) return;
  const target = document.querySelector(`[data-key="${e.key.toLowerCase()}"]`);
  if (target) {
    e.preventDefault();
    if (target.tagName === "DETAILS") { target.open = true; target.querySelector("input, select, textarea, button")?.focus(); }
    else target.focus();
  }
});
// Call-center console: earlier reports of the caller's number as it is typed.
const phone = document.querySelector("[data-lookup-phone]");
if (phone) {
  const out = document.getElementById(phone.dataset.lookupPhone);
  let timer;
  phone.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const digits = phone.value.replace(/\D/g, "");
      if (digits.length < 8) { out.innerHTML = ""; return; }
      const res = await fetch(`/staff/callcenter?handler=Earlier&phone=${encodeURIComponent(phone.value)}`, { headers: { "Accept": "text/html" } });
      if (res.ok) out.innerHTML = await res.text();
    }, 300);
  });
}
// A long list of checkboxes (the copies of a dispatch): a filter box that hides the ones not matching.
for (const filter of document.querySelectorAll("[data-filter-checks]")) {
  const list = document.getElementById(filter.dataset.filterChecks);
  for (const el of document.querySelectorAll(`label[for="${filter.id}"], #${filter.id}`)) el.hidden = false;
  filter.addEventListener("input", () => {
    const words = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
    for (const item of list.children) {
      const text = item.textContent.toLowerCase();
      // A checked agency stays visible, so a choice never disappears from sight.
      item.hidden = !item.querySelector("input").checked && !words.every((w) => text.includes(w));
    }
  });
}
