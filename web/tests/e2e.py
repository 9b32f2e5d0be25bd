#!/usr/bin/env python3
"""The offline page in a real browser: Debian's Chromium driven by Playwright.

    python3 web/tests/e2e.py --vanban target/debug/vanban --out /tmp/e2e
    python3 web/tests/e2e.py --url http://127.0.0.1:8737/ --out /tmp/e2e

Starts `vanban serve --port 0` (or uses --url), loads the page and:
  1. calls window.vanban.render on the seed JSON with a fixed creation time
     and saves the PDF (api.pdf), to compare with the CLI's;
  2. picks Thông báo, types the seed notice into the form's fields, waits
     for the preview, saves a screenshot, downloads the PDF and the DOCX
     (download.pdf, download.docx) through the page's buttons;
  3. breaks fields (an impossible date, an empty trích yếu) and reads the
     message shown next to each;
  4. opens the built page from a file:// URL too (picking the module's
     files when the browser will not load them by itself) and renders the
     seed there (file.pdf).
What it saw goes to OUT/result.json; the Rust test (crates/vanban-cli/
tests/browser.rs) checks the files. Exit 3 with "SKIPPED: …" when
Playwright or Chromium is missing.
"""

import argparse
import base64
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEED_JSON = ROOT / "samples" / "thong-bao-tien-thang-2025-02.json"
SEED_TEXT = ROOT / "samples" / "thong-bao-tien-thang-2025-02.txt"
CHROMIUM = os.environ.get("VANBAN_CHROMIUM", "/usr/bin/chromium")


def skip(why):
    print(f"SKIPPED: {why}")
    sys.exit(3)


try:
    from playwright.sync_api import sync_playwright
except ImportError:
    skip("Playwright is not installed (python3 -m pip install playwright)")
if not Path(CHROMIUM).exists():
    skip(f"{CHROMIUM} is missing (apt-get install chromium)")

# The form's fields and the text format's header keys they hold
# (web/src/app.js, HEADER); what the form has no field for goes to "khac".
FIELD_OF_KEY = {
    "co quan chu quan": "co_quan_chu_quan",
    "co quan": "co_quan",
    "viet tat": "viet_tat",
    "so": "so",
    "ky hieu": "ky_hieu",
    "dia danh": "dia_danh",
    "ngay": "ngay",
    "trich yeu": "trich_yeu",
    "tham quyen": "tham_quyen",
    "chuc vu": "chuc_vu",
    "nguoi ky": "nguoi_ky",
}
LINES = {"co_quan_chu_quan", "co_quan", "trich_yeu", "tham_quyen"}


