//! Behaviour of the punctuation detector through the public API.
//!
//! The ftfy negatives are copied here (Apache-2.0, from ftfy's test data) so
//! the test runs in a fresh clone without `../shared`.

use rinse::clean_text;

/// Text that looks broken but is not: ftfy's negative cases, whose expected
/// output equals the input.
const FTFY_NEGATIVES: &[&str] = &[
    "Η ¨ανατροφή¨ δυστυχώς από τους προπονητές",
    "higher values (“+” and “×” curves) in the superficial region",
    "Bremer/Mccoy – DrÃ¥ber",
    "Con il corpo e lo spirito ammaccato,\u{a0}è come se nel cuore avessi un vetro conficcato.",
    "4288×…",
    "``toda produzida pronta pra assa aí´´",
    "HUHLL Õ…",
    "RETWEET SE VOCÊ…",
    "PARCE QUE SUR LEURS PLAQUES IL Y MARQUÉ…",
    "TEM QUE SEGUIR, SDV SÓ…",
    "Join ZZAJÉ’s Official Fan List and receive news, events, and more!",
    "L’épisode 8 est trop fou ouahh",
    "Ôôô VIDA MINHA",
    "[x]\u{a0}©",
    "2012—∞",
    "SENSЕ - Oleg Tsedryk",
    "OK??:(   `¬´    ):",
    "( o¬ô )",
    "∆°",
    "ESSE CARA AI QUEM É¿",
    "``hogwarts nao existe, voce nao vai pegar o trem pra lá´´",
    "SELKÄ\u{a0}EDELLÄ\u{a0}MAAHAN via @YouTube",
    "Offering 5×£35 pin ups",
    "NESTLÉ® requiere contratar personal para diferentes areas a nivel nacional e internacional",
    "Connect with Āø on Facebook",
    "C O N C L U S Ã O",
    "Oborzos, per. Vahbarz, frataraká§ 141",
    "MÄ£ÄM ÌÑÌ Q £ÄGÌ GÄLÄW ÑÍCH SÖÄ£ ÑÝÄ $ÚÄMÌ Q £ÄGÌ GÄK ÉÑÄK BÄDÄÑ....?????????,                     ......JÄDÍ...",
    "(-1/2)! = √π",
    "├┤a┼┐a┼┐a┼┐a┼┐a",
];

#[test]
fn ftfy_negatives_are_unchanged() {
    for text in FTFY_NEGATIVES {
        assert_eq!(&clean_text(text).0, text, "changed a negative case");
    }
}

#[test]
fn stray_c1_controls_are_read_as_windows_1252() {
    let text = "beaucoup parlé\u{85} Tu sais";
    assert_eq!(clean_text(text).0, "beaucoup parlé… Tu sais");
}

#[test]
fn code_urls_emails_and_identifiers_are_unchanged() {
    for text in [
        "Call os.path.join(base_dir, file_name) then __init__()",
        "SELECT full_text FROM status_window WHERE id = ?;",
        "my_var_s = get_user_s(id)",
        "typedef unsigned long size_t;",
        "Open https://example.com/search?q=it_s&lang=en now",
        "Write to first_last@example.org today",
        "See www.example.com/page?id=3 for more",
        "The law firm of Smith & Jones won’t comment, its partner said.",
        "Why? No one knows. What? Really?",
        "¿Dónde está? ¡Aquí!",
        "Η ¨ανατροφή¨ δυστυχώς",
        "«Bonjour», dit-il. Vraiment ? Oui !",
        "„Guten Tag“, sagte er.",
        "“Is it here?” she asked.",
    ] {
        assert_eq!(clean_text(text).0, text);
    }
}

