"""What keyboard and low-vision users see: the option the keyboard is on in an open dropdown list has the
focus ring (dcc only turned its text purple), and a disabled log-scale switch keeps readable text (Bootstrap
halved its opacity: 2.2:1)."""

from __future__ import annotations

from browser_helpers import goto


def _contrast(fg: str, bg: str = "rgb(255, 255, 255)") -> float:
    def lum(rgb: str) -> float:
        parts = [int(float(x)) for x in rgb[rgb.index("(") + 1:rgb.index(")")].split(",")[:3]]
        c = [(v / 255) / 12.92 if v / 255 <= 0.03928 else (((v / 255) + 0.055) / 1.055) ** 2.4 for v in parts]
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]
    a, b = sorted((lum(fg), lum(bg)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def test_the_keyboard_option_in_an_open_list_has_a_visible_ring(page):
    goto(page, "/structure")
    page.locator("#indicator .dash-dropdown, #indicator[tabindex], #indicator button").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector(".dash-dropdown-content [role=listbox]", timeout=10000)
    for _ in range(3):  # from the search box (or the chosen option) to an option below it
        page.keyboard.press("ArrowDown")
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    style = page.evaluate("""() => {
        const opt = document.activeElement && document.activeElement.closest('.dash-options-list-option');
        if (!opt) return null;
        const s = getComputedStyle(opt);
        return {outline: s.outlineStyle, width: parseFloat(s.outlineWidth), bg: s.backgroundColor};
    }""")
    assert style is not None, "the keyboard is on an option"
    assert style["outline"] == "solid" and style["width"] >= 2
    assert style["bg"] not in ("rgba(0, 0, 0, 0)", "rgb(255, 255, 255)")


def test_a_disabled_log_switch_is_readable(page):
    goto(page, "/internationalization?indicator=fdi_inflows_usd&region=CHN~DEU")
    label = "label[for='_dbcprivate_checklist_log_input_log']"
    page.wait_for_function(f"() => document.querySelector(\"{label}\") && "
                           "document.querySelector('#_dbcprivate_checklist_log_input_log').disabled", polling=100)
    got = page.evaluate(f"""() => {{
        const l = document.querySelector("{label}"), r = l.querySelector('.log-reason');
        let o = 1; for (let e = r; e; e = e.parentElement) o *= parseFloat(getComputedStyle(e).opacity);
        return {{opacity: o, color: getComputedStyle(r).color}};
    }}""")
    assert got["opacity"] == 1
    assert _contrast(got["color"]) >= 4.5
