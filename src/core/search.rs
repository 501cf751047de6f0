//! What a timeline can be narrowed to: one hashtag, or a search by words,
//! `@user` and `#tag` (all must match; case doesn't matter).

use super::timeline::TimelineEntry;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    /// Lowercased words the text must contain.
    words: Vec<String>,
    /// Lowercased authors (any of them).
    users: Vec<String>,
    /// Lowercased hashtags the tweet must carry (all of them).
    tags: Vec<String>,
}

impl Query {
    /// None when there is nothing to search for.
    pub fn parse(typed: &str) -> Option<Query> {
        let mut query = Query {
            words: Vec::new(),
            users: Vec::new(),
            tags: Vec::new(),
        };
        // A lone `@` or `#` is a search still being typed: nothing yet.
        for token in typed
            .split_whitespace()
            .filter(|t| !matches!(*t, "@" | "#"))
        {
            let lower = token.to_lowercase();
            if let Some(user) = lower.strip_prefix('@').filter(|u| !u.is_empty()) {
                query.users.push(user.to_owned());
            } else if let Some(tag) = lower.strip_prefix('#').filter(|t| !t.is_empty()) {
                query.tags.push(tag.to_owned());
            } else {
                query.words.push(lower);
            }
        }
        let empty = query.words.is_empty() && query.users.is_empty() && query.tags.is_empty();
        (!empty).then_some(query)
    }

    pub fn matches(&self, entry: &TimelineEntry) -> bool {
        if !self.users.is_empty() {
            let Some(user) = entry.user() else {
                return false;
            };
            let user = user.to_lowercase();
            if !self.users.contains(&user) {
                return false;
            }
        }
        let has_tag = |wanted: &String| entry.tags().any(|t| t.to_lowercase() == *wanted);
        if !self.tags.iter().all(has_tag) {
            return false;
        }
        if self.words.is_empty() {
            return true;
        }
        let text = entry.text().to_lowercase();
        self.words.iter().all(|word| text.contains(word.as_str()))
    }
}

/// What a filtered view shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Filter {
    /// One hashtag's tweets (exact, as topics are).
    Tag(String),
    /// A search, and the text it was typed as.
    Search { typed: String, query: Query },
}

impl Filter {
    pub fn matches(&self, entry: &TimelineEntry) -> bool {
        match self {
            Filter::Tag(tag) => entry.tags().any(|t| t == tag),
            Filter::Search { query, .. } => query.matches(entry),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::compose::prepare;
    use crate::core::timeline::Timeline;

    fn timeline() -> Timeline {
        let mut timeline = Timeline::with_limit(100);
        for (user, text) in [
            ("Ada", "Compilers are FUN #rust"),
            ("bob", "brokers and bridges #mqtt #rust"),
            ("carol", "fun with brokers #mqtt"),
        ] {
            let tweet = prepare(user, text, &[], false).expect("valid").tweet;
            timeline.insert_received(&tweet);
        }
        timeline
    }

    fn found(typed: &str) -> Vec<String> {
        let query = Query::parse(typed).expect("a query");
        timeline()
            .iter()
            .filter(|e| query.matches(e))
            .map(|e| e.user().unwrap_or_default().to_owned())
            .collect()
    }

    #[test]
    fn words_users_and_tags_all_must_match_in_any_case() {
        assert_eq!(found("fun"), ["carol", "Ada"]);
        assert_eq!(found("BROKERS #MQTT"), ["carol", "bob"]);
        assert_eq!(found("@ada"), ["Ada"]);
        assert_eq!(found("#rust #mqtt"), ["bob"]);
        assert_eq!(found("@bob fun"), Vec::<String>::new());
        assert_eq!(Query::parse("  @ # "), None);
    }
}