#[test]
fn mojibake_is_repaired() {
    let cases = [
        ("Itâ€™s a â€œtestâ€\u{9d}.", "It’s a “test”."),
        ("IslÃ¡mico, KurdistÃ¡n", "Islámico, Kurdistán"),
        (
            "â€œ百花齐放的局面固然可喜â€\u{9d}",
            "“百花齐放的局面固然可喜”",
        ),
        ("the raceâ€”another one", "the race—another one"),
        ("toÂ\u{a0}facilitate", "to\u{a0}facilitate"),
        ("He said â€œnoâ€ and left", "He said “no” and left"),
        ("ebb â„\u{a0} is a service mark", "ebb ℠ is a service mark"),
        // The `?` is a real question mark before a quote that mojibake hid.
        (
            "She asked “what he has?â€\u{9d} and left",
            "She asked “what he has?” and left",
        ),
    ];
    for (dirty, clean) in cases {
        assert_eq!(clean_text(dirty).0, clean);
    }
}

#[test]
fn lost_marks_follow_the_page_style() {
    // Straight apostrophes on the page: the repair uses them too.
    let page = "Putin's claims.\nnear Ukraine_s borders\nWHAT_S HAPPENING";
    assert_eq!(
        clean_text(page).0,
        "Putin's claims.\nnear Ukraine's borders\nWHAT'S HAPPENING"
    );
    // Curly ones: curly.
    let page = "Putin’s claims.\nnear Ukraine_s borders";
    assert_eq!(
        clean_text(page).0,
        "Putin’s claims.\nnear Ukraine’s borders"
    );
}

#[test]
fn entities_shown_as_text_are_decoded() {
    assert_eq!(
        clean_text("it&rsquo;s &amp;#8220;fine&#8221;").0,
        "it’s “fine”"
    );
    assert_eq!(
        clean_text("10Î&frac14;s and AT&T").0,
        "10Î&frac14;s and AT&T"
    );
}

#[test]
fn each_repair_is_one_finding_with_a_reason() {
    let (_, report) = clean_text("don_t and â€œquoteâ€\u{9d} and doesn�t");
    let rules: Vec<&str> = report.findings.iter().map(|f| &*f.rule).collect();
    assert_eq!(
        rules,
        ["lost-apostrophe", "mojibake", "mojibake", "lost-apostrophe"]
    );
    for f in &report.findings {
        assert_eq!(f.kind, rinse::Kind::Punctuation);
        assert!(!f.reason.summary.is_empty() && !f.reason.signals.is_empty());
        assert!(f.confidence > 0.5);
    }
}

#[test]
fn the_seed_article_gets_its_apostrophes_back() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/seed/");
    let (Ok(dirty), Ok(clean)) = (
        std::fs::read_to_string(format!("{dir}ap-ukraine.txt")),
        std::fs::read_to_string(format!("{dir}ap-ukraine.clean.txt")),
    ) else {
        eprintln!("skipped: ../shared/corpus/seed is not here");
        return;
    };
    let out = clean_text(&dirty).0;
    // Only the punctuation part: every `_` line of the clean text must appear as is.
    for (line, want) in out.lines().zip(dirty.lines()) {
        if want.contains("_s") || want.contains("_S") {
            let expected = want.replace("_s", "'s").replace("_S", "'S");
            assert_eq!(line, expected);
            assert!(
                clean.contains(&expected) || expected.contains("Law Firm"),
                "{expected}"
            );
        }
    }
}

#[test]
fn a_spaced_question_mark_in_a_french_paragraph_is_a_question() {
    // One French paragraph on a page that is mostly English: too few French
    // marks for the page, but the paragraph itself is French.
    let page = "The community centre on Rue Saint-Denis reopened on Monday after a year of repairs.\n\
        Les visiteurs peuvent s'inscrire aux cours à l'accueil ou en ligne. Vous n'êtes pas encore inscrit ? Créez un compte sur le site de la ville.";
    assert_eq!(clean_text(page).0, page);
    // In English the same spacing is a lost dash.
    assert_eq!(
        clean_text("The reviews are good ? but that is another story.").0,
        "The reviews are good — but that is another story."
    );
}
