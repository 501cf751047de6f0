//! Mutes and blocks: people (by signing key when their tweets were signed,
//! so a new name does not escape the mute; else by name), words (whole
//! words, any case; `#tag` and `@name` forms for hashtags and mentions),
//! and hashtags muted in All tweets. `MuteList` is what Settings keeps;
//! `Mutes` is its index, asked once per row drawn.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::core::model::author_key::AuthorKey;
use crate::core::model::timeline::TimelineEntry;

/// Mutes of each kind kept at most (people, words, hashtags each); beyond
/// it nothing more is added and the Settings dialog says so.
pub const MUTE_LIMIT: usize = 10_000;
/// The longest muted word, in characters (after its `#` or `@`).
pub const MUTE_WORD_CHARS: usize = 64;

/// One muted person. `key` (base64) when muted from a signed tweet: the mute
/// follows the key whatever name it uses; else `name` alone decides.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct MutedPerson {
    pub name: String,
    pub key: Option<String>,
    /// Blocked: their direct messages are dropped too.
    pub blocked: bool,
}

impl MutedPerson {
    /// Muting the author `name`, who signed with `key` if any.
    pub fn new(name: &str, key: Option<AuthorKey>, blocked: bool) -> Self {
        Self {
            name: name.to_owned(),
            key: key.map(|key| key.to_base64()),
            blocked,
        }
    }

    /// The same mute: the same key, or the same name when neither has one.
    pub fn is(&self, other: &MutedPerson) -> bool {
        match (&self.key, &other.key) {
            (Some(mine), Some(theirs)) => mine == theirs,
            (None, None) => self.name == other.name,
            _ => false,
        }
    }
}

/// What Settings keeps: every mute, in the order added.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct MuteList {
    pub people: Vec<MutedPerson>,
    /// Lower case, as `normalized_word` leaves them.
    pub words: Vec<String>,
    /// Hashtags (without `#`) kept out of All tweets; their own view still shows them.
    pub hashtags: Vec<String>,
}

/// Why a word cannot be muted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum MuteWordError {
    #[error("type a word")]
    Empty,
    #[error("one word at most {MUTE_WORD_CHARS} characters")]
    TooLong,
    #[error("letters, digits, _ and - only (a # or @ may start it)")]
    NotAWord,
    #[error("already muted")]
    AlreadyMuted,
    #[error("the list is full ({MUTE_LIMIT} words)")]
    Full,
}

/// `typed` as a muted word: trimmed, lower case, checked.
pub fn normalized_word(typed: &str) -> Result<String, MuteWordError> {
    let word = typed.trim().to_lowercase();
    let body = word
        .strip_prefix('#')
        .or_else(|| word.strip_prefix('@'))
        .unwrap_or(&word);
    if body.is_empty() {
        return Err(MuteWordError::Empty);
    }
    if body.chars().count() > MUTE_WORD_CHARS {
        return Err(MuteWordError::TooLong);
    }
    if !body.chars().all(is_word_char) {
        return Err(MuteWordError::NotAWord);
    }
    Ok(word)
}

impl MuteList {
    /// Adds `person`, or makes an existing mute a block. False when full.
    pub fn mute_person(&mut self, person: MutedPerson) -> bool {
        if let Some(known) = self.people.iter_mut().find(|p| p.is(&person)) {
            known.blocked |= person.blocked;
            return true;
        }
        if self.people.len() >= MUTE_LIMIT {
            return false;
        }
        self.people.push(person);
        true
    }

    pub fn mute_word(&mut self, typed: &str) -> Result<(), MuteWordError> {
        let word = normalized_word(typed)?;
        if self.words.contains(&word) {
            return Err(MuteWordError::AlreadyMuted);
        }
        if self.words.len() >= MUTE_LIMIT {
            return Err(MuteWordError::Full);
        }
        self.words.push(word);
        Ok(())
    }

    /// Keeps `tag` out of All tweets. False when full.
    pub fn mute_hashtag(&mut self, tag: &str) -> bool {
        if self.hashtags.iter().any(|t| t == tag) {
            return true;
        }
        if self.hashtags.len() >= MUTE_LIMIT {
            return false;
        }
        self.hashtags.push(tag.to_owned());
        true
    }

    /// Whether `name` (signing with `key`, if any) is muted or blocked.
    /// A walk over the list: for the one person card open.
    pub fn person_of(&self, name: &str, key: Option<AuthorKey>) -> Option<&MutedPerson> {
        let key = key.map(|key| key.to_base64());
        self.people.iter().find(|p| match &p.key {
            Some(muted) => key.as_ref() == Some(muted),
            None => p.name == name,
        })
    }