def fold(s):
    import unicodedata

    s = unicodedata.normalize("NFD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return " ".join(s.replace("đ", "d").replace("Đ", "d").lower().split())


def seed_fields(text):
    """The seed notice as a person fills the form: one value per field."""
    lines = text.split("\n")
    fields = {k: [] for k in list(FIELD_OF_KEY.values()) + ["khac", "kinh_gui", "noi_dung", "noi_nhan"]}
    kind = None
    i = 0
    while i < len(lines) and lines[i].strip():
        key, _, value = lines[i].partition(":")
        value = value.strip()
        f = fold(key)
        if f == "loai":
            kind = value
        elif f in FIELD_OF_KEY:
            fid = FIELD_OF_KEY[f]
            fields[fid] += [v.strip() for v in value.split("|")] if fid in LINES else [value]
        else:
            fields["khac"].append(lines[i])
        i += 1
    body, j = [], i + 1
    while j < len(lines) and fold(lines[j]) != "noi nhan:":
        body.append(lines[j])
        j += 1
    fields["noi_dung"] = ["\n".join(body).strip("\n")]
    fields["noi_nhan"] = [l[2:] for l in lines[j + 1 :] if l.startswith("- ")]
    return kind, {k: "\n".join(v) for k, v in fields.items()}


def start_server(vanban, dist):
    p = subprocess.Popen(
        [vanban, "serve", "--port", "0", "--dir", str(dist)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    url = p.stdout.readline().strip()
    if not url.startswith("http://127.0.0.1:"):
        p.kill()
        raise SystemExit(f"vanban serve printed {url!r}: {p.stderr.read()}")
    return p, url


B64 = """(bytes) => {
  if (!bytes) return null;
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  return btoa(s);
}"""


def render_in_page(page, source, created):
    """window.vanban.render → (pdf bytes or None, diagnostics)."""
    r = page.evaluate(
        f"""([src, created]) => {{
          const b64 = {B64};
          const r = window.vanban.render(src, {{ creation_time: created, docx: true }});
          return {{ pdf: b64(r.pdf), docx: b64(r.docx), diagnostics: r.diagnostics }};
        }}""",
        [source, created],
    )
    pdf = base64.b64decode(r["pdf"]) if r["pdf"] else None
    return pdf, r["diagnostics"]


def poll(page, fn, arg=None, timeout=20.0):
    """Waits until the JS function `fn` returns true. Polled from here:
    Playwright's wait_for_function evaluates strings, which the page's
    Content-Security-Policy (no 'unsafe-eval') rightly refuses."""
    end = time.monotonic() + timeout
    while True:
        if page.evaluate(fn, arg):
            return
        if time.monotonic() > end:
            raise TimeoutError(f"timed out waiting for {fn}")
        time.sleep(0.05)


def wait_ready(page):
    poll(page, "() => document.documentElement.dataset.ready === '1'", timeout=60)


def settle(page, previous):
    """Waits for the preview to be drawn again after an edit."""
    poll(page, "(v) => Number(document.getElementById('pages').dataset.version) > v", previous)


def version(page):
    return int(page.eval_on_selector("#pages", "e => Number(e.dataset.version || 0)"))


def messages_next_to(page, field):
    return page.eval_on_selector_all(
        f'.field[data-field="{field}"] .msgs .msg', "els => els.map(e => ({cls: e.className, text: e.textContent}))"
    )


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", help="the served page (else --vanban starts one)")
    ap.add_argument("--vanban", help="the vanban binary, to run `vanban serve --port 0`")
    ap.add_argument("--dist", default=str(ROOT / "web" / "dist"))
    ap.add_argument("--out", required=True)
    ap.add_argument("--created", default="2025-03-06T09:00:00")
    ap.add_argument("--screenshot", default=str(ROOT / "docs" / "web-page.png"))
    a = ap.parse_args()
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    dist = Path(a.dist).resolve()
    server = None
    url = a.url
    if not url:
        if not a.vanban:
            raise SystemExit("give --url or --vanban")
        server, url = start_server(a.vanban, dist)
    result = {"url": url, "console_errors": []}
    seed_json = SEED_JSON.read_text(encoding="utf-8")
    kind, fields = seed_fields(SEED_TEXT.read_text(encoding="utf-8"))
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True)
            ctx = browser.new_context(viewport={"width": 1360, "height": 860}, accept_downloads=True)
            page = ctx.new_page()
            page.on("pageerror", lambda e: result["console_errors"].append(str(e)))
            # No network after loading: every request must be to the page's own server.
            requests = []
            page.on("request", lambda r: requests.append(r.url))
            page.goto(url)
            wait_ready(page)
            result["forms"] = page.evaluate("window.vanban.forms().map(f => f.kind)")
            result["options"] = page.eval_on_selector_all("#kind option", "os => os.map(o => o.value)")

            # 1. The module's render on the seed JSON.
            pdf, diags = render_in_page(page, seed_json, a.created)
            (out / "api.pdf").write_bytes(pdf or b"")
            result["api_diagnostics"] = diags

            # Every form's starter goes through the form's fields unchanged:
            # the text the fields give reads as the same document.
            result["forms_changed_by_the_form"] = []
            for k in result["forms"]:
                v = version(page)
                page.select_option("#kind", k)
                settle(page, v)
                page.click("#tab-text")
                same = page.evaluate(
                    """(k) => { const s = window.vanban.starter(k);
                      const text = s.text || window.vanban.toText(s.json);
                      return window.vanban.fromText(text) === window.vanban.fromText(document.getElementById('f-text').value); }""",
                    k,
                )
                page.click("#tab-form")
                if not same:
                    result["forms_changed_by_the_form"].append(k)

            # 2. The seed notice typed into the form.
            page.select_option("#kind", kind)
            if not page.evaluate("document.getElementById('more').open"):
                page.click("#more summary")
            for fid in fields:
                page.fill(f"#f-{fid}", "")
            v = version(page)
            for fid, value in fields.items():
                if not value:
                    continue
                if fid in ("trich_yeu", "nguoi_ky"):
                    page.type(f"#f-{fid}", value, delay=5)  # key by key, as typed
                else:
                    page.fill(f"#f-{fid}", value)
            settle(page, v)
            poll(
                page,
                "() => { const L = window.vanbanPage.layout; return !!L && L.length > 0"
                " && L.some(p => p.items.some(i => i.t === 'text' && i.text.includes('Hạ'))); }",
            )
            result["preview_pages"] = page.evaluate("window.vanbanPage.layout.length")
            result["preview_words"] = page.evaluate(
                "window.vanbanPage.layout.flatMap(p => p.items.filter(i => i.t === 'text').map(i => i.text)).join(' ')"
            )
            result["status"] = page.inner_text("#status")
            # The preview's text in the PDF's font (Liberation Serif, served from fonts/).
            result["preview_fonts"] = page.evaluate(
                "() => Array.from(document.fonts).filter(f => f.family.includes('VB Serif')).map(f => f.status)"
            )
            result["form_diagnostics"] = page.evaluate("window.vanbanPage.diagnostics")
            result["typed_text"] = page.evaluate(
                "(() => { document.getElementById('tab-text').click(); const t = document.getElementById('f-text').value;"
                " document.getElementById('tab-form').click(); return t; })()"
            )
            page.wait_for_timeout(300)
            page.evaluate("document.querySelector('.preview').scrollTop = 0; document.querySelector('.editor').scrollTop = 0")
            page.screenshot(path=a.screenshot)
            for what in ("pdf", "docx"):
                with page.expect_download() as dl:
                    page.click(f"#{what}")
                d = dl.value
                d.save_as(out / f"download.{what}")
                result[f"{what}_name"] = d.suggested_filename

            # 3. Broken fields show their message beside them.
            v = version(page)
            page.fill("#f-ngay", "31/02/2025")
            settle(page, v)
            result["date_messages"] = messages_next_to(page, "ngay")
            page.fill("#f-ngay", "2025")
            v = version(page)
            page.fill("#f-trich_yeu", "")
            settle(page, v)
            result["trich_yeu_messages"] = messages_next_to(page, "trich_yeu")
            result["unplaced_messages"] = page.eval_on_selector_all("#messages .msg", "els => els.map(e => e.textContent)")
            result["pdf_button_disabled_on_error"] = page.is_disabled("#pdf")
            origin = url.rstrip("/")
            result["foreign_requests"] = [
                r for r in requests if not (r.startswith(origin) or r.startswith("blob:") or r.startswith("data:"))
            ]

            # 4. The same page opened from a file.
            fpage = ctx.new_page()
            fpage.on("pageerror", lambda e: result["console_errors"].append("file: " + str(e)))
            fpage.goto((dist / "index.html").as_uri())
            poll(
                fpage,
                "() => document.documentElement.dataset.ready === '1' || !document.getElementById('picker').hidden",
                timeout=60,
            )
            result["file_needed_picker"] = fpage.evaluate("document.documentElement.dataset.ready !== '1'")
            if result["file_needed_picker"]:
                fpage.set_input_files("#picker-files", [str(dist / "vanban.js"), str(dist / "vanban_bg.wasm")])
                wait_ready(fpage)
            fpdf, _ = render_in_page(fpage, seed_json, a.created)
            (out / "file.pdf").write_bytes(fpdf or b"")
            result["file_preview_pages"] = fpage.evaluate("window.vanbanPage.layout ? window.vanbanPage.layout.length : 0")
            browser.close()
    finally:
        if server:
            server.kill()
            server.wait()
    (out / "result.json").write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"ok: {out / 'result.json'}")


if __name__ == "__main__":
    main()
