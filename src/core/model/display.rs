//! Making received text inert before it is shown: no terminal escapes, no
//! bidi overrides or invisible characters that could make one name look like
//! another, and a cap on how much of it is laid out.

use std::borrow::Cow;

use crate::core::model::emoji::joined_in_emoji;
use crate::core::model::name::is_invisible;

/// The most characters of one tweet's text that are laid out.
pub const MAX_SHOWN_CHARS: usize = 2_000;
/// The most lines of one tweet's text that are laid out.
pub const MAX_SHOWN_LINES: usize = 30;
pub const TRUNCATED_MARK: &str = "… (truncated)";

/// Text with newlines kept (as at most `MAX_SHOWN_LINES` lines), every other
/// control or invisible character replaced by U+FFFD unless it belongs to
/// an emoji sequence (`emoji::joined_in_emoji`: ❤️, 👩‍💻, 1️⃣, 🏴 flags),
/// and cut at `MAX_SHOWN_CHARS`.
pub fn inert_text(text: &str) -> Cow<'_, str> {
    // Lines as egui lays them out: every '\n' starts one, a trailing one
    // too (`str::lines` would not count it), as the loop below counts them.
    let needs_work = text.chars().count() > MAX_SHOWN_CHARS
        || text.split('\n').count() > MAX_SHOWN_LINES
        || text
            .chars()
            .any(|c| (c.is_control() && c != '\n') || is_invisible(c));
    if !needs_work {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len().min(MAX_SHOWN_CHARS * 4));
    // One past the cap, so a sequence cut there is judged by what follows.
    let chars: Vec<char> = text.chars().take(MAX_SHOWN_CHARS + 1).collect();
    let in_emoji = joined_in_emoji(&chars);
    let mut lines = 1;
    let mut truncated = false;
    for (count, (&c, &emoji)) in chars.iter().zip(&in_emoji).enumerate() {
        if count >= MAX_SHOWN_CHARS {
            truncated = true;
            break;
        }
        if c == '\n' {
            lines += 1;
            if lines > MAX_SHOWN_LINES {
                truncated = true;
                break;
            }
            out.push('\n');
        } else if c.is_control() || (is_invisible(c) && !emoji) {
            out.push('\u{FFFD}');
        } else {
            out.push(c);
        }
    }
    if truncated {
        out.push_str(TRUNCATED_MARK);
    }
    Cow::Owned(out)
}

/// One line: newlines become spaces, the rest as `inert_text`. For names
/// and for the CLI's one-line-per-tweet output.
pub fn inert_line(text: &str) -> String {
    inert_text(text).replace('\n', " ")
}

