/* The language switch (EN / 中文): keep the current page and its view query, change only `lang`.
   Each link's href is "?lang=<code>" (works without JavaScript, from the page's path); with
   JavaScript the click goes to the current URL (as the view state's URL sync left it) with `lang`
   set, as a full page load, so the server renders the page, its frame and <html lang> anew. */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var link = event.target && event.target.closest ? event.target.closest(".lang-switch a[data-lang]") : null;
    if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) {
      return;
    }
    // the other parameters are kept byte for byte (URLSearchParams would re-encode "~" as %7E)
    var parts = window.location.search.replace(/^\?/, "").split("&").filter(function (p) {
      return p !== "" && p.split("=")[0] !== "lang";
    });
    parts.push("lang=" + encodeURIComponent(link.getAttribute("data-lang")));
    event.preventDefault();
    window.location.assign(window.location.pathname + "?" + parts.join("&") + window.location.hash);
  }, true);
})();
