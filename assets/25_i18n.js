/* The language switch (EN / 中文): keep the current page and its view query, change only `lang`.
   Each link's href is "?lang=<code>" (works without JavaScript, from the page's path); with
   JavaScript the click goes to the current URL (as the view state's URL sync left it) with `lang`
   set, as a full page load, so the server renders the page, its frame and <html lang> anew. */
(function () {
  "use strict";
  function switchLink(target) {
    return target && target.closest ? target.closest(".lang-switch a[data-lang]") : null;
  }

  // the current URL with only `lang` changed; the other parameters are kept byte for byte
  // (URLSearchParams would re-encode "~" as %7E)
  function urlFor(link) {
    var parts = window.location.search.replace(/^\?/, "").split("&").filter(function (p) {
      return p !== "" && p.split("=")[0] !== "lang";
    });
    parts.push("lang=" + encodeURIComponent(link.getAttribute("data-lang")));
    return window.location.pathname + "?" + parts.join("&") + window.location.hash;
  }

  // before a link is opened in a new tab, copied or followed, its href carries the current view too
  function refresh(event) {
    var link = switchLink(event.target);
    if (link) { link.setAttribute("href", urlFor(link)); }
  }
  document.addEventListener("pointerover", refresh, true);
  document.addEventListener("focusin", refresh, true);
  document.addEventListener("contextmenu", refresh, true);

  // <html lang> follows the language the page is drawn in (the layout's switch marks it with
  // aria-current): after Back from a switch, the browser may reuse the cached HTML of the other
  // language while Dash draws the layout in the reader's chosen one
  function syncLang() {
    var current = document.querySelector(".lang-switch a[aria-current='true'][data-html-lang]");
    if (!current) { return false; }
    var code = current.getAttribute("data-html-lang");
    if (document.documentElement.getAttribute("lang") !== code) { document.documentElement.setAttribute("lang", code); }
    return true;
  }
  var watcher = new MutationObserver(function () { if (syncLang()) { watcher.disconnect(); } });
  watcher.observe(document.documentElement, {childList: true, subtree: true});
  window.addEventListener("pageshow", syncLang);

  document.addEventListener("click", function (event) {
    var link = switchLink(event.target);
    if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) {
      if (link) { link.setAttribute("href", urlFor(link)); }  // a new tab / window gets the view too
      return;
    }
    event.preventDefault();
    window.location.assign(urlFor(link));
  }, true);
})();
