//! Who may connect to a locked broker: rumqttd asks this for every
//! CONNECT. A user of the users file with their password, or this
//! process (the ready probe, and the window that hosts it) with the
//! random password made at start (its name has a `:`, which no name in a
//! users file can have). No username at all is refused by rumqttd before
//! it asks.
//!
//! An Argon2 check takes tens of milliseconds and 19 MiB: it runs on
//! tokio's blocking pool (`spawn_blocking`), so the listener's other
//! connections go on meanwhile, and at most `CONCURRENT_CHECKS` at a time,
//! so a flood of CONNECTs can't take all the memory.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use rand_core::RngCore as _;
use subtle::ConstantTimeEq as _;
use tokio::sync::Semaphore;

use super::users::Users;
use crate::core::model::secret::Secret;

/// Password checks running at once; more wait their turn.
const CONCURRENT_CHECKS: usize = 2;
/// The host's own user name: `:` never appears in a users file's names.
const HOST_USER: &str = "chirp:host";

/// The login this process uses on the locked broker it hosts: the ready
/// probe's, and the window's own. Debug shows `***`.
#[derive(Debug, Clone)]
pub struct HostLogin {
    pub username: String,
    pub password: Secret,
}

impl HostLogin {
    /// A fresh random password (128 bits), known to this process only.
    pub fn random() -> HostLogin {
        let mut bytes = [0_u8; 16];
        rand_core::OsRng.fill_bytes(&mut bytes);
        let password: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        HostLogin {
            username: HOST_USER.to_owned(),
            password: Secret::new(password),
        }
    }
}

type Verdict = Pin<Box<dyn Future<Output = bool> + Send>>;

/// rumqttd's auth handler: true lets the client in.
pub fn handler(
    users: Users,
    host: HostLogin,
) -> impl Fn(String, String, String) -> Verdict + Send + Sync + 'static {
    let users = Arc::new(users);
    let turns = Arc::new(Semaphore::new(CONCURRENT_CHECKS));
    move |client_id: String, username: String, password: String| -> Verdict {
        if username == host.username {
            let ok: bool = password
                .as_bytes()
                .ct_eq(host.password.expose().as_bytes())
                .into();
            return Box::pin(std::future::ready(ok));
        }
        let users = Arc::clone(&users);
        let turns = Arc::clone(&turns);
        Box::pin(async move {
            let Ok(_turn) = turns.acquire_owned().await else {
                return false;
            };
            let name = username.clone();
            let ok = tokio::task::spawn_blocking(move || users.verify(&name, &password))
                .await
                .unwrap_or(false);
            if !ok {
                tracing::info!(user = ?username, client = ?client_id, "refused: wrong username or password");
            }
            ok
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_passwords_are_random_and_not_printed() {
        let one = HostLogin::random();
        let two = HostLogin::random();
        assert_ne!(one.password, two.password);
        assert_eq!(one.password.expose().len(), 32);
        assert!(!format!("{one:?}").contains(one.password.expose()));
    }
}
