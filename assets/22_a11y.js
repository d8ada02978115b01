// Accessibility repairs of markup that Dash 4.4 components render and the app cannot set through
// their props (found by axe-core 4.14.1; see README "Accessibility"). Served from /assets, no inline
// script. Each repair is idempotent and re-applied by a MutationObserver whenever React re-renders.
// Everything the app's own markup can say is said by props in the layouts (labels, roles, names,
// the data table, the chart figures); only these remain, each because no prop reaches it:
//
// - dcc.Dropdown trigger (repairDropdown): Dash hard-codes tabIndex={-1} on the trigger <button>
//   and forwards focus from a hidden <input aria-hidden="true" tabindex="0"> (a Safari work-around
//   in Dropdown.tsx; axe: aria-hidden-focus). The button becomes the tab stop and the forwarding
//   input leaves the tab order. Dash also hard-codes aria-labelledby="<id>-value-count <id>-value",
//   which leaves out the field's <label for>: the button is named by its label followed by the shown
//   values (axe: label-content-name-mismatch; the CSS shows every chosen value and hides the
//   redundant "N selected" count). No Dropdown prop sets tabindex or aria-* on these elements.
// - dcc.Dropdown open list (repairOpenList): the listbox and its popover (role=dialog) are drawn
//   without a name and no prop gives one (axe: aria-input-field-name, aria-dialog-name): they get
//   the field's label.
// - dcc.Dropdown options (repairOption): each option is <label role="option" aria-selected> around
//   the <input> that takes keyboard focus (axe: nested-interactive). The role and the state move onto
//   the focused input, the label stays a plain label naming it (see repairOption).
// - dcc.Slider / RangeSlider thumbs (repairSlider): the thumbs (role=slider) have no accessible name
//   and no prop gives one; each is named by the slider's label, a range slider's by the start / end
//   words the layout puts in data-thumb-labels ("start|end").
// - Printable report charts (.report-graph): a chart wider than a phone screen scrolls sideways, and
//   a scrolling box must take focus for keyboard scrolling (axe: scrollable-region-focusable);
//   dcc.Graph has no tabIndex prop.
// - dcc.Dropdown trigger and the Space key (openOnSpace): the trigger is a <button> that opens on
//   Enter / ArrowDown, but Space, which opens any other button-like picker, did nothing: its keyup
//   opened the list and the button's click (Space activates a button on keyup) toggled it shut again.
//   Space now opens the list as ArrowDown does. No prop changes the trigger's key handling.
// - Scorecard sort buttons (keepSortFocus): a sort is answered with a new table from the server and
//   React draws new header buttons, so the button just pressed leaves the page and the keyboard focus
//   falls back to <body> (the user would Tab again from the top). When that happens, the focus goes
//   to the new button of the same column; it is never taken from an element the user moved to.
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

  var sortFocus = null;  // {id, until}: the sort button pressed last, while its answer is awaited

  function keepSortFocus() {
    if (!sortFocus) { return; }
    if (Date.now() > sortFocus.until) { sortFocus = null; return; }
    var active = document.activeElement;
    if (active && active !== document.body) { return; }
    var button = document.getElementById(sortFocus.id);
    if (button) { button.focus(); sortFocus = null; }
  }

  function repairAll() {
    keepSortFocus();
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

  function isTrigger(el) {
    return !!el && el.matches && el.matches("button.dash-dropdown") && !el.disabled;
  }

  function openOnSpace() {
    // capture phase on document: runs before React's listeners on its root
    document.addEventListener("keydown", function (event) {
      if (event.key === " " && isTrigger(event.target)) {
        event.preventDefault();  // no click on keyup (it would toggle the list shut)
        event.stopPropagation();
      }
    }, true);
    document.addEventListener("keyup", function (event) {
      if (event.key === " " && isTrigger(event.target)) {
        event.preventDefault();
        event.stopPropagation();  // not a search for " "
        event.target.dispatchEvent(new KeyboardEvent("keyup", {key: "ArrowDown", code: "ArrowDown", bubbles: true}));
      }
    }, true);
  }

  function start() {
    repairAll();
    openOnSpace();
    document.addEventListener("click", function (event) {
      var button = event.target.closest && event.target.closest("button.sc-sort[id]");
      if (button && button === document.activeElement) {
        sortFocus = {id: button.id, until: Date.now() + 15000};
      }
    }, true);
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
