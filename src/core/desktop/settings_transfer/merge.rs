//! Importing a settings file: a merge that adds what is new, follows what
//! the file follows and updates a profile whose details differ, and never
//! removes, unfollows or unmutes anything the person has. The preview is
//! the same merge done on a copy, so what it lists is what Import does.

use super::SettingsExport;
use super::appearance::apply_appearance;
use super::change::{Change, Merge};
use super::profiles::merge_profiles;
use crate::core::desktop::followed_person::MAX_PEOPLE;
use crate::core::desktop::settings::{FollowedHashtag, FollowedPerson, Settings};
use crate::core::model::author_key::AuthorKey;
use crate::core::model::name::{Hashtag, Username};
use crate::core::social::mutes::{MuteList, MuteWordError, MutedPerson};

/// Hashtags kept at most once an import is done: each followed one is a
/// subscription, and a file should not be able to add thousands.
pub const MAX_HASHTAGS: usize = 500;
/// The longest muted name taken from a file.
const MAX_MUTED_NAME_CHARS: usize = 64;

/// What importing `file` would change in `settings`, which stay as they are.
pub fn preview(settings: &Settings, file: &SettingsExport) -> Merge {
    merge(&mut settings.clone(), file)
}

/// Merges `file` into `settings`: see the module comment.
pub fn merge(settings: &mut Settings, file: &SettingsExport) -> Merge {
    let mut merge = Merge::default();
    merge_profiles(&mut settings.profiles, &file.profiles, &mut merge);
    merge_hashtags(&mut settings.hashtags, &file.hashtags, &mut merge);
    merge_people(&mut settings.people, &file.people, &mut merge);
    merge_mutes(&mut settings.mutes, &file.mutes, &mut merge);
    let appearance = apply_appearance(settings, &file.appearance);
    merge.changes.extend(appearance);
    merge
}

fn merge_hashtags(
    hashtags: &mut Vec<FollowedHashtag>,
    file: &[FollowedHashtag],
    merge: &mut Merge,
) {
    for entry in file {
        let tag = match Hashtag::parse(&entry.tag) {
            Ok(tag) => String::from(tag),
            Err(e) => {
                merge.skip(format!("hashtag \"{}\"", entry.tag), e);
                continue;
            }
        };
        let full = hashtags.len() >= MAX_HASHTAGS;
        match hashtags.iter_mut().find(|known| known.tag == tag) {
            Some(known) => {
                if entry.followed && !known.followed {
                    known.followed = true;
                    merge.changes.push(Change::FollowHashtag(tag));
                }
            }
            None if full => {
                merge.skip(
                    format!("#{tag}"),
                    format!("{MAX_HASHTAGS} hashtags at most"),
                );
            }
            None => {
                let followed = entry.followed;
                hashtags.push(FollowedHashtag {
                    tag: tag.clone(),
                    followed,
                });
                merge.changes.push(Change::AddHashtag { tag, followed });
            }
        }
    }
}

fn merge_people(people: &mut Vec<FollowedPerson>, file: &[FollowedPerson], merge: &mut Merge) {
    for entry in file {
        let user = match Username::parse(&entry.user) {
            Ok(user) => String::from(user),
            Err(e) => {
                merge.skip(format!("person \"{}\"", entry.user), e);
                continue;
            }
        };
        let full = people.len() >= MAX_PEOPLE;
        match people.iter_mut().find(|known| known.user == user) {
            Some(known) => {
                if entry.followed && !known.followed {
                    known.followed = true;
                    merge.changes.push(Change::FollowPerson(user));
                }
            }
            None if full => {
                merge.skip(format!("@{user}"), format!("{MAX_PEOPLE} people at most"));
            }
            None => {
                let followed = entry.followed;
                people.push(FollowedPerson {
                    user: user.clone(),
                    followed,
                });
                merge.changes.push(Change::AddPerson { user, followed });
            }
        }
    }
}

fn merge_mutes(list: &mut MuteList, file: &MuteList, merge: &mut Merge) {
    for person in &file.people {
        merge_muted_person(list, person, merge);
    }
    for word in &file.words {
        match list.mute_word(word) {
            Ok(()) => {
                let added = list.words.last().cloned().unwrap_or_default();
                merge.changes.push(Change::MuteWord(added));
            }
            Err(MuteWordError::AlreadyMuted) => {}
            Err(e) => merge.skip(format!("muted word \"{word}\""), e),
        }
    }
    for tag in &file.hashtags {
        let tag = match Hashtag::parse(tag) {
            Ok(tag) => String::from(tag),
            Err(e) => {
                merge.skip(format!("muted hashtag \"{tag}\""), e);
                continue;
            }
        };
        if list.hashtags.contains(&tag) {
            continue;
        }
        if list.mute_hashtag(&tag) {
            merge.changes.push(Change::MuteHashtag(tag));
        } else {
            merge.skip(format!("muted #{tag}"), "the mute list is full");
        }
    }
}

fn merge_muted_person(list: &mut MuteList, person: &MutedPerson, merge: &mut Merge) {
    let what = || format!("muted person \"{}\"", person.name);
    let name = person.name.trim();
    if name.is_empty() || name.chars().count() > MAX_MUTED_NAME_CHARS {
        return merge.skip(
            what(),
            format!("a name is 1 to {MAX_MUTED_NAME_CHARS} characters"),
        );
    }
    if person
        .key
        .as_deref()
        .is_some_and(|key| AuthorKey::from_base64(key).is_none())
    {
        return merge.skip(what(), "its key is not a signing key");
    }
    let known = list.people.iter().find(|p| p.is(person)).map(|p| p.blocked);
    let change = match known {
        Some(true) => return,
        Some(false) if !person.blocked => return,
        Some(false) => Change::BlockPerson(person.name.clone()),
        None => Change::MutePerson {
            name: person.name.clone(),
            blocked: person.blocked,
        },
    };
    if list.mute_person(person.clone()) {
        merge.changes.push(change);
    } else {
        merge.skip(what(), "the mute list is full");
    }
}
