//! Who is around: each client keeps a retained message on
//! `chirp/presence/<user>` saying online (with since when and which
//! client), and leaves a last will that says offline, so a crash or a lost
//! connection is told by the broker itself. See PROTOCOL.md.

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};

use crate::core::model::author_key::AuthorKey;
use crate::core::model::name::Username;
use crate::core::protocol::identity::Identity;
use crate::core::protocol::signed::{self, Canonical, SignatureCheck};

/// Presence topics; not under the topic root, so a user is one presence
/// whatever community root they post under.
pub const PRESENCE_PREFIX: &str = "chirp/presence/";
/// Everyone's presence, subscribed by each client.
pub const PRESENCE_FILTER: &str = "chirp/presence/+";
/// Presence payloads are small; anything bigger is not one.
const MAX_PAYLOAD_BYTES: usize = 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PresenceState {
    Online,
    Offline,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Presence {
    pub user: String,
    pub state: PresenceState,
    pub since: DateTime<Utc>,
    /// The client id it came from (several windows may share a user).
    pub client: String,
    /// The key that signed it, when signed (section 9).
    pub signer: Option<AuthorKey>,
}

#[derive(Serialize, Deserialize)]
struct PayloadV1 {
    v: u32,
    user: String,
    state: PresenceState,
    since: String,
    client: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pk: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    sig: Option<String>,
}

impl PayloadV1 {
    /// Kind `presence`: user, state, since, client, as sent.
    fn canonical(&self, key: &AuthorKey) -> Canonical {
        let state = match self.state {
            PresenceState::Online => "online",
            PresenceState::Offline => "offline",
        };
        Canonical::new("presence", key)
            .text(&self.user)
            .text(state)
            .text(&self.since)
            .text(&self.client)
    }
}

pub fn topic(user: &str) -> String {
    format!("{PRESENCE_PREFIX}{user}")
}

/// The retained payload for `user` in `state` as of `since`, signed by
/// `signer` when there is one.
pub fn encode(
    user: &str,
    state: PresenceState,
    since: DateTime<Utc>,
    client: &str,
    signer: Option<&Identity>,
) -> Vec<u8> {
    let mut payload = PayloadV1 {
        v: 1,
        user: user.to_owned(),
        state,
        since: since.to_rfc3339_opts(SecondsFormat::Millis, true),
        client: client.to_owned(),
        pk: None,
        sig: None,
    };
    if let Some(identity) = signer {
        let key = identity.author_key();
        payload.sig = Some(payload.canonical(&key).sign(identity));
        payload.pk = Some(key.to_base64());
    }
    serde_json::to_vec(&payload).unwrap_or_default()
}

/// A presence message, if `topic`/`payload` is a valid one: the user in the
/// topic must be a valid username and the one in the payload. Anything else
/// (junk, an empty retained payload clearing the topic) is None.
pub fn decode(topic: &str, payload: &[u8]) -> Option<Presence> {
    let user = topic.strip_prefix(PRESENCE_PREFIX)?;
    Username::parse(user).ok()?;
    if payload.len() > MAX_PAYLOAD_BYTES {
        return None;
    }
    let parsed: PayloadV1 = serde_json::from_slice(payload).ok()?;
    if parsed.user != user || parsed.v < 1 {
        return None;
    }
    // A presence whose signature does not hold is ignored like junk.
    let signer = match signed::check(parsed.pk.as_deref(), parsed.sig.as_deref(), |key| {
        parsed.canonical(key)
    }) {
        SignatureCheck::Unsigned => None,
        SignatureCheck::Good(key) => Some(key),
        SignatureCheck::Forged(_) => return None,
    };
    let since = DateTime::parse_from_rfc3339(&parsed.since)
        .ok()?
        .with_timezone(&Utc);
    let client: String = parsed
        .client
        .chars()
        .filter(|c| !c.is_control())
        .take(128)
        .collect();
    Some(Presence {
        user: parsed.user,
        state: parsed.state,
        since,
        client,
        signer,
    })
}

/// Users held at most; beyond it the oldest offline one is forgotten.
const MAX_USERS: usize = 10_000;

/// Everyone's latest presence, as heard.
#[derive(Debug, Default)]
pub struct PresenceBoard {
    users: std::collections::HashMap<String, Presence>,
}

impl PresenceBoard {
    pub fn note(&mut self, presence: Presence) {
        if !self.users.contains_key(&presence.user) && self.users.len() >= MAX_USERS {
            let oldest = self
                .users
                .values()
                .filter(|p| p.state == PresenceState::Offline)
                .min_by_key(|p| p.since)
                .or_else(|| self.users.values().min_by_key(|p| p.since))
                .map(|p| p.user.clone());
            if let Some(user) = oldest {
                self.users.remove(&user);
            }
        }
        self.users.insert(presence.user.clone(), presence);
    }

    pub fn is_online(&self, user: &str) -> bool {
        self.users
            .get(user)
            .is_some_and(|p| p.state == PresenceState::Online)
    }

    /// Who is online, the most recently arrived first.
    pub fn online(&self) -> Vec<&Presence> {
        let mut online: Vec<&Presence> = self
            .users
            .values()
            .filter(|p| p.state == PresenceState::Online)
            .collect();
        online.sort_by(|a, b| b.since.cmp(&a.since).then_with(|| a.user.cmp(&b.user)));
        online
    }

    pub fn len(&self) -> usize {
        self.users.len()
    }

    pub fn is_empty(&self) -> bool {
        self.users.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_board_keeps_the_latest_word_per_user_and_stays_bounded() {
        let mut board = PresenceBoard::default();
        let at = |state, user: &str, secs| Presence {
            user: user.to_owned(),
            state,
            since: DateTime::from_timestamp(secs, 0).unwrap_or_default(),
            client: "c".into(),
            signer: None,
        };
        board.note(at(PresenceState::Online, "alice", 10));
        board.note(at(PresenceState::Online, "bob", 20));
        assert!(board.is_online("alice"));
        board.note(at(PresenceState::Offline, "alice", 30));
        assert!(!board.is_online("alice"));
        let online: Vec<&str> = board.online().iter().map(|p| p.user.as_str()).collect();
        assert_eq!(online, ["bob"]);
        for n in 0..(MAX_USERS + 5) {
            board.note(at(PresenceState::Online, &format!("u{n}"), 100 + n as i64));
        }
        assert_eq!(board.len(), MAX_USERS);
        // Offline people are forgotten first, then the longest-quiet ones:
        // alice (offline) and bob (oldest online) made room first, then u0–u4.
        assert!(!board.is_online("bob"));
        assert!(board.online().iter().all(|p| p.user != "alice"));
        assert!(!board.is_online("u4") && board.is_online("u5"));
        assert!(board.is_online(&format!("u{}", MAX_USERS + 4)));
    }

    #[test]
    fn round_trip_and_refusals() {
        let since = Utc::now();
        let payload = encode("alice", PresenceState::Online, since, "chirp-1", None);
        let presence = decode("chirp/presence/alice", &payload).expect("valid");
        assert_eq!(presence.signer, None);
        assert_eq!(presence.user, "alice");
        assert_eq!(presence.state, PresenceState::Online);
        assert_eq!(presence.client, "chirp-1");
        assert_eq!(presence.since.timestamp_millis(), since.timestamp_millis());
        // Someone else's name in the payload, a bad topic, junk, empty.
        assert_eq!(decode("chirp/presence/bob", &payload), None);
        assert_eq!(decode("chirp/presence/a b", &payload), None);
        assert_eq!(decode("chirp/presence/alice", b"online"), None);
        assert_eq!(decode("chirp/presence/alice", b""), None);
        assert_eq!(decode("hashtags/alice", &payload), None);
    }

    #[test]
    fn a_signed_presence_verifies_and_a_tampered_one_is_ignored() {
        let identity = Identity::generate();
        let payload = encode(
            "alice",
            PresenceState::Online,
            Utc::now(),
            "chirp-1",
            Some(&identity),
        );
        let presence = decode("chirp/presence/alice", &payload).expect("valid");
        assert_eq!(presence.signer, Some(identity.author_key()));
        let tampered = String::from_utf8(payload)
            .expect("utf-8")
            .replace("online", "offline");
        assert_eq!(decode("chirp/presence/alice", tampered.as_bytes()), None);
    }
}
