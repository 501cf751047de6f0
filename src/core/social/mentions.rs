//! `@name` in a tweet: found in the text, highlighted when shown, and sent
//! to `chirp/mentions/<name>`, which every client follows for its own
//! username, so a mention reaches its person whatever hashtags they follow.
//! See PROTOCOL.md.

use crate::core::model::name::{Username, sigil_runs};

pub const MENTIONS_PREFIX: &str = "chirp/mentions/";

pub fn topic(user: &str) -> String {
    format!("{MENTIONS_PREFIX}{user}")
}

/// The mention `@name` at each byte range of `text`, in order: an `@` not
/// preceded by a name character (so `a@b.c` is no mention), then a valid
/// username.
pub fn mention_spans(text: &str) -> Vec<(std::ops::Range<usize>, &str)> {
    sigil_runs(text, '@')
        .filter(|(_, name)| Username::parse(name).is_ok())
        .collect()
}

/// Everyone mentioned in `text`, each once, in order.
pub fn mentioned_users(text: &str) -> Vec<Username> {
    let mut found: Vec<Username> = Vec::new();
    for (_, name) in mention_spans(text) {
        if let Ok(user) = Username::parse(name)
            && !found.contains(&user)
        {
            found.push(user);
        }
    }
    found
}

/// Whether `text` mentions `user` (exactly: names are case-sensitive).
pub fn mentions(text: &str, user: &str) -> bool {
    // Most tweets mention nobody: skip the scan.
    text.contains('@') && mention_spans(text).iter().any(|(_, name)| *name == user)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mentions_are_found_where_a_person_would_see_them() {
        let text = "@bob hi, cc @Ann and @bob again; mail x@y.z, @@nope @a/b @";
        let names: Vec<&str> = mention_spans(text).iter().map(|(_, n)| *n).collect();
        assert_eq!(names, ["bob", "Ann", "bob", "a"]);
        let users: Vec<String> = mentioned_users(text)
            .into_iter()
            .map(String::from)
            .collect();
        assert_eq!(users, ["bob", "Ann", "a"]);
        let (range, _) = &mention_spans(text)[0];
        assert_eq!(&text[range.clone()], "@bob");
    }

    #[test]
    fn mentions_are_exact_and_unicode() {
        assert!(mentions("hello @café!", "café"));
        assert!(!mentions("hello @café!", "caf"));
        assert!(
            !mentions("hello @Bob", "bob"),
            "case-sensitive, as topics are"
        );
        assert!(!mentions("no one here", "bob"));
        assert_eq!(topic("日本"), "chirp/mentions/日本");
    }
}
