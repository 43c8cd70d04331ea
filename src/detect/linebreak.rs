//! Lines broken after an abbreviation (`Feb.⏎16, 2022`, `Dr.⏎Shadlen`,
//! `U.S.⏎Secretary`): the next block continues the sentence, so the two are
//! joined with a space. A real paragraph break after an abbreviation that can
//! end a sentence ("… in the U.S.⏎The next day …") stays.

use crate::detect::Draft;
use crate::finding::{Finding, Kind, Signal};
use crate::model::{Block, BlockKind, Document};
use crate::text::is_sentence_opener;

/// Titles that always stand before a name, so never end a sentence.
const TITLES: &[&str] = &[
    "Mr", "Mrs", "Ms", "Mx", "Dr", "Prof", "Sen", "Rep", "Gov", "Gen", "Lt", "Sgt", "Capt", "Col",
    "Cmdr", "Adm", "Maj", "Rev", "Fr", "Hon", "Pres", "Supt", "Insp", "Det", "Cpl", "Pvt",
    "Messrs", "Mme", "Mlle",
];

/// Abbreviations that stand before a number: months, "No.", "p.", "vol.".
const BEFORE_NUMBER: &[&str] = &[
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "No",
    "Nos", "p", "pp", "vol", "Vol", "ch", "Ch", "art", "Art", "fig", "Fig", "approx", "ca", "c",
];

/// Abbreviations that end a company's or a person's name ("Acme Inc.",
/// "King Jr."), and Latin ones of running prose ("et al.", "etc."): a
/// sentence may end in them, but none goes on in lowercase after one.
const NAME_ENDS_AND_LATIN: &[&str] = &[
    "Inc", "Corp", "Co", "Ltd", "Bros", "Jr", "Sr", "Plc", "etc", "al", "cf", "viz",
];

/// Abbreviations that stand before a place's name: "Mt. Everest", "Ft.
/// Worth". Not "St.", which also ends an address ("200 Main St.⏎Springfield").
const BEFORE_NAME: &[&str] = &["Mt", "Ft"];

/// "St.", a saint's title before a name or a street's after one (see
/// [`after_lowercase_word`]).
const SAINT: &[&str] = &["St"];

/// Abbreviations between two parties' names, which end no sentence: "Smith v. Jones".
const BETWEEN_NAMES: &[&str] = &["v", "vs"];

pub fn detect(doc: &Document) -> Vec<Finding> {
    detect_with(doc, &mut crate::detect::Memo::default())
}

/// The blocks of a pass's document found broken after an abbreviation
/// before the next block, in order; `None` when the pass found the page
/// hard-wrapped and kept no reading. A pair of blocks equal to a pair that
/// was read and not found broken is not either: the reading sees the two
/// alone.
pub(crate) type Breaks = Option<Vec<usize>>;

