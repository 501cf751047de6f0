//! The app's side of passwords: the ones known this run, and the keyring
//! thread that loads and saves them without the UI ever waiting.

use std::collections::HashMap;

use crate::core::connection::profile::{PasswordPlace, Profile};
use crate::core::desktop::keyring::KeyringError;
use crate::core::desktop::keyring_thread::{KeyringReply, KeyringRequest, KeyringThread};
use crate::core::model::secret::Secret;

use super::notices::Notice;

/// What the app should do about a keyring answer.
#[derive(Debug)]
pub enum PasswordEvent {
    /// A password arrived: connect with it if that profile is in use.
    Loaded {
        account: String,
    },
    /// There is no keyring after all: keep it in the settings file.
    KeyringMissing {
        account: String,
        password: Secret,
        reason: KeyringError,
    },
    Notice(Notice),
}

pub enum Lookup {
    Ready(Option<Secret>),
    /// Asked the keyring; a `Loaded` event follows.
    Loading,
}

#[derive(Default)]
pub struct Passwords {
    known: HashMap<String, Secret>,
    keyring: Option<KeyringThread>,
    /// Why there is no keyring, once that is known.
    keyring_missing: Option<KeyringError>,
    /// Requests the keyring has not answered yet: while there are any, the
    /// app looks for answers soon (its thread cannot wake the window, which
    /// does not exist yet when the thread starts).
    unanswered: usize,
}

impl Passwords {
    pub fn new(keyring: KeyringThread) -> Self {
        Self {
            keyring: Some(keyring),
            ..Self::default()
        }
    }

    pub fn remember(&mut self, account: String, password: Secret) {
        self.known.insert(account, password);
    }

    pub fn keyring_missing(&mut self, reason: KeyringError) {
        self.keyring_missing = Some(reason);
    }

    /// The password to connect `profile` with.
    pub fn lookup(&mut self, profile: &Profile) -> Lookup {
        match profile.password_place {
            _ if profile.login.is_empty() => Lookup::Ready(None),
            PasswordPlace::Nowhere => Lookup::Ready(None),
            PasswordPlace::SettingsFile => Lookup::Ready(profile.saved_password.clone()),
            PasswordPlace::Keyring => {
                let account = profile.keyring_account();
                if let Some(known) = self.known.get(&account) {
                    return Lookup::Ready(Some(known.clone()));
                }
                if self.ask(KeyringRequest::Load { account }) {
                    Lookup::Loading
                } else {
                    Lookup::Ready(None)
                }
            }
        }
    }

    /// Keeps a password the user just typed for `profile`: in the keyring
    /// when there is one (the profile then says so), else in the profile
    /// itself, which is saved in the settings file. Returns what to tell
    /// the user.
    pub fn keep(&mut self, profile: &mut Profile, password: Secret) -> Option<Notice> {
        let account = profile.keyring_account();
        self.known.insert(account.clone(), password.clone());
        if let Some(reason) = &self.keyring_missing {
            profile.password_place = PasswordPlace::SettingsFile;
            profile.saved_password = Some(password);
            return Some(settings_file_notice(&profile.name, reason));
        }
        let asked = self.ask(KeyringRequest::Store {
            account,
            password: password.clone(),
        });
        if asked {
            profile.password_place = PasswordPlace::Keyring;
            profile.saved_password = None;
            None
        } else {
            profile.password_place = PasswordPlace::SettingsFile;
            profile.saved_password = Some(password);
            let reason = KeyringError::Unavailable("the keyring thread did not start".into());
            Some(settings_file_notice(&profile.name, &reason))
        }
    }

    /// Forgets the keyring copy of a profile's password (login removed).
    pub fn forget(&mut self, profile: &Profile) {
        let account = profile.keyring_account();
        self.known.remove(&account);
        if profile.password_place == PasswordPlace::Keyring {
            self.ask(KeyringRequest::Delete { account });
        }
    }

    /// Hands `request` to the keyring thread; false if there is none.
    fn ask(&mut self, request: KeyringRequest) -> bool {
        let asked = self.keyring.as_ref().is_some_and(|k| k.request(request));
        if asked {
            self.unanswered += 1;
        }
        asked
    }

    /// The keyring owes answers: look again soon.
    pub fn awaiting_answers(&self) -> bool {
        self.unanswered > 0
    }

    /// Keeps a password the keyring loaded; what to tell when there was none.
    fn loaded(
        &mut self,
        account: &str,
        result: Result<Option<Secret>, KeyringError>,
    ) -> Option<Notice> {
        let account_arg = || account.to_owned().into();
        match result {
            Ok(Some(password)) => {
                self.known.insert(account.to_owned(), password);
                None
            }
            Ok(None) => Some(Notice::tr_args(
                "password-none-in-keyring",
                &[("account", account_arg())],
            )),
            Err(e) => Some(Notice::tr_args(
                "password-unreadable",
                &[("account", account_arg()), ("error", e.to_string().into())],
            )),
        }
    }

    /// The keyring's answers since the last frame.
    pub fn drain(&mut self) -> Vec<PasswordEvent> {
        let Some(keyring) = &self.keyring else {
            return Vec::new();
        };
        let replies: Vec<KeyringReply> = keyring.replies.try_iter().collect();
        self.unanswered = self.unanswered.saturating_sub(replies.len());
        let mut events = Vec::new();
        for reply in replies {
            match reply {
                KeyringReply::Loaded { account, result } => {
                    if let Some(notice) = self.loaded(&account, result) {
                        events.push(PasswordEvent::Notice(notice));
                    }
                    events.push(PasswordEvent::Loaded { account });
                }
                KeyringReply::Stored {
                    account,
                    password,
                    result,
                } => match result {
                    Ok(()) => {}
                    Err(reason) if reason.is_unavailable() => {
                        self.keyring_missing = Some(reason.clone());
                        events.push(PasswordEvent::KeyringMissing {
                            account,
                            password,
                            reason,
                        });
                    }
                    Err(e) => events.push(PasswordEvent::Notice(Notice::tr_args(
                        "password-not-stored",
                        &[("account", account.into()), ("error", e.to_string().into())],
                    ))),
                },
                KeyringReply::Deleted { result, .. } => {
                    if let Err(e) = result
                        && !e.is_unavailable()
                    {
                        events.push(PasswordEvent::Notice(Notice::tr_args(
                            "password-not-removed",
                            &[("error", e.to_string().into())],
                        )));
                    }
                }
            }
        }
        events
    }
}

/// The keyring's reason stays in English (core's error text).
pub fn settings_file_notice(profile: &str, reason: &KeyringError) -> Notice {
    Notice::tr_args(
        "password-in-settings-file",
        &[
            ("reason", reason.to_string().into()),
            ("profile", profile.to_owned().into()),
        ],
    )
}
