//! A person's profile: a display name, a short bio and the X25519 key that
//! direct messages to them are encrypted to, signed and kept retained on
//! `chirp/profile/<user>` so anyone gets it when they subscribe. A receiver
//! takes one only when its signature holds and its user is the topic's
//! (PROTOCOL.md section 9.3).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::core::model::author_key::{AuthorKey, KEY_LEN, Signed, Trust, decode_exact};
use crate::core::model::name::Username;
use crate::core::protocol::identity::Identity;
use crate::core::protocol::signed::{self, Canonical, SignatureCheck};
use crate::core::protocol::wire::format_ts;

pub const PROFILE_PREFIX: &str = "chirp/profile/";
/// Everyone's profile, subscribed by each window.
pub const PROFILE_FILTER: &str = "chirp/profile/+";
pub const MAX_DISPLAY_NAME_CHARS: usize = 50;
pub const MAX_BIO_CHARS: usize = 160;
/// Profiles are small; anything bigger is not one.
const MAX_PAYLOAD_BYTES: usize = 4 * 1024;
/// Profiles held at most; the one heard longest ago goes first.
pub const MAX_PROFILES: usize = 10_000;

pub fn topic(user: &str) -> String {
    format!("{PROFILE_PREFIX}{user}")
}

/// What a person says about themselves (edited in Settings → Identity).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct About {
    pub display_name: String,
    pub bio: String,
}

impl About {
    /// Why this can't be published, if it can't.
    pub fn check(&self) -> Result<(), String> {
        let name = self.display_name.chars().count();
        if name > MAX_DISPLAY_NAME_CHARS {
            return Err(format!(
                "display name: {name} characters, at most {MAX_DISPLAY_NAME_CHARS}"
            ));
        }
        let bio = self.bio.chars().count();
        if bio > MAX_BIO_CHARS {
            return Err(format!("bio: {bio} characters, at most {MAX_BIO_CHARS}"));
        }
        Ok(())
    }
}

/// A profile as received: verified, with what its key means here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    pub user: String,
    pub about: About,
    /// Direct messages to this person are encrypted to this key.
    pub exchange_key: [u8; KEY_LEN],
    pub signed: Signed,
    pub updated: Option<DateTime<Utc>>,
}

#[derive(Serialize, Deserialize)]
struct PayloadV1 {
    v: u32,
    kind: String,
    user: String,
    name: String,
    bio: String,
    /// The X25519 public key, base64.
    xpk: String,
    ts: String,
    pk: String,
    sig: String,
}

impl PayloadV1 {
    /// Kind `profile`: user, name, bio, xpk, ts, as sent.
    fn canonical(&self, key: &AuthorKey) -> Canonical {
        Canonical::new("profile", key)
            .text(&self.user)
            .text(&self.name)
            .text(&self.bio)
            .text(&self.xpk)
            .text(&self.ts)
    }
}

/// The signed profile of `user`, published retained.
pub fn encode(user: &Username, about: &About, identity: &Identity, now: DateTime<Utc>) -> Vec<u8> {
    use base64::Engine as _;
    let key = identity.author_key();
    let mut payload = PayloadV1 {
        v: 1,
        kind: "profile".into(),
        user: user.as_str().to_owned(),
        name: about.display_name.clone(),
        bio: about.bio.clone(),
        xpk: base64::engine::general_purpose::STANDARD.encode(identity.exchange_key()),
        ts: format_ts(now),
        pk: key.to_base64(),
        sig: String::new(),
    };
    payload.sig = payload.canonical(&key).sign(identity);
    serde_json::to_vec(&payload).unwrap_or_default()
}

/// A profile, if `payload` on `topic` is a valid signed one for the topic's
/// user; anything else (unsigned, forged, junk, too long, an empty retained
/// payload) is None, with why.
pub fn decode(topic: &str, payload: &[u8]) -> Result<Profile, &'static str> {
    let user = topic
        .strip_prefix(PROFILE_PREFIX)
        .ok_or("not a profile topic")?;
    Username::parse(user).map_err(|_| "not a username")?;
    if payload.len() > MAX_PAYLOAD_BYTES {
        return Err("too big for a profile");
    }
    let parsed: PayloadV1 = serde_json::from_slice(payload).map_err(|_| "not a profile")?;
    if parsed.kind != "profile" || parsed.user != user || parsed.v < 1 {
        return Err("not this user's profile");
    }
    let check = signed::check(Some(&parsed.pk), Some(&parsed.sig), |key| {
        parsed.canonical(key)
    });
    let key = match check {
        SignatureCheck::Good(key) => key,
        SignatureCheck::Forged(why) => return Err(why),
        SignatureCheck::Unsigned => return Err("unsigned"),
    };
    let exchange_key =
        decode_exact::<KEY_LEN>(&parsed.xpk).ok_or("the message key is not 32 bytes")?;
    let about = About {
        display_name: parsed.name.chars().take(MAX_DISPLAY_NAME_CHARS).collect(),
        bio: parsed.bio.chars().take(MAX_BIO_CHARS).collect(),
    };
    Ok(Profile {
        user: parsed.user,
        about,
        exchange_key,
        signed: Signed {
            key,
            trust: Trust::Unjudged,
        },
        updated: chrono::DateTime::parse_from_rfc3339(&parsed.ts)
            .ok()
            .map(|t| t.with_timezone(&Utc)),
    })
}