/// A display name: one line, at most `max` characters.
pub fn inert_name(name: &str, max: usize) -> String {
    let line = inert_line(name);
    if line.chars().count() > max {
        let cut: String = line.chars().take(max).collect();
        format!("{cut}…")
    } else {
        line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed() {
        assert!(matches!(inert_text("hello\nworld 🦀"), Cow::Borrowed(_)));
    }

    #[test]
    fn escapes_and_overrides_are_neutralised() {
        assert_eq!(
            inert_text("a\u{1b}[31mred\u{0}"),
            "a\u{FFFD}[31mred\u{FFFD}"
        );
        assert_eq!(
            inert_line("evil\u{202E}gnp.exe\r\nx"),
            "evil\u{FFFD}gnp.exe\u{FFFD} x"
        );
    }

    #[test]
    fn long_text_is_truncated() {
        let long = "x".repeat(100_000);
        let shown = inert_text(&long);
        assert!(shown.ends_with(TRUNCATED_MARK));
        assert_eq!(
            shown.chars().count(),
            MAX_SHOWN_CHARS + TRUNCATED_MARK.chars().count()
        );
        let newlines = "\n".repeat(100_000);
        let many_lines = inert_text(&newlines);
        assert_eq!(many_lines.lines().count(), MAX_SHOWN_LINES);
        assert_eq!(inert_name(&"n".repeat(100), 5), "nnnnn…");
    }

    #[test]
    fn a_trailing_newline_counts_as_a_line() {
        let page = "line\n".repeat(MAX_SHOWN_LINES - 1) + "line";
        assert!(matches!(inert_text(&page), Cow::Borrowed(_)));
        // One more '\n' is one more (empty) row in egui: over the cap.
        let over = "line\n".repeat(MAX_SHOWN_LINES);
        let shown = inert_text(&over);
        assert_eq!(shown.split('\n').count(), MAX_SHOWN_LINES);
        assert!(shown.ends_with(TRUNCATED_MARK));
    }

    /// Emoji sequences stay whole; every invisible trick stays inert
    /// (PROTOCOL.md 4.4). `R` is what a replaced character shows as.
    #[test]
    fn emoji_sequences_are_kept_and_tricks_are_not() {
        const R: &str = "\u{FFFD}";
        let kept = [
            "\u{2764}\u{FE0F}",                                                // ❤️
            "\u{1F469}\u{200D}\u{1F4BB}",                                      // 👩‍💻
            "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}\u{200D}\u{1F466}",    // family
            "\u{1F3F3}\u{FE0F}\u{200D}\u{1F308}",                              // rainbow flag
            "\u{1F44D}\u{1F3FD}",                                              // 👍🏽
            "\u{1F469}\u{1F3FD}\u{200D}\u{1F680}",                             // 👩🏽‍🚀
            "\u{1F1E9}\u{1F1EA}",                                              // 🇩🇪
            "1\u{FE0F}\u{20E3}",                                               // 1️⃣
            "#\u{FE0F}\u{20E3}",                                               // #️⃣
            "\u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}", // Scotland
            "\u{263A}\u{FE0E}",                                                // ☺︎ as text
            "\u{2709}\u{FE0F}",                                                // ✉️
            "\u{2764}\u{FE0F}\u{200D}\u{1F525}",                               // ❤️‍🔥
            "\u{1F9D1}\u{200D}\u{1F91D}\u{200D}\u{1F9D1}",                     // 🧑‍🤝‍🧑
            "emoji test \u{1F426} \u{1F389} \u{1F600} \u{2764}\u{FE0F} \u{2709} \u{21A9}",
            "\u{1F426}\u{200D}\u{2B1B}", // 🐦‍⬛
        ];
        for text in kept {
            assert_eq!(inert_text(text), text, "kept whole: {text:?}");
        }
        let replaced = [
            ("a\u{200D}b", format!("a{R}b")), // ZWJ between letters
            ("a\u{FE0F}", format!("a{R}")),   // selector after a letter
            ("a\u{FE0E}", format!("a{R}")),
            ("\u{FE0F}", R.to_owned()),                       // alone
            ("\u{1F469}\u{200D}", format!("\u{1F469}{R}")),   // ZWJ at the end
            ("\u{200D}\u{1F4BB}", format!("{R}\u{1F4BB}")),   // ZWJ at the start
            ("\u{1F469}\u{200D}a", format!("\u{1F469}{R}a")), // ZWJ before a letter
            ("a\u{200D}\u{1F4BB}", format!("a{R}\u{1F4BB}")), // ZWJ after a letter
            (
                "\u{1F469}\u{200D}\u{200D}\u{1F4BB}",
                format!("\u{1F469}{R}{R}\u{1F4BB}"),
            ),
            ("admin\u{200B}", format!("admin{R}")), // zero-width space
            ("evil\u{202E}txt", format!("evil{R}txt")), // right-to-left override
            ("\u{2066}x\u{2069}", format!("{R}x{R}")), // isolates
            ("1\u{FE0F}", format!("1{R}")),         // keycap without its mark
            ("\u{E0067}\u{E0062}", format!("{R}{R}")), // tags without a flag
            ("\u{1F3F4}\u{E0067}\u{E0062}", format!("\u{1F3F4}{R}{R}")), // no cancel tag
            ("a\u{E0067}\u{E007F}", format!("a{R}{R}")),
            ("\u{FEFF}bom", format!("{R}bom")), // byte order mark
            ("x\u{00AD}y", format!("x{R}y")),   // soft hyphen
            ("\u{3164}", R.to_owned()),         // Hangul filler
        ];
        for (text, shown) in &replaced {
            assert_eq!(inert_text(text), *shown, "inert: {text:?}");
        }
        assert!(kept.len() + replaced.len() >= 30);
    }
}
