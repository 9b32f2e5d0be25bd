// The rest of the module's API in Node, for crates/vanban-wasm/tests/node.rs:
//   node web/tests/node-api.mjs DIST JSON_INPUT
// prints one JSON object with what each function gave.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [dist, input] = process.argv.slice(2);
const mod = await import(pathToFileURL(resolve(join(dist, "vanban.js"))).href);
await mod.default({ module_or_path: readFileSync(join(dist, "vanban_bg.wasm")) });

const json = readFileSync(input, "utf8");
const broken = json.replace('"so_hieu"', '"so_hieux"');
const thrown = (f) => {
  try {
    f();
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
};
const lay = mod.layout(json);
const forms = mod.forms();
const tb = mod.starter("thong-bao");
const bad = mod.render(broken, { lang: "en" });
console.log(
  JSON.stringify({
    check: mod.check(json, { today: "2025-03-06" }),
    broken: { pdf: bad.pdf, docx: bad.docx, diagnostics: bad.diagnostics },
    bad_option: mod.render(json, { creation_time: "yesterday" }).diagnostics,
    layout: {
      pages: lay.pages.length,
      first: lay.pages[0] && { width: lay.pages[0].width, height: lay.pages[0].height },
      texts: lay.pages.flatMap((p) => p.items.filter((i) => i.t === "text").map((i) => i.text)),
      kinds: [...new Set(lay.pages.flatMap((p) => p.items.map((i) => i.t)))].sort(),
    },
    forms: { count: forms.length, first: forms[0] },
    starter: { json: tb.json.length, text: tb.text && tb.text.length },
    starter_unknown: thrown(() => mod.starter("khong-co")),
    round_trip: mod.fromText(mod.toText(json)) === mod.fromText(mod.toText(mod.fromText(mod.toText(json)))),
    to_text_error: thrown(() => mod.toText("{")),
  }),
);
