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

/// Words that commonly open a sentence; after one of these, a break is real.
pub const SENTENCE_OPENERS: &[&str] = &[
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "It",
    "He",
    "She",
    "They",
    "We",
    "I",
    "You",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "But",
    "And",
    "Or",
    "So",
    "Yet",
    "If",
    "When",
    "While",
    "After",
    "Before",
    "As",
    "Since",
    "For",
    "With",
    "Without",
    "By",
    "From",
    "To",
    "Of",
    "Our",
    "His",
    "Her",
    "Its",
    "Their",
    "My",
    "Your",
    "What",
    "Who",
    "Why",
    "How",
    "Where",
    "Which",
    "Some",
    "Many",
    "Most",
    "All",
    "No",
    "Not",
    "One",
    "Two",
    "Now",
    "Then",
    "Still",
    "However",
    "Meanwhile",
    "Also",
    "Even",
    "Only",
    "Under",
    "Over",
    "During",
    "Although",
    "Though",
    "Because",
    "Despite",
    "According",
    "Last",
    "Next",
    "Earlier",
    "Later",
    "Today",
    "Yesterday",
    "Here",
];
