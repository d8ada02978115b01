// Search that matches what people type and paste (issue 9, item 7).
// dcc.Dropdown filters its options in the browser (js-search over value and `search`, each
// typed word a substring of a word, case-insensitive). The options' `search` keys are folded
// on the server (dashboard/model/textsearch.py); this folds the typed text with the same rules and,
// for every option whose folded key holds every folded word, appends the raw typed text to
// its key, so the dropdown's own filter offers it. The search box keeps what was typed.
(function () {
  "use strict";
  var DROP = new Set(Array.from("'\"`\u00b4\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u00ab\u00bb" +
    "\u2039\u203a\u2032\u2033\u2035\u2036\u300c\u300d\u300e\u300f\u301d\u301e\uff07\uff02&\uff06"));
  var KEEP = "-%/.+";
  var DASHES = /[\u2010-\u2015\u2212\u2043\ufe58\ufe63\uff0d]/g;
  var MARK = /\p{Mn}/gu;
  var PUNCT = /\p{P}/u;
  var SEP = " \u2063 "; // invisible separator between an option's folded key and the typed text

  function fold(text) {
    var s = String(text === undefined || text === null ? "" : text).normalize("NFKC");
    s = s.replace(DASHES, "-").normalize("NFKD").replace(MARK, "").toLowerCase().replace(/\u00df/g, "ss");
    var out = "";
    for (var ch of s) {
      if (DROP.has(ch)) { continue; }
      out += (KEEP.indexOf(ch) < 0 && PUNCT.test(ch)) ? " " : ch;
    }
    return out.replace(/\s+/g, " ").trim();
  }

  function baseKey(option) {
    var key = typeof option.search === "string" ? option.search : "";
    var at = key.indexOf(SEP);
    return at < 0 ? key : key.slice(0, at);
  }

  function filterOptions(searchValue, options) {
    var noUpdate = window.dash_clientside.no_update;
    if (!Array.isArray(options)) { return noUpdate; }
    var raw = typeof searchValue === "string" ? searchValue.slice(0, 200) : "";
    var words = fold(raw).split(" ").filter(Boolean);
    var changed = false;
    var out = options.map(function (option) {
      if (!option || typeof option !== "object" || typeof option.search !== "string") { return option; }
      var base = baseKey(option);
      var hit = words.length > 0 && words.every(function (w) { return base.indexOf(w) >= 0; });
      var key = hit && raw.trim() ? base + SEP + raw : base;
      if (key === option.search) { return option; }
      changed = true;
      return Object.assign({}, option, { search: key });
    });
    return changed ? out : noUpdate;
  }

  window.dash_clientside = window.dash_clientside || {};
  window.dash_clientside.dashboard_search = { fold: fold, filterOptions: filterOptions };
})();
