//! WebAssembly binding of the Rinse core, used by the extension's background
//! script and by the playground. Values cross as plain JS objects in the
//! shapes of `rinse::model` and `rinse::finding` (see README.md).

use wasm_bindgen::prelude::*;

#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

fn to_js<T: serde::Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    value.serialize(&serializer).map_err(JsValue::from)
}

/// Findings for a document model `{blocks, context}`: `{schema, counts, findings}`.
/// Callers that clean in passes (as `rinse::clean` does) pass `wroteFffd`:
/// whether an earlier pass wrote a U+FFFD (see `rinse::analyze_pass`).
#[wasm_bindgen]
pub fn analyze(doc: JsValue, wrote_fffd: Option<bool>) -> Result<JsValue, JsValue> {
    let doc: rinse::Document = serde_wasm_bindgen::from_value(doc)?;
    let findings = rinse::analyze_pass(&doc, wrote_fffd.unwrap_or(false));
    to_js(&rinse::Report::new(findings))
}

/// Cleans plain text: `{text, report}`.
#[wasm_bindgen(js_name = cleanText)]
pub fn clean_text(text: &str) -> Result<JsValue, JsValue> {
    #[derive(serde::Serialize)]
    struct Cleaned {
        text: String,
        report: rinse::Report,
    }
    let (text, report) = rinse::clean_text(text);
    to_js(&Cleaned { text, report })
}

/// The document model of plain text, as the text mode builds it.
#[wasm_bindgen(js_name = textModel)]
pub fn text_model(text: &str) -> Result<JsValue, JsValue> {
    to_js(&rinse::Document::from_text(text))
}

/// The core's most cleaning passes, which the JavaScript loops follow.
#[wasm_bindgen(js_name = maxPasses)]
pub fn max_passes() -> usize {
    rinse::MAX_PASSES
}

#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