/// [`detect`], skipping the pairs of blocks equal to a pair that `memo`
/// kept as unbroken from the previous pass.
pub(crate) fn detect_with(doc: &Document, memo: &mut crate::detect::Memo) -> Vec<Finding> {
    let earlier = std::mem::take(&mut memo.linebreak_breaks);
    let mut breaks = Vec::new();
    let mut found = Vec::new();
    let mut wrapped = None;
    // Lines the rules leave, read again with the page's other such lines.
    let mut undecided = Vec::new();
    for i in 0..doc.blocks.len().saturating_sub(1) {
        let (a, b) = (&doc.blocks[i], &doc.blocks[i + 1]);
        let unbroken_before = match (memo.earlier(i), memo.earlier(i + 1), &earlier) {
            (Some(e), Some(next), Some(read)) => next == e + 1 && read.binary_search(&e).is_err(),
            _ => false,
        };
        if unbroken_before || !joinable(a, b) {
            continue;
        }
        let (head, tail) = (a.joined(), b.joined());
        let head = head.trim_end();
        let (signal, confidence) = match broken_after_abbreviation(head, &tail) {
            Some(Reading::Broken(signal, confidence)) => (signal, confidence),
            Some(Reading::IfRepeated(token, word)) => {
                undecided.push((i, (token.to_string(), word.to_string())));
                continue;
            }
            None => continue,
        };
        // In a text wrapped at a fixed width, a line that ends in an
        // abbreviation is wrapped there like any other: joining it alone
        // would make one long line among short ones. (Asked only once a
        // line ends so: most pages have none.)
        if *wrapped.get_or_insert_with(|| hard_wrapped(doc)) {
            return Vec::new();
        }
        found.push(join(doc, i, head, signal, confidence));
        breaks.push(i);
    }
    // "U.S.⏎Games" three times on a page: one sentence may end in "U.S."
    // before a paragraph opening on "Games", but not the same way again;
    // nor where the page writes "U.S. Games" within a line.
    let repeated = repeated_pairs(&undecided);
    let written = written_whole(doc, &undecided);
    if (!repeated.is_empty() || !written.is_empty())
        && !*wrapped.get_or_insert_with(|| hard_wrapped(doc))
    {
        for (i, pair) in &undecided {
            let (token, word) = pair;
            let (name, why) = if repeated.binary_search(&pair).is_ok() {
                ("repeated-break", "more than once on the page")
            } else if written.binary_search(&pair).is_ok() {
                (
                    "written-together",
                    "and written together within a line elsewhere",
                )
            } else {
                continue;
            };
            let signal = Signal::new(name, 0.8, format!("“{token}” broken before “{word}” {why}"));
            let head = doc.blocks[*i].joined();
            found.push(join(doc, *i, head.trim_end(), signal, 0.85));
            breaks.push(*i);
        }
        found.sort_by_key(|f| f.block);
        breaks.sort_unstable();
    }
    memo.linebreak_breaks = Some(breaks);
    found
}

/// The finding that joins block `i` (whose trimmed text is `head`) to the next.
fn join(doc: &Document, i: usize, head: &str, signal: Signal, confidence: f32) -> Finding {
    let draft = Draft {
        kind: Kind::Linebreak,
        rule: "abbreviation-break",
        summary: format!(
            "Line broken after the abbreviation “{}”: joined",
            last_token(head)
        ),
        signals: vec![signal],
        confidence,
    };
    draft.join_next(doc, i, " ")
}

/// What the end of a line and the start of the next show.
enum Reading<'t> {
    /// Broken after an abbreviation: why, and how sure the join is.
    Broken(Signal, f32),
    /// A capital initialism before a capitalized word that opens no
    /// sentence as a rule ("U.S.⏎Games"): a sentence may end in "U.S.",
    /// so the break is read with the page's other ones (the initialism
    /// and the word).
    IfRepeated(&'t str, &'t str),
}

/// The (initialism, next word) pairs that stand at two line ends or more,
/// sorted, each once.
fn repeated_pairs(undecided: &[(usize, (String, String))]) -> Vec<&(String, String)> {
    let mut pairs: Vec<&(String, String)> = undecided.iter().map(|u| &u.1).collect();
    pairs.sort_unstable();
    let mut repeated: Vec<&(String, String)> = pairs
        .windows(2)
        .filter(|w| w[0] == w[1])
        .map(|w| w[0])
        .collect();
    repeated.dedup();
    repeated
}

/// The undecided (initialism, next word) pairs the page also writes
/// within one line ("U.S. Games Systems"), sorted, each once.
fn written_whole<'u>(
    doc: &Document,
    undecided: &'u [(usize, (String, String))],
) -> Vec<&'u (String, String)> {
    if undecided.is_empty() {
        return Vec::new();
    }
    let texts: Vec<_> = doc.blocks.iter().map(Block::joined).collect();
    let within = |(token, word): &(String, String)| {
        let pair = format!("{token} {word}");
        texts.iter().any(|t| {
            t.match_indices(&pair)
                .any(|(at, _)| !t[at + pair.len()..].starts_with(char::is_alphanumeric))
        })
    };
    let mut written: Vec<&(String, String)> = undecided
        .iter()
        .map(|u| &u.1)
        .filter(|p| within(p))
        .collect();
    written.sort_unstable();
    written.dedup();
    written
}

