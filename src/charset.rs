//! Decoding input bytes to text: UTF-8, a declared charset, or a detected one.
//!
//! Order of trust, first match wins:
//! 1. a byte-order mark (UTF-8, UTF-16LE/BE);
//! 2. valid UTF-8 — a page that decodes as UTF-8 is UTF-8 whatever its meta
//!    tag says: saved pages often keep a stale declaration (one corpus page
//!    declares gb2312 and is UTF-8), and reading it as declared would plant
//!    the very mojibake Rinse removes;
//! 3. UTF-8 with a few stray bytes that are not UTF-8 (text pasted from a
//!    Windows-1252 editor): the stray bytes are read as Windows-1252;
//! 4. for HTML, the charset a `<meta>` declares in the first 1024 bytes;
//! 5. chardetng's guess.
//!
//! Input with NUL bytes or many control characters is refused as binary:
//! cleaning it would only corrupt it.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};
use std::ops::Range;

/// How the text was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum How {
    Bom,
    Utf8,
    /// UTF-8 with this many stray bytes read as Windows-1252.
    Utf8WithStrayBytes(usize),
    Declared,
    Detected,
}

#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static Encoding,
    pub how: How,
    /// The input started with a UTF-8 byte-order mark (not part of `text`).
    pub utf8_bom: bool,
    /// Some bytes could not be decoded and became U+FFFD.
    pub lossy: bool,
}

impl Decoded {
    /// Whether the text was transcoded from something other than UTF-8.
    pub fn transcoded(&self) -> bool {
        self.encoding != UTF_8 || matches!(self.how, How::Utf8WithStrayBytes(_))
    }
}

/// Decodes `bytes` to text; `html` lets a `<meta>` charset declaration count.
pub fn decode(bytes: &[u8], html: bool) -> Result<Decoded, String> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, lossy) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return Ok(Decoded {
            text: text.into_owned(),
            encoding,
            how: How::Bom,
            utf8_bom: encoding == UTF_8,
            lossy,
        });
    }
    refuse_binary(bytes)?;
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(decoded(text.to_string(), UTF_8, How::Utf8, false));
    }
    if let Some((text, stray)) = utf8_with_stray_bytes(bytes) {
        return Ok(decoded(text, UTF_8, How::Utf8WithStrayBytes(stray), false));
    }
    if html {
        let declared = declared_charset(bytes)
            .and_then(|(label, _)| Encoding::for_label(label.as_bytes()))
            // UTF-16 cannot be declared from inside an ASCII-compatible
            // stream; UTF-8 has just failed to decode.
            .filter(|e| e.is_ascii_compatible() && *e != UTF_8);
        if let Some(encoding) = declared {
            let (text, lossy) = encoding.decode_without_bom_handling(bytes);
            if !lossy {
                return Ok(decoded(text.into_owned(), encoding, How::Declared, false));
            }
        }
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    let encoding = detector.guess(None, false);
    let (text, lossy) = encoding.decode_without_bom_handling(bytes);
    Ok(decoded(text.into_owned(), encoding, How::Detected, lossy))
}

fn decoded(text: String, encoding: &'static Encoding, how: How, lossy: bool) -> Decoded {
    Decoded {
        text,
        encoding,
        how,
        utf8_bom: false,
        lossy,
    }
}

/// Refuses input that is not text: any NUL byte, or control characters in
/// more than 1 % of the first 64 KB. ESC (ISO-2022-JP), form feed and the
/// usual whitespace are text.
fn refuse_binary(bytes: &[u8]) -> Result<(), String> {
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Err(format!(
            "the input looks binary (a NUL byte at offset {at}); rinse reads text and HTML"
        ));
    }
    let head = &bytes[..bytes.len().min(64 * 1024)];
    let control = head
        .iter()
        .filter(|&&b| matches!(b, 0x01..=0x08 | 0x0B | 0x0E..=0x1A | 0x1C..=0x1F | 0x7F))
        .count();
    if control > 8 && control * 100 > head.len() {
        return Err(format!(
            "the input looks binary ({control} control bytes in its first {} bytes); rinse reads text and HTML",
            head.len()
        ));
    }
    Ok(())
}

