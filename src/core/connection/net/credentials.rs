//! Who we are to the broker: a username and a password that stays out of
//! every log, Debug print and error message.

use serde::{Deserialize, Serialize};

pub use crate::core::model::secret::Secret;

/// MQTT username and password. Serialises the username only: a password
/// belongs in the system keyring, not in a settings file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Credentials {
    pub username: String,
    #[serde(skip)]
    pub password: Secret,
}

impl Credentials {
    pub fn new(username: impl Into<String>, password: Secret) -> Self {
        Self {
            username: username.into(),
            password,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_password_stays_out_of_debug_and_json() {
        let credentials = Credentials::new("alice", Secret::new("hunter2"));
        let debug = format!("{credentials:?} {credentials:#?}");
        assert!(!debug.contains("hunter2"), "{debug}");
        assert!(debug.contains("alice"), "{debug}");
        let json = serde_json::to_string(&credentials).expect("serialize");
        assert_eq!(json, r#"{"username":"alice"}"#);
        let back: Credentials = serde_json::from_str(&json).expect("deserialize");
        assert!(back.password.is_empty());
        assert_eq!(credentials.password.expose(), "hunter2");
    }
}