/// Only lines of text, or paragraphs next to paragraphs, are joined: in a
/// page, a break between other elements ("8:00 a.m." in a time stamp, then
/// a byline) is the layout, not a broken sentence.
fn joinable(a: &Block, b: &Block) -> bool {
    let running = |k: BlockKind| matches!(k, BlockKind::Line | BlockKind::Paragraph);
    running(a.kind)
        && a.kind == b.kind
        && !a.verbatim
        && !b.verbatim
        && !a.is_blank()
        && !b.is_blank()
}

/// Whether the text is wrapped at a fixed width rather than a paragraph a
/// line: at least three lines, and a sixth or more of the lines followed by
/// one, break inside a sentence (a word or a comma, then a lowercase word).
fn hard_wrapped(doc: &Document) -> bool {
    let (mut pairs, mut wrapped) = (0usize, 0usize);
    for w in doc.blocks.windows(2) {
        if !joinable(&w[0], &w[1]) {
            continue;
        }
        pairs += 1;
        let end = w[0]
            .runs
            .iter()
            .rev()
            .find_map(|r| r.text.trim_end().chars().next_back());
        let start = w[1]
            .runs
            .iter()
            .find_map(|r| r.text.trim_start().chars().next());
        let mid_sentence = end.is_some_and(|c| c.is_alphanumeric() || c == ',')
            && start.is_some_and(char::is_lowercase);
        wrapped += usize::from(mid_sentence);
    }
    wrapped >= 3 && wrapped * 6 >= pairs
}

/// What follows the last whitespace character of `s` (all of it if none),
/// found from the end: the splitting iterator this was took several
/// times as long, on every line that ends in a dot.
fn last_token(s: &str) -> &str {
    match s.char_indices().rev().find(|&(_, c)| c.is_whitespace()) {
        Some((at, c)) => &s[at + c.len_utf8()..],
        None => s,
    }
}

/// Every listed abbreviation (none has a dot of its own).
const LISTED: [&[&str]; 6] = [
    TITLES,
    BEFORE_NUMBER,
    NAME_ENDS_AND_LATIN,
    BEFORE_NAME,
    BETWEEN_NAMES,
    SAINT,
];

/// The length of the longest listed abbreviation, in bytes.
const LONGEST_LISTED: usize = crate::text::longest_in(&LISTED);

/// Whether `abbrev` (a line's last word, its final dot stripped) may be
/// read as an abbreviation at all: a dotted initialism has a dot, and
/// every other reading asks for a listed word. Most lines end in a word
/// that is neither, told here before the lists are searched one by one.
fn may_be_abbreviation(abbrev: &str) -> bool {
    abbrev.contains('.')
        || (abbrev.len() <= LONGEST_LISTED && LISTED.iter().any(|list| list.contains(&abbrev)))
}

