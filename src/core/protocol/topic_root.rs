//! The topic level tweets live under: `hashtags` by default, so `#rust` is
//! `hashtags/rust`. Some communities use another root (a class on the
//! public broker might use `twitter`, or `school/class-3`), chosen per
//! connection profile.

use std::fmt;

use serde::{Deserialize, Serialize};

pub const DEFAULT_TOPIC_ROOT: &str = "hashtags";
const MAX_ROOT_BYTES: usize = 128;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TopicRootError {
    #[error("the topic root can't be empty (the usual one is \"hashtags\")")]
    Empty,
    #[error("the topic root can be at most {MAX_ROOT_BYTES} bytes")]
    TooLong,
    #[error("the topic root can't contain '+' or '#': they are MQTT wildcards")]
    Wildcard,
    #[error("the topic root can't start with '$': brokers keep those topics for themselves")]
    System,
    #[error("the topic root can't start or end with '/' or have an empty level")]
    EmptyLevel,
    #[error("the topic root can't contain control characters")]
    Control,
}

/// A valid root: one or more non-empty topic levels, no wildcards.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct TopicRoot(String);

impl Default for TopicRoot {
    fn default() -> Self {
        Self(DEFAULT_TOPIC_ROOT.to_owned())
    }
}

impl TopicRoot {
    /// Accepts what a person typed; surrounding spaces are dropped.
    pub fn parse(typed: &str) -> Result<Self, TopicRootError> {
        let root = typed.trim();
        if root.is_empty() {
            return Err(TopicRootError::Empty);
        }
        if root.len() > MAX_ROOT_BYTES {
            return Err(TopicRootError::TooLong);
        }
        if root.contains(['+', '#']) {
            return Err(TopicRootError::Wildcard);
        }
        if root.starts_with('$') {
            return Err(TopicRootError::System);
        }
        if root.split('/').any(str::is_empty) {
            return Err(TopicRootError::EmptyLevel);
        }
        if root.chars().any(char::is_control) {
            return Err(TopicRootError::Control);
        }
        Ok(Self(root.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The topic of hashtag `tag` (already a valid hashtag).
    pub fn topic(&self, tag: &str) -> String {
        format!("{}/{tag}", self.0)
    }

    /// The tag a `<root>/<tag>` topic is about, if it is one: exactly one
    /// non-empty level below the root.
    pub fn tag_of<'t>(&self, topic: &'t str) -> Option<&'t str> {
        topic
            .strip_prefix(self.0.as_str())?
            .strip_prefix('/')
            .filter(|tag| !tag.is_empty() && !tag.contains('/'))
    }
}

impl TryFrom<String> for TopicRoot {
    type Error = TopicRootError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<TopicRoot> for String {
    fn from(root: TopicRoot) -> Self {
        root.0
    }
}

impl fmt::Display for TopicRoot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topics_under_a_root_and_back() {
        let root = TopicRoot::default();
        assert_eq!(root.topic("rust"), "hashtags/rust");
        assert_eq!(root.tag_of("hashtags/rust"), Some("rust"));
        let class = TopicRoot::parse(" school/class-3 ").expect("valid");
        assert_eq!(class.topic("maths"), "school/class-3/maths");
        assert_eq!(class.tag_of("school/class-3/maths"), Some("maths"));
        assert_eq!(class.tag_of("school/class-3"), None);
        assert_eq!(class.tag_of("school/class-3/"), None);
        assert_eq!(class.tag_of("school/class-3/a/b"), None);
        assert_eq!(class.tag_of("school/class-30/maths"), None);
        assert_eq!(root.tag_of("twitter/rust"), None);
    }

    #[test]
    fn invalid_roots_are_refused_with_the_reason() {
        let cases = [
            ("", TopicRootError::Empty),
            ("  ", TopicRootError::Empty),
            ("a/+", TopicRootError::Wildcard),
            ("#", TopicRootError::Wildcard),
            ("$SYS", TopicRootError::System),
            ("/hashtags", TopicRootError::EmptyLevel),
            ("hashtags/", TopicRootError::EmptyLevel),
            ("a//b", TopicRootError::EmptyLevel),
            ("a\u{0}b", TopicRootError::Control),
        ];
        for (typed, error) in cases {
            assert_eq!(TopicRoot::parse(typed), Err(error), "{typed:?}");
        }
        assert_eq!(
            TopicRoot::parse(&"x".repeat(129)),
            Err(TopicRootError::TooLong)
        );
        let json: Result<TopicRoot, _> = serde_json::from_str("\"a/+\"");
        assert!(json.is_err());
    }
}
