//! The keyring's own thread: the GUI asks over a channel and never waits on
//! D-Bus or on an unlock prompt; answers come back on another channel,
//! followed by `wake` (the GUI's repaint), like the network worker's.

use std::time::Duration;

use crate::core::desktop::keyring::{Keyring, KeyringError};
use crate::core::model::secret::Secret;

#[derive(Debug)]
pub enum KeyringRequest {
    Load { account: String },
    Store { account: String, password: Secret },
    Delete { account: String },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyringReply {
    Loaded {
        account: String,
        result: Result<Option<Secret>, KeyringError>,
    },
    Stored {
        account: String,
        /// Given back so a failed store can put it somewhere else.
        password: Secret,
        result: Result<(), KeyringError>,
    },
    Deleted {
        account: String,
        result: Result<(), KeyringError>,
    },
}

pub struct KeyringThread {
    requests: Option<crossbeam_channel::Sender<KeyringRequest>>,
    pub replies: crossbeam_channel::Receiver<KeyringReply>,
    keyring: Keyring,
}

impl KeyringThread {
    pub fn spawn(keyring: Keyring, wake: impl Fn() + Send + 'static) -> Self {
        let (requests, request_rx) = crossbeam_channel::unbounded::<KeyringRequest>();
        let (reply_tx, replies) = crossbeam_channel::unbounded();
        let worker_keyring = keyring.clone();
        let spawned = std::thread::Builder::new()
            .name("keyring".into())
            .spawn(move || {
                for request in request_rx {
                    let reply = answer(&worker_keyring, request);
                    if reply_tx.send(reply).is_err() {
                        return;
                    }
                    wake();
                }
            });
        Self {
            // Without a thread, requests fail at once (see `request`).
            requests: spawned.ok().map(|_| requests),
            replies,
            keyring,
        }
    }

    /// Asks; the answer arrives on `replies`. False if the thread is gone.
    pub fn request(&self, request: KeyringRequest) -> bool {
        self.requests
            .as_ref()
            .is_some_and(|requests| requests.send(request).is_ok())
    }

    /// Loads one password, waiting at most `timeout`: for startup, before
    /// the window opens, so the first connection has its password. A
    /// keyring that doesn't answer in time counts as unavailable.
    pub fn load_within(
        &self,
        account: &str,
        timeout: Duration,
    ) -> Result<Option<Secret>, KeyringError> {
        let (tx, rx) = crossbeam_channel::bounded(1);
        let keyring = self.keyring.clone();
        let account = account.to_owned();
        std::thread::Builder::new()
            .name("keyring-load".into())
            .spawn(move || {
                let _ = tx.send(keyring.load(&account));
            })
            .map_err(|e| KeyringError::Failed(e.to_string()))?;
        rx.recv_timeout(timeout).unwrap_or_else(|_| {
            Err(KeyringError::Unavailable(format!(
                "no answer within {} s",
                timeout.as_secs()
            )))
        })
    }
}

fn answer(keyring: &Keyring, request: KeyringRequest) -> KeyringReply {
    match request {
        KeyringRequest::Load { account } => KeyringReply::Loaded {
            result: keyring.load(&account),
            account,
        },
        KeyringRequest::Store { account, password } => KeyringReply::Stored {
            result: keyring.store(&account, &password),
            account,
            password,
        },
        KeyringRequest::Delete { account } => KeyringReply::Deleted {
            result: keyring.delete(&account),
            account,
        },
    }
}
