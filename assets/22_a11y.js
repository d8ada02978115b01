// Accessibility repairs of markup that Dash 4.4 components render and the app cannot set through
// their props (found by axe-core 4.14; see README "Accessibility"). Served from /assets, no inline
// script. Each repair is idempotent and re-applied by a MutationObserver whenever React re-renders.
//
// - dcc.Dropdown: its trigger <button> has tabindex=-1 and keyboard focus goes through a hidden
//   <input aria-hidden="true" tabindex="0"> that forwards it (axe: aria-hidden-focus). The button
//   itself becomes the tab stop; the forwarding input leaves the tab order. The button is named by
//   its <label for> followed by the shown values (axe: label-content-name-mismatch; the CSS shows
//   every chosen value and hides the redundant "N selected" count); the open
//   list and its popover get the same name (aria-input-field-name, aria-dialog-name); the check
//   boxes drawn inside multi-select options leave the tab order and the accessibility tree (the
//   option's aria-selected carries the state; axe: nested-interactive).
// - dcc.Slider / RangeSlider: each thumb (role=slider) is named by the slider's label, and a range
//   slider's thumbs by the start / end words the layout puts in data-thumb-labels ("start|end").
// - A chart of the printable report that scrolls sideways on a phone can take focus (keyboard
//   scrolling; axe: scrollable-region-focusable).
(function () {
  "use strict";

  function labelText(id) {
    var label = id && document.querySelector('label[for="' + CSS.escape(id) + '"]');
    return label ? label.textContent.trim() : "";
  }

  function labelId(id) {
    var label = id && document.querySelector('label[for="' + CSS.escape(id) + '"]');
    if (!label) { return ""; }
    if (!label.id) { label.id = id + "-label"; }
    return label.id;
  }

  function setAttr(el, name, value) {
    if (el.getAttribute(name) !== value) { el.setAttribute(name, value); }
  }

  function repairDropdown(button) {
    var wrapper = button.parentElement;
    var sink = wrapper && wrapper.querySelector(":scope > .dash-dropdown-focus-target");
    if (sink) {
      setAttr(sink, "tabindex", "-1");
    }
    setAttr(button, "tabindex", button.disabled ? "-1" : "0");
    var lid = labelId(button.id);
    if (lid) {
      setAttr(button, "aria-labelledby", lid + " " + button.id + "-value");
    }
  }

  function repairOpenList(list) {
    // the open list belongs to the dropdown whose button says aria-expanded=true
    var open = document.querySelector("button.dash-dropdown[aria-expanded=true]");
    var name = open ? labelText(open.id) : "";
    if (name) {
      setAttr(list, "aria-label", name);
      var dialog = list.closest("[role=dialog]");
      if (dialog) { setAttr(dialog, "aria-label", name); }
    }
    list.querySelectorAll("label.dash-options-list-option").forEach(repairOption);
  }

  // Dash draws an option as <label role="option" aria-selected> around the <input> that takes the
  // keyboard focus (its list moves focus from input to input, Space/Enter on the input selects):
  // an interactive control nested in an option (axe: nested-interactive). The focused input is the
  // option, so the role and the selected state move onto it and the label becomes a plain label
  // that names it. React sets the label's aria-selected again when the selection changes (the
  // observer sees it): the state is taken from the input's `checked` each time.
  function repairOption(label) {
    var input = label.querySelector("input");
    if (!input) { return; }
    setAttr(input, "role", "option");
    setAttr(input, "aria-selected", input.checked ? "true" : "false");
    if (label.hasAttribute("role")) { label.removeAttribute("role"); }
    if (label.hasAttribute("aria-selected")) { label.removeAttribute("aria-selected"); }
  }

  function repairSlider(container) {
    var name = labelText(container.id);
    var words = (container.closest("[data-thumb-labels]") || container).getAttribute("data-thumb-labels");
    var parts = words ? words.split("|") : [];
    var thumbs = container.querySelectorAll("[role=slider]");
    thumbs.forEach(function (thumb, i) {
      var label = thumbs.length > 1 && parts[i] ? name + " – " + parts[i] : name;
      if (label) { setAttr(thumb, "aria-label", label); }
    });
  }

  function repairAll() {
    document.querySelectorAll("button.dash-dropdown").forEach(repairDropdown);
    document.querySelectorAll(".dash-dropdown-content [role=listbox], .dash-dropdown-options").forEach(repairOpenList);
    document.querySelectorAll(".dash-slider-container[id]").forEach(repairSlider);
    document.querySelectorAll(".report-graph").forEach(function (g) {
      if (!g.hasAttribute("tabindex")) { g.setAttribute("tabindex", "0"); }
    });
  }

  var scheduled = false;
  function schedule() {
    if (scheduled) { return; }
    scheduled = true;
    // a microtask: runs before the next key press is handled, after React's commit
    Promise.resolve().then(function () { scheduled = false; repairAll(); });
  }

  function start() {
    repairAll();
    new MutationObserver(schedule).observe(document.body, {
      subtree: true, childList: true, attributes: true,
      attributeFilter: ["tabindex", "aria-expanded", "aria-labelledby", "disabled", "aria-selected", "role"]
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
