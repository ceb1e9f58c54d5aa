/* Tooltips for the devops domain's term links.
 *
 * Each term link names, with aria-describedby, a hidden block holding the first paragraph
 * of its definition (written once per page). On hover and on keyboard focus this script
 * shows a copy of that paragraph next to the link; Escape, leaving or blurring hides it.
 * Without this script the links are plain links and screen readers still get the text.
 */
(function () {
  "use strict";

  var popup = null;
  var current = null;
  var hideTimer = null;

  function ensurePopup() {
    if (popup) return popup;
    popup = document.createElement("div");
    popup.className = "devops-tooltip-popup";
    // Purely visual: screen readers already get the text through aria-describedby.
    popup.setAttribute("aria-hidden", "true");
    popup.hidden = true;
    popup.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
    popup.addEventListener("mouseleave", scheduleHide);
    document.body.appendChild(popup);
    return popup;
  }

  function place(link) {
    var rect = link.getBoundingClientRect();
    var viewportWidth = document.documentElement.clientWidth;
    var viewportHeight = document.documentElement.clientHeight;
    var width = popup.offsetWidth;
    var height = popup.offsetHeight;
    var left = Math.max(8, Math.min(rect.left, viewportWidth - width - 8));
    var top = rect.bottom + 6;
    if (top + height > viewportHeight && rect.top - 6 - height >= 0) {
      top = rect.top - 6 - height; // no room below: open above the link
    }
    popup.style.left = left + window.scrollX + "px";
    popup.style.top = top + window.scrollY + "px";
  }

  function show(link) {
    var source = document.getElementById(link.getAttribute("aria-describedby"));
    if (!source) return;
    clearTimeout(hideTimer);
    ensurePopup();
    popup.innerHTML = "";
    // A copy without links or ids: nothing focusable in a tooltip, no duplicate anchors.
    var copy = source.cloneNode(true);
    copy.removeAttribute("id");
    copy.querySelectorAll("[id]").forEach(function (node) { node.removeAttribute("id"); });
    copy.querySelectorAll("a").forEach(function (link) {
      var span = document.createElement("span");
      while (link.firstChild) span.appendChild(link.firstChild);
      link.replaceWith(span);
    });
    popup.appendChild(copy);
    popup.hidden = false;
    current = link;
    place(link);
  }

  function hide() {
    clearTimeout(hideTimer);
    if (popup) popup.hidden = true;
    current = null;
  }

  function scheduleHide() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, 150);
  }

  function termLink(target) {
    return target && target.closest ? target.closest("a.devops-term[aria-describedby]") : null;
  }

  document.addEventListener("mouseover", function (event) {
    var link = termLink(event.target);
    if (link && link !== current) show(link);
  });
  document.addEventListener("mouseout", function (event) {
    var link = termLink(event.target);
    if (link && !link.contains(event.relatedTarget)) scheduleHide();
  });
  document.addEventListener("focusin", function (event) {
    var link = termLink(event.target);
    if (link) show(link);
  });
  document.addEventListener("focusout", function (event) {
    if (termLink(event.target)) hide();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && current) hide();
  });
  window.addEventListener("resize", function () { if (current) place(current); });
})();
