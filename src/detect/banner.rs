//! The banner detector (see README.md, "Detectors").

use crate::finding::Finding;
use crate::model::Document;

pub fn detect(_doc: &Document) -> Vec<Finding> {
    Vec::new()
}
