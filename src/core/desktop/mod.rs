//! The computer Chirp runs on: settings file, instance lock, notifications, keyring.
//! Uses `model` and `connection` (settings hold connection profiles); never the UI.

pub mod appearance;
pub mod first_run;
pub mod followed_person;
pub mod identity_store;
pub mod instance;
pub mod keyring;
pub mod keyring_thread;
pub mod logging;
pub mod notifier;
pub mod private_file;
pub mod settings;
pub mod settings_transfer;