/// Reads mostly-UTF-8 input whose few invalid bytes are Windows-1252
/// characters; `None` when the valid multi-byte sequences do not clearly
/// outnumber the invalid bytes (then it is a legacy encoding).
fn utf8_with_stray_bytes(bytes: &[u8]) -> Option<(String, usize)> {
    let mut text = String::with_capacity(bytes.len());
    let (mut rest, mut stray, mut multibyte) = (bytes, 0, 0);
    loop {
        match std::str::from_utf8(rest) {
            Ok(valid) => {
                multibyte += valid.chars().filter(|c| !c.is_ascii()).count();
                text.push_str(valid);
                break;
            }
            Err(e) => {
                let (valid, after) = rest.split_at(e.valid_up_to());
                // Safe by construction: `valid_up_to` bytes are valid UTF-8.
                let valid = std::str::from_utf8(valid).ok()?;
                multibyte += valid.chars().filter(|c| !c.is_ascii()).count();
                text.push_str(valid);
                let bad = e.error_len().unwrap_or(after.len()).max(1);
                let (cow, _) = WINDOWS_1252.decode_without_bom_handling(&after[..bad]);
                text.push_str(&cow);
                stray += bad;
                rest = &after[bad..];
            }
        }
    }
    (multibyte >= 2 * stray).then_some((text, stray))
}

