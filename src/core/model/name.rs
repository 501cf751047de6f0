//! Hashtags and usernames: the two kinds of name a person types, with the
//! rules that keep them usable as one MQTT topic level.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Why a typed hashtag or username was refused. The text is shown to the user as is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NameError {
    #[error("{kind} can't be empty")]
    Empty { kind: NameKind },
    #[error("{kind} can be at most {max} characters (this one has {len})")]
    TooLong {
        kind: NameKind,
        max: usize,
        len: usize,
    },
    #[error("{kind} can't contain {what}: use letters, digits, _ or -")]
    ForbiddenChar { kind: NameKind, what: String },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameKind {
    Hashtag,
    Username,
}

impl NameKind {
    pub fn max_chars(self) -> usize {
        match self {
            NameKind::Hashtag => 64,
            NameKind::Username => 32,
        }
    }
}

impl fmt::Display for NameKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            NameKind::Hashtag => "a hashtag",
            NameKind::Username => "a username",
        })
    }
}

/// Letters and digits of any script, `_` and `-`: everything else could change
/// the meaning of an MQTT topic, or make one name look like another.
pub fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '-'
}

/// Every `<sigil>run` written in `text` (`#tag`, `@user`), in order: the
/// sigil not preceded by a name character or another sigil (so `issue#12`
/// and `a@b.c` are none), then the longest run of name characters after
/// it. Yields the byte range of the whole, sigil included, and the run
/// (maybe empty); whether the run is a valid name is the caller's to check.
pub fn sigil_runs(text: &str, sigil: char) -> impl Iterator<Item = (std::ops::Range<usize>, &str)> {
    let mut previous: Option<char> = None;
    text.char_indices().filter_map(move |(at, c)| {
        let starts = c == sigil && !previous.is_some_and(is_name_char) && previous != Some(sigil);
        previous = Some(c);
        if !starts {
            return None;
        }
        let from = at + sigil.len_utf8();
        let rest = &text[from..];
        let end = rest.find(|c: char| !is_name_char(c)).unwrap_or(rest.len());
        Some((at..from + end, &rest[..end]))
    })
}

fn describe_char(c: char) -> String {
    match c {
        '/' => "'/' (it separates topic levels)".to_owned(),
        '+' | '#' => format!("'{c}' (an MQTT wildcard)"),
        '\0' => "a NUL character".to_owned(),
        c if c.is_whitespace() => "spaces".to_owned(),
        c if c.is_control() => format!("a control character (U+{:04X})", c as u32),
        c if is_invisible(c) => format!("an invisible character (U+{:04X})", c as u32),
        c => format!("'{c}'"),
    }
}

/// Format characters (bidi overrides, zero-width joiners…) that render as
/// nothing but change how the text around them looks.
pub fn is_invisible(c: char) -> bool {
    matches!(c as u32,
        0x00AD | 0x034F | 0x061C | 0x115F | 0x1160 | 0x17B4 | 0x17B5 | 0x180B..=0x180F
        | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x206F | 0x3164 | 0xFE00..=0xFE0F
        | 0xFEFF | 0xFFA0 | 0xFFF0..=0xFFF8 | 0xE0000..=0xE0FFF)
}

fn validate(kind: NameKind, text: &str) -> Result<(), NameError> {
    if text.is_empty() {
        return Err(NameError::Empty { kind });
    }
    if let Some(bad) = text.chars().find(|&c| !is_name_char(c) || is_invisible(c)) {
        return Err(NameError::ForbiddenChar {
            kind,
            what: describe_char(bad),
        });
    }
    let len = text.chars().count();
    let max = kind.max_chars();
    if len > max {
        return Err(NameError::TooLong { kind, max, len });
    }
    Ok(())
}

/// A hashtag without its leading `#`, case preserved: `#Rust` and `#rust` are
/// different tags, as on the classic clients.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Hashtag(String);

