//! Small text helpers shared by the detectors.

/// Whether `c` is a letter or digit of any script.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// The words of `s` (maximal runs of letters and digits) with their byte offsets.
pub fn words(s: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        match (is_word_char(c), start) {
            (true, None) => start = Some(i),
            (false, Some(st)) => {
                out.push((st, &s[st..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(st) = start {
        out.push((st, &s[st..]));
    }
    out.into_iter()
}