/// The charset label a `<meta charset>` or `<meta http-equiv=content-type
/// content="…; charset=…">` declares in the first 1024 bytes, and where
/// the label is in `bytes`.
pub fn declared_charset(bytes: &[u8]) -> Option<(String, Range<usize>)> {
    let mut i = 0;
    while i < bytes.len().min(1024) {
        if bytes[i..].starts_with(b"<!--") {
            i += find(&bytes[i + 4..], b"-->").map_or(bytes.len(), |at| at + 7);
            continue;
        }
        let is_meta = bytes.len() > i + 5
            && bytes[i + 1..i + 5].eq_ignore_ascii_case(b"meta")
            && matches!(bytes[i + 5], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/');
        if bytes[i] == b'<' && is_meta {
            let (attrs, end) = meta_attributes(bytes, i + 5);
            if let Some(found) = charset_of(bytes, &attrs) {
                return Some(found);
            }
            i = end;
            continue;
        }
        i += 1;
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The attributes of a tag starting at `i` (after its name): lower-cased
/// names with the byte range of each value; and where the tag ends.
fn meta_attributes(b: &[u8], mut i: usize) -> (Vec<(String, Range<usize>)>, usize) {
    let mut attrs = Vec::new();
    let space = |c: u8| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/');
    loop {
        while i < b.len() && space(b[i]) {
            i += 1;
        }
        if i >= b.len() || b[i] == b'>' {
            return (attrs, i + 1);
        }
        let name_start = i;
        while i < b.len() && !space(b[i]) && !matches!(b[i], b'=' | b'>') {
            i += 1;
        }
        let name = String::from_utf8_lossy(&b[name_start..i]).to_ascii_lowercase();
        while i < b.len() && space(b[i]) && b[i] != b'/' {
            i += 1;
        }
        if i >= b.len() || b[i] != b'=' {
            attrs.push((name, i..i));
            continue;
        }
        i += 1;
        while i < b.len() && space(b[i]) && b[i] != b'/' {
            i += 1;
        }
        let value = match b.get(i) {
            Some(&q @ (b'"' | b'\'')) => {
                let start = i + 1;
                let end = b[start..]
                    .iter()
                    .position(|&c| c == q)
                    .map_or(b.len(), |p| start + p);
                i = (end + 1).min(b.len());
                start..end
            }
            _ => {
                let start = i;
                while i < b.len() && !space(b[i]) && b[i] != b'>' {
                    i += 1;
                }
                start..i
            }
        };
        attrs.push((name, value));
    }
}

fn charset_of(b: &[u8], attrs: &[(String, Range<usize>)]) -> Option<(String, Range<usize>)> {
    let attr = |name: &str| {
        attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, r)| r.clone())
    };
    if let Some(r) = attr("charset") {
        let label = String::from_utf8_lossy(&b[r.clone()]).trim().to_string();
        return (!label.is_empty()).then_some((label, r));
    }
    let equiv = attr("http-equiv")?;
    if !b[equiv].eq_ignore_ascii_case(b"content-type") {
        return None;
    }
    let content = attr("content")?;
    let value = &b[content.clone()];
    let at = value
        .windows(8)
        .position(|w| w.eq_ignore_ascii_case(b"charset="))?
        + 8;
    let mut start = at;
    while start < value.len() && matches!(value[start], b' ' | b'"' | b'\'') {
        start += 1;
    }
    let end = value[start..]
        .iter()
        .position(|&c| matches!(c, b';' | b' ' | b'"' | b'\''))
        .map_or(value.len(), |p| start + p);
    (end > start).then(|| {
        let label = String::from_utf8_lossy(&value[start..end]).to_string();
        (label, content.start + start..content.start + end)
    })
}

/// `html` with its `<meta>` charset declaration (if any) changed to
/// `utf-8`: the output is UTF-8, and a stale declaration would make a
/// browser read it as the old charset and show mojibake.
pub fn declare_utf8(html: &str) -> String {
    match declared_charset(html.as_bytes()) {
        Some((label, range)) if Encoding::for_label(label.as_bytes()) != Some(UTF_8) => {
            format!("{}utf-8{}", &html[..range.start], &html[range.end..])
        }
        _ => html.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_wins_over_a_stale_declaration() {
        let page =
            "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"><p>café</p>";
        let d = decode(page.as_bytes(), true).unwrap();
        assert_eq!((d.text.as_str(), d.how), (page, How::Utf8));
        assert!(!d.transcoded());
    }

    #[test]
    fn a_declared_charset_is_honoured() {
        let (bytes, _, _) =
            encoding_rs::WINDOWS_1251.encode("<meta charset='windows-1251'><p>Привет, мир</p>");
        let d = decode(&bytes, true).unwrap();
        assert_eq!(d.text, "<meta charset='windows-1251'><p>Привет, мир</p>");
        assert_eq!(
            (d.encoding, d.how),
            (encoding_rs::WINDOWS_1251, How::Declared)
        );
        assert_eq!(
            declare_utf8(&d.text),
            "<meta charset='utf-8'><p>Привет, мир</p>"
        );
    }

    #[test]
    fn windows_1252_and_shift_jis_are_detected() {
        let (bytes, _, _) = WINDOWS_1252.encode("It’s a “quoted” café — naïve résumé, déjà vu.");
        let d = decode(&bytes, false).unwrap();
        assert_eq!(d.text, "It’s a “quoted” café — naïve résumé, déjà vu.");
        assert_eq!(d.how, How::Detected);

        let text =
            "東京都は十六日、新しい計画を発表した。関係者によると、費用は約三億円になる見通しだ。";
        let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(text);
        let d = decode(&bytes, false).unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding),
            (text, encoding_rs::SHIFT_JIS)
        );
    }

    #[test]
    fn a_bom_is_honoured_and_remembered() {
        let d = decode(b"\xEF\xBB\xBFhi", false).unwrap();
        assert_eq!((d.text.as_str(), d.utf8_bom), ("hi", true));
        let d = decode(b"\xFF\xFEh\0i\0", false).unwrap();
        assert_eq!(
            (d.text.as_str(), d.how, d.utf8_bom),
            ("hi", How::Bom, false)
        );
    }

    #[test]
    fn stray_windows_1252_bytes_in_utf8_are_read_as_such() {
        let d = decode(b"caf\xC3\xA9 and na\xC3\xAFve, it\x92s fine", false).unwrap();
        assert_eq!(d.text, "café and naïve, it’s fine");
        assert_eq!(d.how, How::Utf8WithStrayBytes(1));
    }

    #[test]
    fn binary_input_is_refused() {
        let err = decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", false).unwrap_err();
        assert!(err.contains("binary"), "{err}");
        let noise: Vec<u8> = (0..200u8).map(|i| i % 32).filter(|&b| b != 0).collect();
        assert!(decode(&noise, false).is_err());
    }

    #[test]
    fn declarations_in_comments_or_past_1024_bytes_do_not_count() {
        assert_eq!(
            declared_charset(b"<!-- <meta charset=koi8-r> --><p>x"),
            None
        );
        let mut late = vec![b' '; 1100];
        late.extend_from_slice(b"<meta charset=koi8-r>");
        assert_eq!(declared_charset(&late), None);
        let (label, range) = declared_charset(b"<META Charset = \"ISO-8859-2\" >").unwrap();
        assert_eq!((label.as_str(), range), ("ISO-8859-2", 17..27));
    }
}
