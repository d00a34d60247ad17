// Small enhancements only: every page works without this file.
"use strict";
// Copy buttons: hidden until there is a clipboard to copy to; the text itself stays selectable.
for (const button of document.querySelectorAll("button[data-copy]")) {
  if (!navigator.clipboard) continue;
  button.hidden = false;
  const label = button.textContent;
  button.addEventListener("click", async () => {
    const source = document.getElementById(button.dataset.copy);
    try {
      await navigator.clipboard.writeText(source.textContent.trim());
      button.textContent = button.dataset.copied;
      setTimeout(() => { button.textContent = label; }, 2000);
    } catch {
      // No permission: the text is still there to select by hand.
    }
  });
}
// The link given at intake carries the reporter key in its #fragment, which never reaches a server.
// Here it is moved into the key form and posted, and dropped from the address bar and history.
const keyForm = document.getElementById("key-form");
const match = location.hash.match(/^#kunci=([A-Za-z0-9_ -]{1,64})$/);
if (keyForm && match) {
  history.replaceState(null, "", location.pathname + location.search);
  keyForm.querySelector("input[name=kunci]").value = decodeURIComponent(match[1]);
  keyForm.submit();
}
