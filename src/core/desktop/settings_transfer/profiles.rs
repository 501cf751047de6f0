//! Importing connection profiles: a new one is added without a password
//! (the keyring is asked, or the person types it); one of the same name
//! is brought in line with the file, and a password saved for its old
//! broker or login is never sent to the new one.

use super::ExportedProfile;
use super::change::{Change, Merge, SHOWN_CHARS};
use crate::core::connection::net::TlsOptions;
use crate::core::connection::profile::{PasswordPlace, Profile};
use crate::core::model::display::inert_name;
use crate::core::model::name::is_invisible;
use crate::core::protocol::topic_root::TopicRoot;

/// Profiles kept at most once an import is done.
pub const MAX_PROFILES: usize = 100;
/// The longest profile name taken from a file.
const MAX_NAME_CHARS: usize = 64;
/// Said of a profile that accepts any certificate.
const UNCHECKED: &str = "certificate check off: anyone on the way can read the connection";
/// The longest keep-alive the profile form offers.
const MAX_KEEP_ALIVE_SECS: u16 = 3600;

pub(super) fn merge_profiles(
    profiles: &mut Vec<Profile>,
    file: &[ExportedProfile],
    merge: &mut Merge,
) {
    for exported in file {
        let incoming = match checked_profile(exported) {
            Ok(profile) => profile,
            Err(why) => {
                merge.skip(format!("profile \"{}\"", exported.name), why);
                continue;
            }
        };
        let full = profiles.len() >= MAX_PROFILES;
        match profiles
            .iter_mut()
            .find(|known| known.name == incoming.name)
        {
            Some(known) => {
                let what = update_profile(known, &incoming);
                if !what.is_empty() {
                    let name = incoming.name;
                    merge.changes.push(Change::ChangeProfile { name, what });
                }
            }
            None if full => {
                let what = format!("profile \"{}\"", incoming.name);
                merge.skip(what, format!("{MAX_PROFILES} profiles at most"));
            }
            None => {
                merge.changes.push(Change::AddProfile {
                    name: incoming.name.clone(),
                    broker: incoming.broker.to_string(),
                    notes: new_profile_notes(&incoming),
                });
                profiles.push(incoming);
            }
        }
    }
}

/// What to know about a new profile before adding it.
fn new_profile_notes(profile: &Profile) -> Vec<String> {
    let mut notes = Vec::new();
    if profile.needs_password() {
        notes.push("its password is not in the file".to_owned());
    }
    if profile.tls.accept_invalid_certs {
        notes.push(UNCHECKED.to_owned());
    }
    notes
}

/// The profile `exported` describes, if every part of it is valid: no
/// password, this install's client id, the system's certificate roots.
fn checked_profile(exported: &ExportedProfile) -> Result<Profile, String> {
    let name = exported.name.trim();
    if name.is_empty() {
        return Err("it has no name".to_owned());
    }
    if name.chars().count() > MAX_NAME_CHARS
        || name.chars().any(|c| c.is_control() || is_invisible(c))
    {
        return Err(format!(
            "a name is at most {MAX_NAME_CHARS} characters, all visible"
        ));
    }
    let broker = exported.broker_address()?;
    let topic_root = TopicRoot::parse(&exported.topic_root).map_err(|e| e.to_string())?;
    let login = exported.login.trim().to_owned();
    let password_place = if exported.asks_password && !login.is_empty() {
        PasswordPlace::Keyring
    } else {
        PasswordPlace::Nowhere
    };
    Ok(Profile {
        name: name.to_owned(),
        broker,
        login,
        password_place,
        saved_password: None,
        client_id: String::new(),
        keep_alive_secs: exported.keep_alive_secs.min(MAX_KEEP_ALIVE_SECS),
        topic_root,
        qos: exported.qos,
        tls: TlsOptions {
            ca_file: None,
            accept_invalid_certs: exported.accept_invalid_certs,
            pinned: None,
        },
    })
}

/// Brings `known` in line with `incoming` where they differ, keeping what
/// the file has no word on (its client id, CA file, saved password). What
/// changed, in words.
fn update_profile(known: &mut Profile, incoming: &Profile) -> Vec<String> {
    let mut what = Vec::new();
    let mut note = |field: &str, old: String, new: String| {
        if old != new {
            let (old, new) = (inert_name(&old, SHOWN_CHARS), inert_name(&new, SHOWN_CHARS));
            what.push(format!("{field} {old} → {new}"));
        }
    };
    // Compared as URLs: the path of a plain MQTT broker is unused.
    note(
        "broker",
        known.broker.to_string(),
        incoming.broker.to_string(),
    );
    note(
        "login",
        shown_login(&known.login),
        shown_login(&incoming.login),
    );
    let root = |p: &Profile| p.topic_root.as_str().to_owned();
    note("topic root", root(known), root(incoming));
    note(
        "QoS",
        known.qos.label().to_owned(),
        incoming.qos.label().to_owned(),
    );
    let keep_alive = |p: &Profile| format!("{} s", p.keep_alive_secs);
    note("keep-alive", keep_alive(known), keep_alive(incoming));
    let checks = |p: &Profile| {
        (if p.tls.accept_invalid_certs {
            "off"
        } else {
            "on"
        })
        .to_owned()
    };
    note("certificate check", checks(known), checks(incoming));
    let moved =
        known.broker.to_string() != incoming.broker.to_string() || known.login != incoming.login;
    if !what.is_empty() {
        known.broker = incoming.broker.clone();
        known.login = incoming.login.clone();
        known.topic_root = incoming.topic_root.clone();
        known.qos = incoming.qos;
        known.keep_alive_secs = incoming.keep_alive_secs;
        known.tls.accept_invalid_certs = incoming.tls.accept_invalid_certs;
    }
    what.extend(update_password_place(known, incoming, moved));
    what
}

/// Where the password of an updated profile comes from. One saved for
/// another broker or login is never sent to the new one.
fn update_password_place(known: &mut Profile, incoming: &Profile, moved: bool) -> Option<String> {
    if known.login.is_empty() {
        known.password_place = PasswordPlace::Nowhere;
        known.saved_password = None;
        return None;
    }
    if moved && known.password_place == PasswordPlace::SettingsFile {
        known.password_place = PasswordPlace::Keyring;
        known.saved_password = None;
        return Some(
            "its saved password is not sent to the new broker: type it in Settings".to_owned(),
        );
    }
    if known.password_place == PasswordPlace::Nowhere
        && incoming.password_place != PasswordPlace::Nowhere
    {
        known.password_place = PasswordPlace::Keyring;
        return Some("asks for a password".to_owned());
    }
    None
}

fn shown_login(login: &str) -> String {
    if login.is_empty() {
        "(none)".to_owned()
    } else {
        login.to_owned()
    }
}
