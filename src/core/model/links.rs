//! Web links in a tweet's text: `http://` and `https://` only (never
//! `javascript:`, `file:` or any other scheme), found so the card can show
//! them as links by their host. Nothing here fetches anything: a link is
//! opened only when the person clicks it.

use std::ops::Range;

/// Links longer than this are left as plain text (a hostile tweet cannot
/// make a link the browser chokes on).
pub const MAX_LINK_BYTES: usize = 2_048;

/// One link: where it is in the text, and its host as shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link<'a> {
    pub range: Range<usize>,
    pub url: &'a str,
    pub host: &'a str,
}

/// The links of `text`, in order. A link ends at whitespace; trailing
/// punctuation (`.,;:!?'"` and unbalanced `)`) stays outside it.
pub fn links_in(text: &str) -> Vec<Link<'_>> {
    // ASCII lower case keeps every byte where it was.
    let lower = text.to_ascii_lowercase();
    let mut links = Vec::new();
    let mut from = 0;
    while let Some(start) = next_scheme(&lower, from) {
        let rest = &text[start..];
        let end = start + rest.find(char::is_whitespace).unwrap_or(rest.len());
        let end = start + trimmed_len(&text[start..end]);
        from = end.max(start + 1);
        while !text.is_char_boundary(from) {
            from += 1;
        }
        if let Some(link) = link_at(text, start..end) {
            links.push(link);
        }
    }
    links
}

/// Where `http://` or `https://` next starts in `lower` from `from`, at a
/// word boundary.
fn next_scheme(lower: &str, mut from: usize) -> Option<usize> {
    loop {
        let at = from + lower[from..].find("http")?;
        let after = &lower[at..];
        let boundary = lower[..at]
            .chars()
            .last()
            .is_none_or(|c| !c.is_alphanumeric());
        if boundary && (after.starts_with("http://") || after.starts_with("https://")) {
            return Some(at);
        }
        from = at + 4;
    }
}

/// The length of `candidate` without trailing punctuation.
fn trimmed_len(candidate: &str) -> usize {
    let mut url = candidate;
    loop {
        let trimmed = url.trim_end_matches(['.', ',', ';', ':', '!', '?', '\'', '"']);
        let trimmed = match trimmed.strip_suffix(')') {
            Some(inner) if inner.matches('(').count() < inner.matches(')').count() + 1 => inner,
            _ => trimmed,
        };
        if trimmed.len() == url.len() {
            return url.len();
        }
        url = trimmed;
    }
}

fn link_at(text: &str, range: Range<usize>) -> Option<Link<'_>> {
    let url = text.get(range.clone())?;
    if url.len() > MAX_LINK_BYTES {
        return None;
    }
    let after_scheme = url.split_once("://")?.1;
    let authority = after_scheme
        .split(['/', '?', '#'])
        .next()
        .unwrap_or_default();
    let host_port = authority.rsplit('@').next().unwrap_or_default();
    let host = host_port
        .rsplit_once(':')
        .filter(|(_, port)| port.chars().all(|c| c.is_ascii_digit()))
        .map_or(host_port, |(host, _)| host);
    let valid = !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '[' | ']' | ':'));
    valid.then_some(Link { range, url, host })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(&str, &str)> {
        links_in(text)
            .into_iter()
            .map(|l| (l.url, l.host))
            .collect()
    }

    #[test]
    fn links_are_found_with_their_hosts() {
        assert_eq!(
            found("see https://example.com/a?b=1#c, and http://x.org:8080/p."),
            [
                ("https://example.com/a?b=1#c", "example.com"),
                ("http://x.org:8080/p", "x.org")
            ]
        );
        assert_eq!(
            found("(https://en.wikipedia.org/wiki/Rust_(language))"),
            [(
                "https://en.wikipedia.org/wiki/Rust_(language)",
                "en.wikipedia.org"
            )]
        );
        assert_eq!(
            found("HTTPS://Example.COM"),
            [("HTTPS://Example.COM", "Example.COM")]
        );
        assert_eq!(
            found("https://user:pw@host.net/"),
            [("https://user:pw@host.net/", "host.net")]
        );
    }

    #[test]
    fn other_schemes_and_broken_links_stay_text() {
        assert!(found("javascript:alert(1) file:///etc/passwd ftp://x.org").is_empty());
        assert!(found("https:// alone, http://").is_empty());
        assert!(found("xhttps://evil.com").is_empty(), "not at a word start");
        assert!(found("https://<script>/").is_empty());
        assert!(found("https://a b").len() == 1);
    }

    #[test]
    fn hostile_links_are_bounded_and_unicode_safe() {
        let long = format!("https://a.com/{}", "x".repeat(100_000));
        assert!(found(&long).is_empty(), "too long to be a link");
        assert_eq!(
            found("über https://bücher.de/straße… ok"),
            [("https://bücher.de/straße…", "bücher.de")]
        );
        let many = "https://a.b ".repeat(10_000);
        assert_eq!(links_in(&many).len(), 10_000);
        assert!(found("http\u{0}://x.y https\u{202e}://x").is_empty());
        assert!(found("ééhttps://").is_empty());
    }
}
