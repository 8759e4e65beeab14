// Small enhancements; every page works without this file.
// A link in a form's error summary moves keyboard focus to the field it names, not just the view.
// It runs in the capture phase so that it acts before Blazor's link handling.
document.addEventListener("click", (event) => {
  const link = event.target instanceof Element ? event.target.closest(".error-summary a[href*='#']") : null;
  if (!link) return;
  const field = document.getElementById(decodeURIComponent(link.hash.slice(1)));
  if (!field) return;
  event.preventDefault();
  event.stopPropagation();
  field.focus();
  field.scrollIntoView({ block: "center" });
}, true);

// A copy button beside a link shown as text (the invitation link): hidden without this file, where the text is selected
// and copied by hand. It copies the text of the element its data-copy names and says so in a status message.
document.addEventListener("click", async (event) => {
  const button = event.target instanceof Element ? event.target.closest("button[data-copy]") : null;
  if (!button) return;
  const source = document.getElementById(button.dataset.copy);
  if (!source) return;
  await navigator.clipboard.writeText(source.textContent.trim());
  let status = button.parentElement.querySelector(".copied");
  if (!status) {
    status = document.createElement("span");
    status.className = "copied";
    status.setAttribute("role", "status");
    button.after(" ", status);
  }
  status.textContent = button.dataset.copied || "";
});

// A report's "Print" button opens the browser's print dialog; like the copy button it is hidden without this file.
document.addEventListener("click", (event) => {
  if (event.target instanceof Element && event.target.closest("button[data-print]")) window.print();
});

// Buttons that need this file start hidden and are shown here: on the first load, and after each enhanced
// navigation, which brings in new markup without running this file again.
function showScriptButtons() {
  for (const button of document.querySelectorAll("button[data-copy][hidden]"))
    if (navigator.clipboard) button.hidden = false;
  for (const button of document.querySelectorAll("button[data-print][hidden]"))
    button.hidden = false;
}
showScriptButtons();
if (window.Blazor) window.Blazor.addEventListener("enhancedload", showScriptButtons);
