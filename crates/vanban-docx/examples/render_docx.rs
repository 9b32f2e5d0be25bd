//! Renders a document JSON to DOCX: `cargo run -p vanban-docx --example
//! render_docx -- IN.json OUT.docx` (for looking at the output while the
//! CLI is being written).

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (input, output) = match args.as_slice() {
        [_, i, o] => (i, o),
        _ => {
            eprintln!("usage: render_docx IN.json OUT.docx");
            std::process::exit(2);
        }
    };
    let src = std::fs::read(input).expect("read input");
    let doc = vanban_core::load::from_slice(&src)
        .unwrap_or_else(|e| panic!("{e}"))
        .document;
    let profile = match &doc.profile {
        Some(o) => vanban_core::Profile::nd30()
            .with_overrides(o)
            .unwrap_or_else(|e| panic!("{e:?}")),
        None => vanban_core::Profile::nd30(),
    };
    // Images are named relative to the input file, as the CLI reads them.
    let base = std::path::Path::new(input)
        .parent()
        .unwrap_or(std::path::Path::new("."));
    let mut assets = vanban_core::Assets::new();
    for r in [&doc.signature.signature_image, &doc.signature.seal_image]
        .into_iter()
        .flatten()
    {
        if let Ok(b) = std::fs::read(base.join(r)) {
            assets.insert(r.clone(), b);
        }
    }
    let fonts = vanban_fonts::Fonts::embedded();
    let bytes =
        vanban_docx::render(&doc, &profile, &fonts, &assets).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(output, bytes).expect("write output");
}