/// Whether `head` (trimmed at its end) ends in an abbreviation that
/// `tail` (trimmed here, at its start) continues.
fn broken_after_abbreviation<'t>(head: &'t str, tail: &'t str) -> Option<Reading<'t>> {
    // Most lines end in no dot: told before their last word is looked for.
    if !head.ends_with('.') {
        return None;
    }
    let token = last_token(head);
    let abbrev = token.strip_suffix('.')?;
    let abbrev = abbrev.trim_start_matches(|c: char| !c.is_alphanumeric());
    if !may_be_abbreviation(abbrev) {
        return None;
    }
    let tail = tail.trim_start();
    let first = tail.chars().next()?;
    // Read only when a signal names it: most lines end in no abbreviation.
    let next_word = || {
        tail.split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("")
    };

    // "Smith v.⏎Jones": a party's name before it, not "the vector in v.⏎The".
    let between_names = BETWEEN_NAMES.contains(&abbrev) && {
        let before = head[..head.len() - token.len()].trim_end();
        last_token(before)
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
    };
    if (TITLES.contains(&abbrev) || between_names) && first.is_uppercase() {
        return found(
            "title-before-name",
            0.9,
            format!("“{token}” stands before a name"),
            0.95,
        );
    }
    if BEFORE_NUMBER.contains(&abbrev) && first.is_ascii_digit() {
        return found(
            "abbreviation-before-number",
            0.9,
            format!("“{token}” before “{}”", next_word()),
            0.95,
        );
    }
    let initialism = is_dotted_initialism(abbrev);
    let known = initialism
        || TITLES.contains(&abbrev)
        || BEFORE_NUMBER.contains(&abbrev)
        || NAME_ENDS_AND_LATIN.contains(&abbrev)
        || BEFORE_NAME.contains(&abbrev)
        || between_names;
    // "at 10 a.m.⏎local time", "Acme Inc.⏎fell": no paragraph opens in
    // lowercase, so after an abbreviation the sentence goes on. A brand
    // written in lowercase ("iPhone") is no plain lowercase word.
    if known && next_word().chars().all(char::is_lowercase) && first.is_lowercase() {
        return found(
            "lowercase-after-abbreviation",
            0.85,
            format!("“{token}” before “{}”", next_word()),
            0.9,
        );
    }
    if BEFORE_NAME.contains(&abbrev) && names_no_sentence(tail) {
        return found(
            "abbreviation-before-name",
            0.8,
            format!("“{token}” before “{}”", next_word()),
            0.85,
        );
    }
    // "baptized at St.⏎Agnes": after a lowercase word "St." is a saint's
    // title (a street's name comes before the street: "Main St."), and
    // a saint's name may end in "s" ("Louis", "Agnes").
    if SAINT.contains(&abbrev) && after_lowercase_word(head, token) && names_a_saint(tail) {
        return found(
            "saint-before-name",
            0.8,
            format!("“{token}” after a lowercase word, before “{}”", next_word()),
            0.85,
        );
    }
    // A line of "U.S." or "St." alone is no paragraph: what stands before
    // a name or a noun goes on in the next line.
    let stands_before = initialism
        || TITLES.contains(&abbrev)
        || BEFORE_NAME.contains(&abbrev)
        || SAINT.contains(&abbrev);
    if stands_before && head == token && first.is_alphanumeric() {
        return found(
            "abbreviation-alone",
            0.9,
            format!("the line is only “{token}”"),
            0.9,
        );
    }
    if !initialism {
        return None;
    }
    // "the U.S.⏎Embassy": an initialism used as a modifier of a capitalized
    // noun. A lowercase initialism ("6 a.m.", "e.g.") is no modifier of a
    // name: before a capitalized word it ends the sentence.
    let capitals = abbrev.chars().all(|c| c == '.' || c.is_uppercase());
    if capitals && names_no_sentence(tail) {
        return found(
            "initialism-before-noun",
            0.7,
            format!("“{token}” before “{}”", next_word()),
            0.8,
        );
    }
    // Two paragraphs may well end in "U.S." before "The" or "But"; "No."
    // before a number is no "No" of a sentence ("H.F.⏎No. 2497").
    let word = next_word();
    (capitals
        && word.starts_with(char::is_uppercase)
        && (!is_sentence_opener(word) || numbers_a_thing(tail, word)))
    .then_some(Reading::IfRepeated(token, word))
}

/// Whether `tail` opens with `word` as an abbreviation before a number
/// ("No. 2497", "Vol. 3").
fn numbers_a_thing(tail: &str, word: &str) -> bool {
    BEFORE_NUMBER.contains(&word)
        && tail[word.len()..].strip_prefix('.').is_some_and(|rest| {
            let number = rest.trim_start();
            number.len() < rest.len() && number.starts_with(|c: char| c.is_ascii_digit())
        })
}

/// Whether `tail` opens with a capitalized word that goes on the name or
/// noun before it rather than a sentence of its own. A word that opens
/// sentences ("The"), a plural ("Officials in London declined") or a
/// name's possessive ("President Biden's aides") opens a sentence.
fn names_no_sentence(tail: &str) -> bool {
    let next_word = tail
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    let plural = next_word.len() > 3 && next_word.ends_with('s') && !next_word.ends_with("ss");
    let second = tail.split_whitespace().nth(1).unwrap_or("");
    let possessive = second.chars().next().is_some_and(char::is_uppercase)
        && (second.ends_with("'s") || second.ends_with("’s"));
    tail.chars().next().is_some_and(char::is_uppercase)
        && !is_sentence_opener(next_word)
        && next_word.chars().skip(1).any(char::is_lowercase)
        && !plural
        && !possessive
}

