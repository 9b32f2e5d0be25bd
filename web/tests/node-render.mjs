// Loads web/dist/vanban.js in Node and renders one input with a fixed
// creation time: the Rust test (crates/vanban-wasm/tests/node.rs) compares
// what it writes with the CLI's bytes.
//
//   node web/tests/node-render.mjs DIST INPUT OUT_PREFIX CREATION_TIME [FORMAT]
//
// Writes OUT_PREFIX.pdf and OUT_PREFIX.docx (when made) and prints
// `{ pdf, docx, diagnostics, ms }` as JSON on standard output.
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [dist, input, out, creation_time, format = "auto"] = process.argv.slice(2);
const mod = await import(pathToFileURL(resolve(join(dist, "vanban.js"))).href);
await mod.default({ module_or_path: readFileSync(join(dist, "vanban_bg.wasm")) });

const text = readFileSync(input, "utf8");
const t0 = performance.now();
const r = mod.render(text, { creation_time, format, today: "2025-03-06" });
const ms = performance.now() - t0;
if (r.pdf) writeFileSync(`${out}.pdf`, r.pdf);
if (r.docx) writeFileSync(`${out}.docx`, r.docx);
console.log(
  JSON.stringify({
    pdf: r.pdf instanceof Uint8Array ? r.pdf.length : null,
    docx: r.docx instanceof Uint8Array ? r.docx.length : null,
    diagnostics: r.diagnostics,
    ms,
  }),
);
