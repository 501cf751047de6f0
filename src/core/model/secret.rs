//! A secret string (a password, later a key) that stays out of every log,
//! Debug print and error message.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A password. Its Debug prints `***` and it has no Display, so it cannot
/// end up in a log line or an error by accident; `expose` is the one way
/// to read it, for the CONNECT packet. It serialises as the plain string:
/// only a profile whose user chose the settings file writes one.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    pub fn new(secret: impl Into<String>) -> Self {
        Self(secret.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}
