//! Apostrophes, quotes and dashes lost to `_`, `?`, U+FFFD or a backtick.
use super::{Fix, Style};
pub(crate) fn fixes(_text: &str, _style: Style) -> Vec<Fix> {
    Vec::new()
}
