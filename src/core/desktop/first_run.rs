//! The first run: whether the welcome is due, and the hashtags it
//! follows. Settings files from before the welcome have no `welcomed`;
//! one that shows Chirp was used (a username, profiles, hashtags or people
//! of the person's own, mutes) counts as welcomed, so no one who already uses
//! Chirp is greeted as new.

use super::settings::{FollowedHashtag, Settings};
use crate::core::connection::profile::Profile;
use crate::core::social::mutes::MuteList;

/// Whether the welcome is shown now: never once done or skipped, and not
/// to settings that were used already.
pub fn welcome_due(settings: &Settings) -> bool {
    !settings.welcomed && looks_unused(settings)
}

/// Marks settings that were used before the welcome existed as welcomed,
/// so it is never shown to them later (say, after the username is cleared).
/// Returns whether the welcome is due.
pub fn settle_welcome(settings: &mut Settings) -> bool {
    let due = welcome_due(settings);
    if !due {
        settings.welcomed = true;
    }
    due
}

/// As a fresh install has them: no username, the built-in profiles, the
/// hashtags Chirp offers at first, no people, nothing muted.
fn looks_unused(settings: &Settings) -> bool {
    settings.username.trim().is_empty()
        && settings.profiles == Profile::presets()
        && settings.hashtags == Settings::default().hashtags
        && settings.people.is_empty()
        && settings.mutes == MuteList::default()
}

/// What following the welcome's picks changed.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Picked {
    pub followed: Vec<String>,
    pub unfollowed: Vec<String>,
}

/// Follows the ticked hashtags of `picks` (adding the new ones) and
/// unfollows the unticked ones (kept in the list); valid tags only.
pub fn follow_picked(hashtags: &mut Vec<FollowedHashtag>, picks: &[(String, bool)]) -> Picked {
    let mut picked = Picked::default();
    for (tag, ticked) in picks {
        match hashtags.iter_mut().find(|known| &known.tag == tag) {
            Some(known) if known.followed != *ticked => {
                known.followed = *ticked;
                let changed = if *ticked {
                    &mut picked.followed
                } else {
                    &mut picked.unfollowed
                };
                changed.push(tag.clone());
            }
            None if *ticked => {
                hashtags.push(FollowedHashtag {
                    tag: tag.clone(),
                    followed: true,
                });
                picked.followed.push(tag.clone());
            }
            // Followed or not as ticked already, or unticked and not in the list.
            Some(_) | None => {}
        }
    }
    picked
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::desktop::settings::FollowedPerson;

    #[test]
    fn a_fresh_install_is_welcomed_once() {
        let mut settings = Settings::default();
        assert!(welcome_due(&settings));
        assert!(settle_welcome(&mut settings), "still due");
        settings.welcomed = true;
        assert!(!welcome_due(&settings));
    }

    #[test]
    fn settings_that_were_used_before_the_welcome_are_not_greeted() {
        let old_file = r#"{"username": "alice", "hashtags": [{"tag": "chirp"}]}"#;
        let mut old: Settings = serde_json::from_str(old_file).expect("loads");
        assert!(!old.welcomed);
        assert!(!settle_welcome(&mut old));
        assert!(
            old.welcomed,
            "marked, so clearing the name later changes nothing"
        );
        old.username.clear();
        assert!(!welcome_due(&old));

        let used = [
            Settings {
                hashtags: vec![FollowedHashtag::default()],
                ..Settings::default()
            },
            Settings {
                people: vec![FollowedPerson::default()],
                ..Settings::default()
            },
            Settings {
                username: "bob".into(),
                ..Settings::default()
            },
            Settings {
                profiles: vec![Profile::default()],
                ..Settings::default()
            },
        ];
        for settings in used {
            assert!(!welcome_due(&settings), "{settings:?}");
        }
    }

    #[test]
    fn picks_follow_the_ticked_and_unfollow_the_unticked() {
        let mut hashtags = Settings::default().hashtags;
        let picks = [
            ("chirp".to_owned(), false),
            ("rust".to_owned(), true),
            ("garden".to_owned(), true),
            ("news".to_owned(), false),
        ];
        let picked = follow_picked(&mut hashtags, &picks);
        assert_eq!(picked.followed, ["rust", "garden"]);
        assert_eq!(picked.unfollowed, ["chirp"]);
        let followed: Vec<&str> = hashtags
            .iter()
            .filter(|h| h.followed)
            .map(|h| h.tag.as_str())
            .collect();
        assert_eq!(followed, ["rust", "garden"]);
        assert_eq!(hashtags.len(), 4, "chirp stays in the list, unticked");
    }
}