    /// Undoes the mute (or block) of `person`.
    pub fn unmute_person(&mut self, person: &MutedPerson) {
        self.people.retain(|p| !p.is(person));
    }
}

/// Where a row is drawn: hashtag mutes apply to All tweets only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    AllTweets,
    Narrowed,
}

/// What to do with one tweet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Shown,
    /// One line naming the muted word it matched, with a Show button.
    Collapsed(String),
    Hidden,
}

/// The index of a `MuteList`, built again whenever it changes.
#[derive(Debug, Clone, Default)]
pub struct Mutes {
    keys: HashSet<AuthorKey>,
    names: HashSet<String>,
    blocked_keys: HashSet<AuthorKey>,
    blocked_names: HashSet<String>,
    words: HashSet<String>,
    hashtags: HashSet<String>,
}

impl Mutes {
    pub fn new(list: &MuteList) -> Self {
        let mut mutes = Self::default();
        for person in list.people.iter().take(MUTE_LIMIT) {
            match person.key.as_deref().and_then(AuthorKey::from_base64) {
                Some(key) => {
                    mutes.keys.insert(key);
                    if person.blocked {
                        mutes.blocked_keys.insert(key);
                    }
                }
                None => {
                    mutes.names.insert(person.name.clone());
                    if person.blocked {
                        mutes.blocked_names.insert(person.name.clone());
                    }
                }
            }
        }
        mutes.words = list.words.iter().take(MUTE_LIMIT).cloned().collect();
        mutes.hashtags = list.hashtags.iter().take(MUTE_LIMIT).cloned().collect();
        mutes
    }

    /// The author of a tweet signed with `key` (if any) under `name` is muted.
    pub fn is_muted(&self, name: Option<&str>, key: Option<AuthorKey>) -> bool {
        key.is_some_and(|key| self.keys.contains(&key))
            || name.is_some_and(|name| self.names.contains(name))
    }

    /// Their direct messages are dropped.
    pub fn is_blocked(&self, name: &str, key: Option<AuthorKey>) -> bool {
        key.is_some_and(|key| self.blocked_keys.contains(&key)) || self.blocked_names.contains(name)
    }

    /// What to do with `entry` drawn in `scope`.
    pub fn verdict(&self, entry: &TimelineEntry, scope: Scope) -> Verdict {
        if self.is_muted(entry.user(), entry.signed().map(|s| s.key)) {
            return Verdict::Hidden;
        }
        if scope == Scope::AllTweets && self.all_tags_muted(entry) {
            return Verdict::Hidden;
        }
        match self.muted_word_in(entry.text(), entry.tags()) {
            Some(word) => Verdict::Collapsed(word),
            None => Verdict::Shown,
        }
    }

    /// Every hashtag of the tweet is muted: on an unmuted one it still shows.
    fn all_tags_muted(&self, entry: &TimelineEntry) -> bool {
        !self.hashtags.is_empty()
            && entry.tags().len() > 0
            && entry.tags().all(|tag| self.hashtags.contains(tag))
    }

    /// The first muted word in `text` or among `tags`: a plain word matches
    /// the word alone, `#word` and `@word`; `#word` only hashtags; `@word`
    /// only mentions.
    pub fn muted_word_in<'a>(
        &self,
        text: &str,
        mut tags: impl Iterator<Item = &'a str>,
    ) -> Option<String> {
        if self.words.is_empty() {
            return None;
        }
        let text = text.to_lowercase();
        let mut prefixed = String::new();
        for (prefix, word) in words_of(&text) {
            if let Some(found) = self.find(prefix, word, &mut prefixed) {
                return Some(found);
            }
        }
        tags.find_map(|tag| self.find(Some('#'), &tag.to_lowercase(), &mut prefixed))
    }

    fn find(&self, prefix: Option<char>, word: &str, scratch: &mut String) -> Option<String> {
        if self.words.contains(word) {
            return Some(word.to_owned());
        }
        let prefix = prefix?;
        scratch.clear();
        scratch.push(prefix);
        scratch.push_str(word);
        self.words
            .contains(scratch.as_str())
            .then(|| scratch.clone())
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '-'
}

/// The words of `text`, each with the `#` or `@` just before it, if any.
fn words_of(text: &str) -> impl Iterator<Item = (Option<char>, &str)> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let start = rest.find(is_word_char)?;
        let prefix = rest[..start].chars().last();
        let body = &rest[start..];
        let end = body.find(|c: char| !is_word_char(c)).unwrap_or(body.len());
        rest = &body[end..];
        Some((prefix.filter(|c| *c == '#' || *c == '@'), &body[..end]))
    })
}

#[cfg(test)]
#[path = "mutes/tests.rs"]
mod tests;
