//! Chirp's core: everything but the window. The GUI and the CLI both drive it.

pub mod broker;
pub mod compose;
pub mod direct;
pub mod display;
pub mod hosted_broker;
pub mod instance;
pub mod interner;
pub mod keyring;
pub mod keyring_thread;
pub mod mentions;
pub mod name;
pub mod net;
pub mod notifier;
pub mod presence;
pub mod profile;
pub mod search;
pub mod settings;
pub mod storage;
pub mod timeline;
pub mod timeline_entry;
pub mod topic_root;
pub mod trending;
pub mod tweet;
pub mod wire;