impl Hashtag {
    /// Accepts what a person typed: surrounding spaces and one leading `#` are dropped.
    pub fn parse(typed: &str) -> Result<Self, NameError> {
        let trimmed = typed.trim();
        let bare = trimmed.strip_prefix('#').unwrap_or(trimmed);
        validate(NameKind::Hashtag, bare)?;
        Ok(Self(bare.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Hashtag {
    type Error = NameError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Hashtag> for String {
    fn from(tag: Hashtag) -> Self {
        tag.0
    }
}

impl fmt::Display for Hashtag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.0)
    }
}

/// The name a person posts under.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Username(String);

impl Username {
    /// Accepts what a person typed: surrounding spaces and one leading `@` are dropped.
    pub fn parse(typed: &str) -> Result<Self, NameError> {
        let trimmed = typed.trim();
        let bare = trimmed.strip_prefix('@').unwrap_or(trimmed);
        validate(NameKind::Username, bare)?;
        Ok(Self(bare.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Username {
    type Error = NameError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Username> for String {
    fn from(name: Username) -> Self {
        name.0
    }
}

impl fmt::Display for Username {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "@{}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn good_hashtags() {
        for (typed, tag) in [
            ("rust", "rust"),
            ("#Rust", "Rust"),
            ("  #mqtt ", "mqtt"),
            ("snake_case", "snake_case"),
            ("kebab-case", "kebab-case"),
            ("2026", "2026"),
            ("日本語", "日本語"),
            ("café", "café"),
            ("Ελληνικά", "Ελληνικά"),
            ("عربي", "عربي"),
            (&"a".repeat(64), &"a".repeat(64)),
        ] {
            assert_eq!(
                Hashtag::parse(typed).map(|t| t.0),
                Ok(tag.to_owned()),
                "{typed:?}"
            );
        }
    }

    #[test]
    fn case_is_preserved_and_significant() {
        assert_ne!(Hashtag::parse("#Rust"), Hashtag::parse("#rust"));
        assert_eq!(
            Hashtag::parse("Rust").map(|t| format!("hashtags/{}", t.as_str())),
            Ok("hashtags/Rust".into())
        );
    }

    #[test]
    fn bad_hashtags() {
        let long = "a".repeat(65);
        for (typed, reason) in [
            ("", "can't be empty"),
            ("#", "can't be empty"),
            ("   ", "can't be empty"),
            ("a/b", "'/'"),
            ("+", "wildcard"),
            ("a+b", "wildcard"),
            ("##rust", "wildcard"),
            ("ru#st", "wildcard"),
            ("two words", "spaces"),
            ("tab\there", "spaces"),
            ("nul\0", "NUL"),
            ("bell\u{7}", "control character"),
            ("esc\u{1b}[31m", "control character"),
            ("evil\u{202E}gnp", "invisible"),
            ("zero\u{200B}width", "invisible"),
            ("filler\u{3164}", "invisible"),
            ("dot.ted", "'.'"),
            ("emoji🦀", "'🦀'"),
            (&long, "at most 64 characters (this one has 65)"),
        ] {
            let err = Hashtag::parse(typed).expect_err(typed).to_string();
            assert!(err.contains(reason), "{typed:?}: {err}");
            assert!(err.starts_with("a hashtag"), "{err}");
        }
    }

    #[test]
    fn usernames() {
        assert_eq!(Username::parse(" @alice ").map(|u| u.0), Ok("alice".into()));
        assert_eq!(Username::parse("Zoë_42").map(|u| u.0), Ok("Zoë_42".into()));
        assert!(Username::parse(&"b".repeat(32)).is_ok());
        for typed in [
            "",
            "a b",
            "a/b",
            "+",
            "#",
            "x\u{202E}",
            "\u{0}",
            &"b".repeat(33),
        ] {
            let err = Username::parse(typed).expect_err(typed).to_string();
            assert!(err.starts_with("a username"), "{err}");
        }
        assert!(
            Username::parse(&"b".repeat(33))
                .expect_err("too long")
                .to_string()
                .contains("at most 32")
        );
    }

    #[test]
    fn serde_refuses_invalid_names() {
        assert!(serde_json::from_str::<Hashtag>("\"a/b\"").is_err());
        assert_eq!(
            serde_json::from_str::<Hashtag>("\"rust\"")
                .ok()
                .map(|t| t.0),
            Some("rust".to_owned())
        );
    }
}
