//! A person in the People list: followed (ticked) or only kept there.
//! Saved with the settings like a hashtag.

use serde::{Deserialize, Serialize};

/// People kept in the list, at most: each is a subscription.
pub const MAX_PEOPLE: usize = 500;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FollowedPerson {
    pub user: String,
    pub followed: bool,
}

impl Default for FollowedPerson {
    fn default() -> Self {
        Self {
            user: String::new(),
            followed: true,
        }
    }
}

/// The names of the ticked people.
pub fn followed_people(people: &[FollowedPerson]) -> impl Iterator<Item = &str> {
    people
        .iter()
        .filter(|p| p.followed)
        .map(|p| p.user.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_person_without_followed_is_followed_and_unknown_fields_are_ignored() {
        let json = r#"[{"user":"alice"},{"user":"bob","followed":false,"later":1}]"#;
        let people: Vec<FollowedPerson> = serde_json::from_str(json).expect("loads");
        assert_eq!(followed_people(&people).collect::<Vec<_>>(), ["alice"]);
    }
}
