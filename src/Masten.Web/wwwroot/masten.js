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

// A report's "Print" button opens the browser's print dialog (hidden by the stylesheet when this file does not run).
document.documentElement.classList.add("js");
document.addEventListener("click", (event) => {
  if (event.target instanceof Element && event.target.closest("button[data-print]")) window.print();
});
