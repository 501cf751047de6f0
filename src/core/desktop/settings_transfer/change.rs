//! What an import changes, in the words the preview uses: each change,
//! each entry left out and why, and the whole of a merge.

use std::fmt;

use crate::core::model::display::inert_name;

/// How much of a name or URL a change shows.
pub(super) const SHOWN_CHARS: usize = 60;

/// One thing an import changes, said as the preview lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    AddHashtag {
        tag: String,
        followed: bool,
    },
    FollowHashtag(String),
    AddPerson {
        user: String,
        followed: bool,
    },
    FollowPerson(String),
    /// With notes worth knowing first (no password, no certificate check).
    AddProfile {
        name: String,
        broker: String,
        notes: Vec<String>,
    },
    /// What differed, each as "field old → new" or a note.
    ChangeProfile {
        name: String,
        what: Vec<String>,
    },
    MutePerson {
        name: String,
        blocked: bool,
    },
    /// Muted already; blocked now.
    BlockPerson(String),
    MuteWord(String),
    MuteHashtag(String),
    /// Said as it is (theme, zoom).
    Appearance(String),
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown = |text: &str| inert_name(text, SHOWN_CHARS);
        match self {
            Change::AddHashtag {
                tag,
                followed: true,
            } => write!(f, "add and follow #{tag}"),
            Change::AddHashtag { tag, .. } => write!(f, "add #{tag} (not followed)"),
            Change::FollowHashtag(tag) => write!(f, "follow #{tag}"),
            Change::AddPerson {
                user,
                followed: true,
            } => write!(f, "add and follow @{user}"),
            Change::AddPerson { user, .. } => write!(f, "add @{user} to People (not followed)"),
            Change::FollowPerson(user) => write!(f, "follow @{user}"),
            Change::AddProfile {
                name,
                broker,
                notes,
            } => {
                write!(f, "add profile \"{}\" ({})", shown(name), shown(broker))?;
                if !notes.is_empty() {
                    write!(f, ": {}", notes.join("; "))?;
                }
                Ok(())
            }
            Change::ChangeProfile { name, what } => {
                write!(f, "change profile \"{}\": {}", shown(name), what.join("; "))
            }
            Change::MutePerson { name, blocked } => {
                let verb = if *blocked { "block" } else { "mute" };
                write!(f, "{verb} @{}", shown(name))
            }
            Change::BlockPerson(name) => write!(f, "block @{} (muted now)", shown(name)),
            Change::MuteWord(word) => write!(f, "mute the word \"{word}\""),
            Change::MuteHashtag(tag) => write!(f, "mute #{tag} in All tweets"),
            Change::Appearance(what) => f.write_str(what),
        }
    }
}

/// An entry of the file left out, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub what: String,
    pub why: String,
}

impl fmt::Display for Skipped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "left out {}: {}", self.what, self.why)
    }
}

/// What a merge did (or, on a copy, would do).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Merge {
    pub changes: Vec<Change>,
    pub skipped: Vec<Skipped>,
}

impl Merge {
    /// Nothing would change: the person has all of it already.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// Hashtags followed by the merge (new or ticked now): to subscribe.
    pub fn followed_tags(&self) -> impl Iterator<Item = &str> {
        self.changes.iter().filter_map(|change| match change {
            Change::AddHashtag {
                tag,
                followed: true,
            }
            | Change::FollowHashtag(tag) => Some(tag.as_str()),
            _ => None,
        })
    }

    /// People followed by the merge: to subscribe to their topics.
    pub fn followed_people(&self) -> impl Iterator<Item = &str> {
        self.changes.iter().filter_map(|change| match change {
            Change::AddPerson {
                user,
                followed: true,
            }
            | Change::FollowPerson(user) => Some(user.as_str()),
            _ => None,
        })
    }

    /// The profile called `name` was changed (so reconnect, if in use).
    pub fn changed_profile(&self, name: &str) -> bool {
        self.changes
            .iter()
            .any(|change| matches!(change, Change::ChangeProfile { name: changed, .. } if changed == name))
    }

    pub(super) fn skip(&mut self, what: String, why: impl fmt::Display) {
        let what = inert_name(&what, SHOWN_CHARS);
        self.skipped.push(Skipped {
            what,
            why: why.to_string(),
        });
    }
}
