//! Making received text inert before it is shown: no terminal escapes, no
//! bidi overrides or invisible characters that could make one name look like
//! another, and a cap on how much of it is laid out.

use std::borrow::Cow;

use crate::core::model::name::is_invisible;

/// The most characters of one tweet's text that are laid out.
pub const MAX_SHOWN_CHARS: usize = 2_000;
/// The most lines of one tweet's text that are laid out.
pub const MAX_SHOWN_LINES: usize = 30;
pub const TRUNCATED_MARK: &str = "… (truncated)";

/// Text with newlines kept (as at most `MAX_SHOWN_LINES` lines), every other
/// control or invisible character replaced by U+FFFD, and cut at
/// `MAX_SHOWN_CHARS`.
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
    let mut lines = 1;
    let mut truncated = false;
    for (count, c) in text.chars().enumerate() {
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
        } else if c.is_control() || is_invisible(c) {
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
}