/// A break found by the signal `name` (of `weight`, told by `detail`),
/// joined with `confidence`.
fn found<'t>(
    name: &'static str,
    weight: f32,
    detail: String,
    confidence: f32,
) -> Option<Reading<'t>> {
    Some(Reading::Broken(
        Signal::new(name, weight, detail),
        confidence,
    ))
}

/// Whether the word before `token` at the end of `head` opens in lowercase.
fn after_lowercase_word(head: &str, token: &str) -> bool {
    let before = head[..head.len() - token.len()].trim_end();
    last_token(before)
        .chars()
        .next()
        .is_some_and(char::is_lowercase)
}

/// Whether `tail` opens with a capitalized name that opens no sentence.
fn names_a_saint(tail: &str) -> bool {
    let next_word = tail
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    tail.chars().next().is_some_and(char::is_uppercase)
        && !is_sentence_opener(next_word)
        && next_word.chars().skip(1).any(char::is_lowercase)
}

/// `U.S`, `U.K`, `a.m` (the final dot already stripped): letters separated by dots.
fn is_dotted_initialism(s: &str) -> bool {
    // Two parts or more: a dot at all (read in place, with no list of parts).
    s.contains('.')
        && s.split('.')
            .all(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic))
}

#[cfg(test)]
mod tests {
    fn joined(text: &str) -> String {
        crate::clean_text(text).0
    }

    #[test]
    fn joins_dates_titles_and_initialisms() {
        assert_eq!(
            joined("Kyiv Sunday, Feb.\n13, 2022. Some"),
            "Kyiv Sunday, Feb. 13, 2022. Some"
        );
        assert_eq!(joined("said Dr.\nShadlen."), "said Dr. Shadlen.");
        assert_eq!(joined("U.S.\nSecretary Austin"), "U.S. Secretary Austin");
        assert_eq!(
            joined("stormed the U.S.\nEmbassy in Tehran."),
            "stormed the U.S. Embassy in Tehran."
        );
        assert_eq!(
            joined("assaulted the U.S.\nEmbassy in Tripoli"),
            "assaulted the U.S. Embassy in Tripoli"
        );
    }

    #[test]
    fn a_text_wrapped_at_a_fixed_width_keeps_its_lines() {
        // Most lines break inside a sentence: the ones after an
        // abbreviation are wrapped there too.
        let wrapped = "The logger keeps a week of\nreadings in its memory: levels,\ntemperatures, etc.\nbefore it writes them out at\nthe end of the day, after\nFeb.\n1 each year.";
        assert_eq!(joined(wrapped), wrapped);
        // A paragraph a line, with one line broken after an abbreviation.
        let broken = "The logger keeps a week of readings.\nIt stores levels, temperatures, etc.\nbefore it writes them out.\nThe series starts on Feb.\n1 each year.";
        assert_eq!(
            joined(broken),
            "The logger keeps a week of readings.\nIt stores levels, temperatures, etc. before it writes them out.\nThe series starts on Feb. 1 each year."
        );
    }

    #[test]
    fn a_page_that_stops_looking_wrapped_once_repaired_is_read_again() {
        // Its last line opens with mojibake, a lowercase letter; repaired,
        // it opens with a quote, and too few lines break mid-sentence.
        let text = "Feb.\n16, \n aaaa \n aaaa \n â€œquotedâ€\u{9d}";
        let once = joined(text);
        assert_eq!(once, "Feb. 16, \n aaaa \n aaaa \n “quoted”");
        assert_eq!(joined(&once), once);
    }

    #[test]
    fn joins_a_sentence_that_goes_on_in_lowercase_after_an_abbreviation() {
        for (text, want) in [
            (
                "began at 10 a.m.\nlocal time.",
                "began at 10 a.m. local time.",
            ),
            (
                "Shares of Acme Inc.\nfell 4 percent.",
                "Shares of Acme Inc. fell 4 percent.",
            ),
            (
                "King Jr.\nwas born in Atlanta.",
                "King Jr. was born in Atlanta.",
            ),
            (
                "by Smith et al.\nfound no link.",
                "by Smith et al. found no link.",
            ),
            (
                "Die Firma, z.B.\ndie Bahn, klagte.",
                "Die Firma, z.B. die Bahn, klagte.",
            ),
        ] {
            assert_eq!(joined(text), want);
        }
    }

