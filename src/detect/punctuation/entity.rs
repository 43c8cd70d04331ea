//! HTML entities shown as text.
use super::{Fix, Style};
pub(crate) fn fixes(_text: &str) -> Vec<Fix> {
    Vec::new()
}
#[allow(dead_code)]
fn _unused(_: Style) {}
