// The offline page: a form (or the pasted text) → the text format → the
// module's layout() drawn on canvases, check()'s messages beside the
// fields, render() for the downloads. A classic script, not a module:
// Chromium refuses module scripts on a file:// page, and this one must
// open from a file too (the module itself is then loaded from a blob of
// the files the user picks).
(function () {
  "use strict";

  const $ = (id) => document.getElementById(id);
  const DEBOUNCE_MS = 150;

  // ---------------------------------------------------------------------
  // The text format's header keys the form has a field for (see
  // crates/vanban-core/src/text_format.rs). Keys are compared folded:
  // lower case, no diacritics, đ → d.
  const HEADER = [
    // [field id, key as printed, several lines?]
    ["co_quan_chu_quan", "cơ quan chủ quản", true],
    ["co_quan", "cơ quan", true],
    ["viet_tat", "viết tắt", false],
    ["so", "số", false],
    ["ky_hieu", "ký hiệu", false],
    ["dia_danh", "địa danh", false],
    ["ngay", "ngày", false],
    ["trich_yeu", "trích yếu", true],
    ["tham_quyen", "thẩm quyền", true],
    ["chuc_vu", "chức vụ", false],
    ["nguoi_ky", "người ký", false],
  ];
  const TEXT_FIELDS = HEADER.map((h) => h[0]).concat(["kinh_gui", "noi_dung", "noi_nhan", "khac"]);

  // A diagnostic's model path → the field that edits it (first match wins).
  const PATHS = [
    ["issuer.superior", "co_quan_chu_quan"],
    ["issuer.abbreviation", "viet_tat"],
    ["issuer.full_name", "khac"],
    ["issuer", "co_quan"],
    ["so_hieu.ky_hieu", "ky_hieu"],
    ["so_hieu.unit", "khac"],
    ["so_hieu", "so"],
    ["place", "dia_danh"],
    ["date", "ngay"],
    ["trich_yeu", "trich_yeu"],
    ["kinh_gui", "kinh_gui"],
    ["can_cu", "noi_dung"],
    ["body", "noi_dung"],
    ["noi_nhan", "noi_nhan"],
    ["signature.authority", "tham_quyen"],
    ["signature.post", "chuc_vu"],
    ["signature.name", "nguoi_ky"],
    ["signature", "nguoi_ky"],
    ["co_signers", "khac"],
    ["authority", "khac"],
    ["intro", "khac"],
    ["draft", "khac"],
    ["footer", "khac"],
    ["metadata", "khac"],
  ];

  function fold(s) {
    return s
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[đĐ]/g, "d")
      .toLowerCase()
      .replace(/\s+/g, " ")
      .trim();
  }
  const HEADER_BY_KEY = new Map(HEADER.map((h) => [fold(h[1]), h]));

  let api = null; // the module
  let forms = []; // [{kind, mau, name_vi, name_en}]
  let mode = "form"; // "form" | "text"
  let kindRaw = ""; // the `loại:` value as typed
  let tail = ""; // what follows the Nơi nhận (a ```json block), kept as is
  let lineOwner = []; // text line (1-based) → [field, line within the field]
  let lastStarter = null; // the text of the last starter loaded
  let timer = 0;
  const state = { version: 0, layout: null, diagnostics: [] };

  // ---------------------------------------------------------------------
  // Text format ⇄ fields

  /** The text format split into the form's fields. */
  function parseText(text) {
    const lines = text.replace(/\r\n?/g, "\n").split("\n");
    const f = Object.fromEntries(TEXT_FIELDS.map((k) => [k, []]));
    let kind = "";
    let i = 0;
    for (; i < lines.length; i++) {
      const l = lines[i];
      if (l.trim() === "" || l.trim() === "---") {
        i++;
        break;
      }
      const m = /^([^:]+):(.*)$/.exec(l);
      const key = m ? fold(m[1]) : "";
      const value = m ? m[2].trim() : "";
      if (key === "loai") {
        kind = value;
      } else if (HEADER_BY_KEY.has(key)) {
        const [id, , multi] = HEADER_BY_KEY.get(key);
        const vs = multi ? value.split("|").map((v) => v.trim()) : [value];
        f[id].push(...vs);
      } else {
        f.khac.push(l);
      }
    }
    // Body, up to the `Nơi nhận:` line (not indented).
    const body = [];
    for (; i < lines.length; i++) {
      if (!/^\s/.test(lines[i]) && fold(lines[i]) === "noi nhan:") {
        i++;
        break;
      }
      body.push(lines[i]);
    }
    while (body.length && body[0].trim() === "") body.shift();
    // Kính gửi, when the body starts with it.
    if (body.length && /^kinh gui:/.test(fold(body[0]))) {
      const rest = body[0].slice(body[0].indexOf(":") + 1).trim();
      body.shift();
      if (rest) {
        f.kinh_gui.push(rest);
      } else {
        while (body.length && /^\s*-( |$)/.test(body[0])) {
          f.kinh_gui.push(body.shift().replace(/^\s*-\s?/, ""));
        }
      }
    }
    while (body.length && body[0].trim() === "") body.shift();
    while (body.length && body[body.length - 1].trim() === "") body.pop();
    f.noi_dung = body;
    // Nơi nhận entries, then whatever follows (the JSON block).
    let rest = [];
    for (; i < lines.length; i++) {
      const l = lines[i];
      if (/^\s*-( |$)/.test(l)) {
        f.noi_nhan.push(l.replace(/^\s*-\s?/, ""));
      } else if (l.trim() === "" && !lines.slice(i).some((x) => /^\s*-( |$)/.test(x))) {
        rest = lines.slice(i);
        break;
      } else if (l.trim() !== "") {
        rest = lines.slice(i);
        break;
      }
    }
    while (rest.length && rest[0].trim() === "") rest.shift();
    while (rest.length && rest[rest.length - 1].trim() === "") rest.pop();
    const out = {};
    for (const k of TEXT_FIELDS) out[k] = f[k].join("\n");
    return { kind, fields: out, tail: rest.join("\n") };
  }

  /** The form's fields as the text format, and which field each line came from. */
  function buildText(kind, fields, tailText) {
    const out = [];
    const owner = [];
    const push = (line, field, sub) => {
      out.push(line);
      owner.push(field ? [field, sub] : null);
    };
    const split = (s) => s.replace(/\r\n?/g, "\n").split("\n");
    push(`loại: ${kind}`, "kind", 0);
    for (const [id, key, multi] of HEADER) {
      const ls = split(fields[id] || "");
      ls.forEach((v, n) => {
        v = v.trim();
        if (v === "") return;
        if (!multi && n > 0) return;
        push(`${key}: ${v}`, id, n);
      });
    }
    split(fields.khac || "").forEach((v, n) => {
      if (v.trim() !== "") push(v.trim(), "khac", n);
    });
    push("", null);
    const kg = split(fields.kinh_gui || "")
      .map((v) => v.trim())
      .filter((v) => v !== "");
    if (kg.length === 1) {
      push(`Kính gửi: ${kg[0]}`, "kinh_gui", 0);
      push("", null);
    } else if (kg.length > 1) {
      push("Kính gửi:", "kinh_gui", 0);
      kg.forEach((v, n) => push(`- ${v}`, "kinh_gui", n));
      push("", null);
    }
    const body = split(fields.noi_dung || "");
    while (body.length && body[body.length - 1].trim() === "") body.pop();
    body.forEach((v, n) => push(v, "noi_dung", n));
    const nn = split(fields.noi_nhan || "")
      .map((v) => v.trim().replace(/^-\s*/, ""))
      .filter((v) => v !== "");
    if (nn.length) {
      push("", null);
      push("Nơi nhận:", "noi_nhan", 0);
      nn.forEach((v, n) => push(`- ${v}`, "noi_nhan", n));
    }
    if (tailText && tailText.trim()) {
      push("", null);
      split(tailText).forEach((v) => push(v, "text", 0));
    }
    return { text: out.join("\n") + "\n", owner };
  }

  function readFields() {
    const f = {};
    for (const k of TEXT_FIELDS) f[k] = $("f-" + k).value;
    return f;
  }

  function fillFields(parsed) {
    for (const k of TEXT_FIELDS) {
      const el = $("f-" + k);
      el.value = parsed.fields[k] || "";
      if (el.tagName === "TEXTAREA") fitRows(el);
    }
    kindRaw = parsed.kind;
    tail = parsed.tail;
    $("more").open = (parsed.fields.khac || "").trim() !== "" || !!tail;
    syncKindSelect();
  }

  function fitRows(el) {
    if (el.id === "f-noi_dung" || el.id === "f-text") return;
    el.rows = Math.max(1, Math.min(12, el.value.split("\n").length));
  }

  /** The document as the module reads it, and in which format. */
  function currentInput() {
    if (mode === "text") {
      return { input: $("f-text").value, format: "auto" };
    }
    const kind = $("kind").value || kindRaw;
    const built = buildText(kind, readFields(), tail);
    lineOwner = built.owner;
    return { input: built.text, format: "text" };
  }

  function syncKindSelect() {
    const sel = $("kind");
    const f = fold(kindRaw);
    const hit = forms.find((x) => x.kind === kindRaw || fold(x.name_vi) === f || x.kind === f.replace(/ /g, "-"));
    let custom = sel.querySelector("option[data-custom]");
    if (hit) {
      if (custom) custom.remove();
      sel.value = hit.kind;
    } else {
      if (!custom) {
        custom = document.createElement("option");
        custom.dataset.custom = "1";
        sel.prepend(custom);
      }
      custom.value = kindRaw;
      custom.textContent = kindRaw ? `${kindRaw} (không rõ loại)` : "(chưa chọn loại)";
      sel.value = kindRaw;
    }
  }

  // ---------------------------------------------------------------------
  // Preview: the layout's frames on canvases.

  const FONT = { R: "", B: "bold ", I: "italic ", BI: "italic bold " };

  function drawPages(pages) {
    const box = $("pages");
    const avail = Math.max(200, box.parentElement.clientWidth - 32);
    const dpr = window.devicePixelRatio || 1;
    if (!pages.length) {
      box.innerHTML = '<p class="empty">Chưa có trang để xem.</p>';
      return;
    }
    const empty = box.querySelector(".empty");
    if (empty) empty.remove();
    let canvases = box.querySelectorAll("canvas");
    for (let i = canvases.length; i < pages.length; i++) {
      const c = document.createElement("canvas");
      c.setAttribute("role", "img");
      box.appendChild(c);
    }
    canvases = box.querySelectorAll("canvas");
    for (let i = pages.length; i < canvases.length; i++) canvases[i].remove();
    pages.forEach((page, i) => {
      const c = canvases[i];
      const scale = Math.min(avail / page.width, 1.5);
      const w = Math.round(page.width * scale);
      const h = Math.round(page.height * scale);
      c.style.width = w + "px";
      c.style.height = h + "px";
      c.width = Math.round(w * dpr);
      c.height = Math.round(h * dpr);
      c.setAttribute("aria-label", `Trang ${i + 1}/${pages.length}`);
      const ctx = c.getContext("2d");
      ctx.setTransform(dpr * scale, 0, 0, dpr * scale, 0, 0);
      ctx.fillStyle = "#fff";
      ctx.fillRect(0, 0, page.width, page.height);
      ctx.fillStyle = "#000";
      ctx.strokeStyle = "#000";
      ctx.textBaseline = "alphabetic";
      for (const it of page.items) drawItem(ctx, it);
    });
  }

  function drawItem(ctx, it) {
    switch (it.t) {
      case "text": {
        ctx.font = `${FONT[it.font] || ""}${it.size}px "VB Serif", "Liberation Serif", "Times New Roman", serif`;
        if ("wordSpacing" in ctx) ctx.wordSpacing = (it.ws || 0) + "px";
        if (it.w && it.text.length > 1) {
          // Stretched to the width the layout gave it (justified lines).
          const natural = ctx.measureText(it.text).width;
          if (natural > 0 && Math.abs(natural - it.w) > 0.01 && !it.ws) {
            ctx.save();
            ctx.translate(it.x, it.y);
            ctx.scale(it.w / natural, 1);
            ctx.fillText(it.text, 0, 0);
            ctx.restore();
            break;
          }
        }
        ctx.fillText(it.text, it.x, it.y);
        break;
      }
      case "line":
        ctx.lineWidth = it.w || 0.5;
        ctx.beginPath();
        ctx.moveTo(it.x1, it.y1);
        ctx.lineTo(it.x2, it.y2);
        ctx.stroke();
        break;
      case "rect":
        if (it.fill) {
          ctx.fillStyle = typeof it.fill === "string" ? it.fill : "#000";
          ctx.fillRect(it.x, it.y, it.w, it.h);
          ctx.fillStyle = "#000";
        } else {
          ctx.lineWidth = it.lw || 0.5;
          ctx.strokeRect(it.x, it.y, it.w, it.h);
        }
        break;
      case "image":
        // The picture itself stays in the PDF; its place is shown.
        ctx.save();
        ctx.fillStyle = "rgba(180, 40, 40, 0.08)";
        ctx.fillRect(it.x, it.y, it.w, it.h);
        ctx.restore();
        break;
      default:
        break;
    }
  }

  // ---------------------------------------------------------------------
  // Messages beside the fields

  function fieldForPath(path) {
    if (!path) return null;
    for (const [prefix, id] of PATHS) {
      if (path === prefix || path.startsWith(prefix + ".") || path.startsWith(prefix + "[")) return id;
    }
    return null;
  }

  function clearMessages() {
    document.querySelectorAll(".field .msgs").forEach((ul) => ul.remove());
    document.querySelectorAll(".field.has-error, .field.has-warning").forEach((el) => {
      el.classList.remove("has-error", "has-warning");
    });
    $("messages").textContent = "";
  }

  function messageItem(d, prefix) {
    const li = document.createElement("li");
    const sev = d.severity === "error" || d.severity === "warning" ? d.severity : "info";
    li.className = "msg " + sev;
    li.dataset.code = d.code || "";
    if (d.field) li.dataset.path = d.field;
    li.textContent = (prefix || "") + d.message;
    if (d.fix) {
      const fix = document.createElement("span");
      fix.className = "fix";
      fix.textContent = ` → ${d.fix}`;
      li.appendChild(fix);
    }
    return li;
  }

  function placeFor(d) {
    // The line first (it names what was typed), then the model path.
    if (mode === "form") {
      if (d.line && lineOwner[d.line - 1]) {
        const [id] = lineOwner[d.line - 1];
        if (id && id !== "kind" && id !== "text") return { id, prefix: "" };
      }
      const id = fieldForPath(d.field);
      if (id) return { id, prefix: "" };
      return null;
    }
    if (d.line) return { id: "text", prefix: linePrefix(d) };
    return null;
  }

  /** `Dòng 7: `, unless the message already starts by naming its line. */
  function linePrefix(d) {
    if (!d.line || /^d[oò]ng \d+/i.test(d.message || "")) return "";
    return `Dòng ${d.line}: `;
  }

  function showMessages(diags) {
    clearMessages();
    const rest = [];
    for (const d of diags) {
      const place = placeFor(d);
      const box = place && document.querySelector(`.field[data-field="${place.id}"]`);
      if (!box) {
        rest.push(d);
        continue;
      }
      if (place.id === "khac") $("more").open = true;
      let ul = box.querySelector(".msgs");
      if (!ul) {
        ul = document.createElement("ul");
        ul.className = "msgs";
        box.appendChild(ul);
      }
      ul.appendChild(messageItem(d, place.prefix));
      if (d.severity === "error") box.classList.add("has-error");
      else if (d.severity === "warning") box.classList.add("has-warning");
    }
    const list = $("messages");
    for (const d of rest) list.appendChild(messageItem(d, linePrefix(d)));
    if (!diags.some((d) => d.severity === "error" || d.severity === "warning")) {
      const ok = document.createElement("li");
      ok.className = "ok";
      ok.textContent = "✔ Không có lỗi hay cảnh báo.";
      list.appendChild(ok);
    }
  }

  // ---------------------------------------------------------------------
  // Update cycle

  function status(text, isError) {
    const s = $("status");
    s.textContent = text;
    s.classList.toggle("error", !!isError);
  }

  function update() {
    clearTimeout(timer);
    timer = 0;
    if (!api) return;
    const { input, format } = currentInput();
    let diags = [];
    let pages = [];
    try {
      const lay = api.layout(input, { format, lang: "vi" });
      pages = (lay && lay.pages) || [];
      diags = (lay && lay.diagnostics) || [];
      const checked = api.check(input, { format, lang: "vi" }) || [];
      // check() says everything layout() says and more; keep one of each.
      const seen = new Set();
      diags = diags.concat(checked).filter((d) => {
        const k = `${d.severity}|${d.code}|${d.field}|${d.line}|${d.message}`;
        if (seen.has(k)) return false;
        seen.add(k);
        return true;
      });
    } catch (e) {
      diags = [{ severity: "error", code: "page", field: null, line: null, message: String(e) }];
    }
    if (pages.length) drawPages(pages);
    else if (!state.layout) drawPages([]);
    showMessages(diags);
    const errors = diags.filter((d) => d.severity === "error").length;
    state.version += 1;
    state.layout = pages.length ? pages : state.layout;
    state.diagnostics = diags;
    state.pages = pages.length;
    $("pages").dataset.version = String(state.version);
    $("pages").dataset.pages = String(pages.length);
    status(
      errors
        ? `${errors} lỗi — xem chữ đỏ bên cạnh các ô`
        : `${pages.length} trang${pages.length ? " — sẵn sàng tải về" : ""}`,
      errors > 0,
    );
    $("pdf").disabled = $("docx").disabled = !pages.length || errors > 0;
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(update, DEBOUNCE_MS);
  }

  // ---------------------------------------------------------------------
  // Downloads

  function fileStem() {
    const k = $("kind").value || "van-ban";
    const so = $("f-so").value.trim();
    return (so ? `${k}-so-${so}` : k).replace(/[^0-9A-Za-z._-]+/g, "-");
  }

  function download(what) {
    if (!api) return;
    const { input, format } = currentInput();
    const r = api.render(input, { format, lang: "vi", pdf: what === "pdf", docx: what === "docx" });
    const bytes = r && r[what];
    if (!bytes) {
      showMessages((r && r.diagnostics) || []);
      status(`Không tạo được tệp ${what.toUpperCase()}: xem các lỗi`, true);
      return;
    }
    const type =
      what === "pdf"
        ? "application/pdf"
        : "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    const url = URL.createObjectURL(new Blob([bytes], { type }));
    const a = document.createElement("a");
    a.href = url;
    a.download = `${fileStem()}.${what}`;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
    status(`Đã tải ${a.download}`);
  }

  // ---------------------------------------------------------------------
  // Forms and tabs

  function starterText(kind) {
    const s = api.starter(kind);
    if (!s) return "";
    return s.text || api.toText(s.json);
  }

  function loadStarter(kind) {
    setText(starterText(kind));
    // As the page writes it back: what "untouched" is compared with.
    lastStarter = currentInput().input;
  }

  /** Puts a whole document into the page (into the current tab). */
  function setText(text) {
    if (mode === "text") {
      $("f-text").value = text;
    } else {
      fillFields(parseText(text));
    }
    update();
  }

  function onKindChange() {
    const kind = $("kind").value;
    const current = currentInput().input;
    const untouched = lastStarter === null || sameDoc(current, lastStarter);
    if (untouched) {
      loadStarter(kind);
      return;
    }
    // Something was typed: keep it, change only the kind.
    kindRaw = kind;
    if (mode === "text") {
      const t = $("f-text").value;
      $("f-text").value = /^loại:.*$/im.test(t) ? t.replace(/^(lo[aạ]i):.*$/im, `$1: ${kind}`) : `loại: ${kind}\n${t}`;
    }
    update();
  }

  /** The same document but for its kind (the select has already changed). */
  function sameDoc(a, b) {
    const norm = (s) =>
      s
        .replace(/^loại:.*$/m, "")
        .replace(/\s+/g, " ")
        .trim();
    return norm(a) === norm(b);
  }

  function switchTab(to) {
    if (to === mode) return;
    if (to === "text") {
      $("f-text").value = currentInput().input;
    } else {
      let t = $("f-text").value;
      if (/^\s*\{/.test(t)) {
        try {
          t = api.toText(t);
        } catch (e) {
          status("JSON này chưa đọc được; sửa ở thẻ “Dán văn bản” trước", true);
          return;
        }
      }
      fillFields(parseText(t));
    }
    mode = to;
    $("fields").hidden = to !== "form";
    $("paste").hidden = to !== "text";
    $("tab-form").setAttribute("aria-selected", String(to === "form"));
    $("tab-text").setAttribute("aria-selected", String(to === "text"));
    update();
  }

  // ---------------------------------------------------------------------
  // Loading the module

  async function importModule(url, wasm) {
    const m = await import(url);
    if (wasm !== undefined) await m.default({ module_or_path: wasm });
    else await m.default();
    return m;
  }

  /** From the page's folder, else (file://) from files picked by hand. */
  async function loadModule() {
    try {
      return await importModule(new URL("vanban.js", document.baseURI).href);
    } catch (e) {
      if (location.protocol !== "file:") throw e;
    }
    return pickModule();
  }

  function pickModule() {
    $("picker").hidden = false;
    status("Chọn vanban.js và vanban_bg.wasm", true);
    return new Promise((resolve) => {
      $("picker-files").addEventListener("change", async (ev) => {
        const files = Array.from(ev.target.files || []);
        const js = files.find((f) => f.name.endsWith(".js"));
        const wasm = files.find((f) => f.name.endsWith(".wasm"));
        const err = $("picker-error");
        if (!js || !wasm) {
          err.hidden = false;
          err.textContent = "Cần cả hai tệp: vanban.js và vanban_bg.wasm.";
          return;
        }
        try {
          const url = URL.createObjectURL(new Blob([await js.text()], { type: "text/javascript" }));
          const m = await importModule(url, new Uint8Array(await wasm.arrayBuffer()));
          $("picker").hidden = true;
          resolve(m);
        } catch (e) {
          err.hidden = false;
          err.textContent = `Không nạp được mô-đun: ${e}`;
        }
      });
    });
  }

  async function fontsReady() {
    if (!document.fonts) return;
    const faces = ["", "bold ", "italic ", "italic bold "].map((s) => document.fonts.load(`${s}12px "VB Serif"`, "Ấy"));
    try {
      await Promise.all(faces);
    } catch (e) {
      // The preview falls back to the browser's serif.
    }
  }

  async function start() {
    let m;
    try {
      [m] = await Promise.all([loadModule(), fontsReady()]);
    } catch (e) {
      status(`Không nạp được mô-đun vanban: ${e}`, true);
      throw e;
    }
    api = m;
    window.vanban = {
      render: m.render,
      check: m.check,
      layout: m.layout,
      forms: m.forms,
      starter: m.starter,
      toText: m.toText,
      fromText: m.fromText,
    };
    window.vanbanPage = state;
    forms = api.forms();
    const sel = $("kind");
    sel.textContent = "";
    for (const f of forms) {
      const o = document.createElement("option");
      o.value = f.kind;
      o.textContent = f.mau ? `${f.name_vi} (Mẫu ${f.mau})` : f.name_vi;
      sel.appendChild(o);
    }
    sel.disabled = false;
    $("starter").disabled = false;
    const first = forms.find((f) => f.kind === "thong-bao") || forms[0];
    sel.value = first.kind;
    loadStarter(first.kind);
    document.documentElement.dataset.ready = "1";
    window.dispatchEvent(new Event("vanban-ready"));
  }

  // ---------------------------------------------------------------------

  function wire() {
    for (const k of TEXT_FIELDS.concat(["text"])) {
      $("f-" + k).addEventListener("input", (ev) => {
        if (ev.target.tagName === "TEXTAREA") fitRows(ev.target);
        schedule();
      });
    }
    $("kind").addEventListener("change", onKindChange);
    $("starter").addEventListener("click", () => loadStarter($("kind").value));
    $("tab-form").addEventListener("click", () => switchTab("form"));
    $("tab-text").addEventListener("click", () => switchTab("text"));
    $("pdf").addEventListener("click", () => download("pdf"));
    $("docx").addEventListener("click", () => download("docx"));
    let resizeTimer = 0;
    window.addEventListener("resize", () => {
      clearTimeout(resizeTimer);
      resizeTimer = setTimeout(() => state.layout && drawPages(state.layout), 100);
    });
  }

  wire();
  window.vanbanReady = start();
})();
