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
    let fonts = vanban_fonts::Fonts::embedded();
    let bytes = vanban_docx::render(&doc, &profile, &fonts, &vanban_core::Assets::new())
        .unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(output, bytes).expect("write output");
}