    #[test]
    fn joins_names_after_place_and_party_abbreviations() {
        assert_eq!(
            joined("He climbed Mt.\nEverest."),
            "He climbed Mt. Everest."
        );
        assert_eq!(
            joined("She was baptized at St.\nAgnes in 1936."),
            "She was baptized at St. Agnes in 1936."
        );
        assert_eq!(
            joined("The case, Smith v.\nJones, was heard."),
            "The case, Smith v. Jones, was heard."
        );
        // A variable named v ends the sentence.
        let text = "We tried to read index 99 of the vector in v.\nThe note tells us more.";
        assert_eq!(joined(text), text);
    }

    #[test]
    fn joins_an_abbreviation_alone_on_its_line_and_a_break_the_page_repeats() {
        assert_eq!(
            joined(
                "Church Reopens After Flood
St.
Mary's Church reopened on Sunday."
            ),
            "Church Reopens After Flood
St. Mary's Church reopened on Sunday."
        );
        // "Games" could open a paragraph after one that ends in "U.S.";
        // the same break twice is the page's breaking, not its paragraphs.
        let twice = "He founded U.S.
Games Systems, Inc., which sells the deck.
The cards came from U.S.
Games Systems, Inc. in Connecticut.";
        assert_eq!(
            joined(twice),
            "He founded U.S. Games Systems, Inc., which sells the deck.
The cards came from U.S. Games Systems, Inc. in Connecticut."
        );
        let once = "He founded a company in the U.S.
Games like these sold well.";
        assert_eq!(joined(once), once);
        // Once, where the page writes the pair within a line elsewhere.
        let elsewhere = "He founded U.S. Games Systems in Connecticut.
The deck sold well, Kaplan says. U.S.
Games, which has 50 decks, prints it.";
        assert_eq!(
            joined(elsewhere),
            "He founded U.S. Games Systems in Connecticut.
The deck sold well, Kaplan says. U.S. Games, which has 50 decks, prints it."
        );
        let longer = elsewhere.replace("U.S. Games Systems", "U.S. Gamesville");
        assert_eq!(joined(&longer), longer);
        // Two paragraphs may end in "U.S." before the same opener.
        let openers = "Sales grew in the U.S.
The company said so.
Prices rose in the U.S.
The company said so again.";
        assert_eq!(joined(openers), openers);
        // "No." before a number is no opener: a bill's number broken twice.
        let numbered = "The House passed H.F.
No. 2497 on Monday.
The Senate passed H.F.
No. 12 on Tuesday.";
        assert_eq!(
            joined(numbered),
            "The House passed H.F. No. 2497 on Monday.
The Senate passed H.F. No. 12 on Tuesday."
        );
        let answers = numbered
            .replace("No. 2497", "No, 2497")
            .replace("No. 12", "No, 12");
        assert_eq!(joined(&answers), answers);
    }

    #[test]
    fn keeps_real_paragraph_breaks() {
        for text in [
            "He moved to the U.S.\nThe next year he left.",
            "It happened in Feb.\nLater that year, it rained.",
            "The meeting ended.\n16 people stayed.",
            "Call Dr.\n",
            "Apple Inc.\nShares rose.",
            "staff in the U.K.\nOfficials in London declined to comment.",
            "a rally in Washington, D.C.\nPresident Biden's aides said later.",
            // "St." ends addresses; a brand in lowercase opens a paragraph;
            // a word that is no abbreviation ends a sentence whatever follows.
            "Write to us at 200 Main St.\nSpringfield, IL 62701.",
            "He lives on Main St.\nPolice said the house burned.",
            "The shop moved to 12 Elm St.\nMaria Lopez runs it now.",
            "Shares of Apple Inc.\niPhone sales rose.",
            "Trading in Tokyo, Japan.\nthe yen rose.",
            "They met at 5 p.m.\nThe talks lasted an hour.",
            "the first buses crossed shortly after 6 a.m.\nCity engineer Marta Oyelaran said.",
            "Meet at 9 p.m.\nDinner follows.",
        ] {
            assert_eq!(joined(text), text);
        }
    }
}