/// Everyone's newest profile, by name, bounded.
#[derive(Debug, Default)]
pub struct Profiles {
    by_user: HashMap<String, (Profile, u64)>,
    heard: u64,
}

impl Profiles {
    pub fn note(&mut self, profile: Profile) {
        self.heard += 1;
        if !self.by_user.contains_key(&profile.user) && self.by_user.len() >= MAX_PROFILES {
            let oldest = self
                .by_user
                .iter()
                .min_by_key(|(_, (_, heard))| *heard)
                .map(|(user, _)| user.clone());
            if let Some(user) = oldest {
                self.by_user.remove(&user);
            }
        }
        self.by_user
            .insert(profile.user.clone(), (profile, self.heard));
    }

    pub fn get(&self, user: &str) -> Option<&Profile> {
        self.by_user.get(user).map(|(profile, _)| profile)
    }

    /// The key to encrypt a message to `user` with: only from a profile
    /// signed by the key pinned for that name.
    pub fn exchange_key_of(&self, user: &str) -> Option<[u8; KEY_LEN]> {
        self.get(user)
            .filter(|p| matches!(p.signed.trust, Trust::Verified | Trust::NewKey))
            .map(|p| p.exchange_key)
    }

    pub fn len(&self) -> usize {
        self.by_user.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_user.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn alice() -> (Username, Identity) {
        (
            Username::parse("alice").expect("valid"),
            Identity::generate(),
        )
    }

    #[test]
    fn a_signed_profile_round_trips() {
        let (user, identity) = alice();
        let about = About {
            display_name: "Alice A.".into(),
            bio: "likes #rust".into(),
        };
        let payload = encode(&user, &about, &identity, Utc::now());
        let profile = decode("chirp/profile/alice", &payload).expect("valid");
        assert_eq!(profile.about, about);
        assert_eq!(profile.exchange_key, identity.exchange_key());
        assert_eq!(profile.signed.key, identity.author_key());
    }

    #[test]
    fn another_topic_a_tampered_field_or_junk_is_refused() {
        let (user, identity) = alice();
        let payload = encode(&user, &About::default(), &identity, Utc::now());
        assert!(
            decode("chirp/profile/bob", &payload).is_err(),
            "user must match topic"
        );
        let text = String::from_utf8(payload.clone()).expect("utf-8");
        let mallory = Identity::generate();
        use base64::Engine as _;
        let swapped_key = base64::engine::general_purpose::STANDARD.encode(mallory.exchange_key());
        let tampered = [
            text.replace("\"bio\":\"\"", "\"bio\":\"hacked\""),
            text.replace(
                &base64::engine::general_purpose::STANDARD.encode(identity.exchange_key()),
                &swapped_key,
            ),
        ];
        for bad in tampered {
            assert_ne!(bad, text);
            assert_eq!(
                decode("chirp/profile/alice", bad.as_bytes()),
                Err("the signature does not verify")
            );
        }
        assert!(decode("chirp/profile/alice", b"").is_err());
        assert!(decode("chirp/profile/alice", b"{\"v\":1}").is_err());
    }

    #[test]
    fn about_is_checked_and_profiles_are_bounded() {
        let long = About {
            display_name: "x".repeat(51),
            bio: String::new(),
        };
        assert!(long.check().is_err());
        assert!(About::default().check().is_ok());
        let (user, identity) = alice();
        let payload = encode(&user, &About::default(), &identity, Utc::now());
        let profile = decode("chirp/profile/alice", &payload).expect("valid");
        let mut profiles = Profiles::default();
        for n in 0..(MAX_PROFILES + 3) {
            let mut p = profile.clone();
            p.user = format!("u{n}");
            profiles.note(p);
        }
        assert_eq!(profiles.len(), MAX_PROFILES);
        assert!(profiles.get("u0").is_none() && profiles.get("u3").is_some());
        assert_eq!(
            profiles.exchange_key_of("u3"),
            None,
            "unjudged keys are not used"
        );
    }
}
