//! Decoding input bytes to text: UTF-8, a declared charset, or a detected one.

/// Decodes `bytes` as UTF-8 (stub: the CLI issue fills in detection).
pub fn decode(bytes: &[u8]) -> Result<String, String> {
    String::from_utf8(bytes.to_vec()).map_err(|e| format!("input is not UTF-8: {e}"))
}
