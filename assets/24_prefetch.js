// Prefetch of a picker's update (issue 14). When a pointer presses on an option of a single-value
// dcc.Dropdown (or Enter is pressed on a focused one), this script sends at once the request that
// Dash will send for that choice, and hands Dash the pending response when its own request comes.
//
// Why: Dash sends a callback request only after the click has ended and the browser has painted a
// frame (its dispatch waits for a timer, and Chromium runs timers after the frame that follows an
// input), 20-30 ms after the press; a person's press lasts ~100 ms before the click. Sent at the
// press, the server's answer is on its way, or already here, when Dash asks for it.
//
// Safe by construction: the request is the one Dash would send, built from Dash's own store (the
// callback spec from /_dash-dependencies and the current prop values) in Dash's payload format, to
// Dash's URL with Dash's headers. Dash's request gets the prefetched response only when its URL and
// body are the same bytes; otherwise (any prop changed in between, another callback, another Dash
// version's format) it goes to the server as usual and the prefetch is dropped. A prefetch that
// fails hands Dash a fresh request. A press that ends without a choice costs one server render,
// which the render cache keeps. Counters in window.dashboardPrefetch.stats (read by the tests);
// window.dashboardPrefetch.enabled = false turns it off (the benchmark's A/B).
(function () {
  "use strict";
  var ENDPOINT = "_dash-update-component";
  var MAX_AGE_MS = 5000;
  var pending = null;  // {url, body, promise, t}
  var stats = { sent: 0, used: 0, dropped: 0 };
  var nativeFetch = window.fetch.bind(window);
  var api = window.dashboardPrefetch = { enabled: true, stats: stats };

  function atPath(obj, path) {
    return path.reduce(function (o, k) { return o == null ? undefined : o[k]; }, obj);
  }

  // the props of component ``id`` in Dash's store (undefined if it is not on the page)
  function propsOf(state, id) {
    var path = state.paths && state.paths.strs && state.paths.strs[id];
    return path ? atPath(state.layout, path.concat(["props"])) : undefined;
  }

  // Dash's request URL and fetch options (dash-renderer actions/callbacks.ts: urlBase, endId,
  // getCSRFHeader, config.fetch)
  function requestOf(config, body) {
    var base = config.requests_pathname_prefix || config.url_base_pathname || "/";
    var url = (base.charAt(base.length - 1) === "/" ? base : base + "/") + ENDPOINT;
    if (config.end_id) url += "?endId=" + config.end_id;
    var fetchConfig = config.fetch || {};
    var headers = Object.assign({}, fetchConfig.headers || {});
    var tokenName = config.csrf_token_name || "_csrf_token";
    var token = document.cookie.split("; ").reduce(function (found, kv) {
      var i = kv.indexOf("=");
      return found || (kv.slice(0, i) === tokenName ? decodeURIComponent(kv.slice(i + 1)) : null);
    }, null);
    if (token) headers[config.csrf_header_name || "X-CSRFToken"] = token;
    return { url: url, init: Object.assign({}, fetchConfig, { method: "POST", headers: headers, body: body }) };
  }

  // The body Dash sends when ``dropdownId``'s value becomes ``value`` (dash-renderer
  // actions/callbacks.ts executeCallback: output, outputs, inputs, changedPropIds,
  // parsedChangedPropsIds, state), or null when it cannot be built the same way: no single server
  // callback takes the value as an input, or one of its ids is a pattern (dict) id.
  function bodyOf(state, dropdownId, value) {
    var deps = state.dependenciesRequest && state.dependenciesRequest.content;
    if (!Array.isArray(deps)) return null;
    var listening = deps.filter(function (d) {
      return (d.inputs || []).some(function (i) { return i.id === dropdownId && i.property === "value"; });
    });
    if (listening.length !== 1 || listening[0].clientside_function) return null;
    var cb = listening[0];
    var deps2 = (cb.inputs || []).concat(cb.state || []);
    if (deps2.some(function (d) { return typeof d.id !== "string" || d.id.charAt(0) === "{"; })) return null;
    if (String(cb.output).indexOf("{") !== -1) return null;
    var val = function (d) {
      if (d.id === dropdownId && d.property === "value") return value;
      var props = propsOf(state, d.id);
      return props ? props[d.property] : undefined;
    };
    var multi = String(cb.output).slice(0, 2) === "..";
    var outputs = (multi ? cb.output.slice(2, -2).split("...") : [cb.output]).map(function (s) {
      var i = s.lastIndexOf(".");
      return { id: s.slice(0, i), property: s.slice(i + 1) };
    });
    var prop = function (d) { return { id: d.id, property: d.property, value: val(d) }; };
    var changed = [dropdownId + ".value"];
    return JSON.stringify({
      output: cb.output,
      outputs: multi ? outputs : outputs[0],
      inputs: cb.inputs.map(prop),
      changedPropIds: changed,
      parsedChangedPropsIds: changed,
      state: cb.state && cb.state.length ? cb.state.map(prop) : undefined
    });
  }

  // The option of ``el`` in an open single-value dcc.Dropdown: {id, value} with the option's real
  // value (a number stays a number), or null (a multi-value or disabled picker or option, the value
  // already chosen, an option not in the picker's list)
  function choiceOf(state, el) {
    var option = el && el.closest && el.closest(".dash-dropdown-content .dash-options-list-option");
    if (!option) return null;
    var input = option.querySelector("input");
    var content = option.closest(".dash-dropdown-content");
    if (!input || input.disabled || !content || !content.id) return null;
    var trigger = document.querySelector('[aria-controls="' + CSS.escape(content.id) + '"]');
    var id = trigger && trigger.id;
    var props = id ? propsOf(state, id) : undefined;
    if (!props || props.multi || props.disabled || !Array.isArray(props.options)) return null;
    var match = props.options.filter(function (o) {
      var v = (o !== null && typeof o === "object") ? o.value : o;
      return String(v) === input.value && !(o !== null && typeof o === "object" && o.disabled);
    });
    if (match.length !== 1) return null;
    var value = (match[0] !== null && typeof match[0] === "object") ? match[0].value : match[0];
    return value === props.value ? null : { id: id, value: value };
  }

  function prefetch(event) {
    var store = window.store;
    if (!api.enabled) return;
    if (!store || typeof store.getState !== "function") return;
    try {
      var state = store.getState();
      var choice = choiceOf(state, event.target);
      if (!choice || !state.config) return;
      var body = bodyOf(state, choice.id, choice.value);
      if (!body) return;
      var req = requestOf(state.config, body);
      pending = { url: req.url, body: body, t: performance.now(), promise: nativeFetch(req.url, req.init) };
      pending.promise.catch(function () { /* Dash's own request is sent instead (see fetch below) */ });
      stats.sent++;
    } catch (err) {
      pending = null;  // never let a prefetch break the choice itself
    }
  }

  window.fetch = function (url, init) {
    if (pending && typeof url === "string" && url.indexOf(ENDPOINT) !== -1) {
      var p = pending;
      pending = null;
      if (url === p.url && init && init.body === p.body && performance.now() - p.t < MAX_AGE_MS) {
        stats.used++;
        return p.promise.catch(function () { return nativeFetch(url, init); });
      }
      stats.dropped++;
    }
    return nativeFetch.apply(window, arguments);
  };

  document.addEventListener("pointerdown", function (e) { if (e.button === 0) prefetch(e); }, true);
  document.addEventListener("keydown", function (e) { if (e.key === "Enter") prefetch(e); }, true);
})();
