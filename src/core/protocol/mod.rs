//! What goes over the broker: payload encoding and decoding, topic names under a root.
//! Uses `model` only; knows nothing of sockets, storage or the window.

pub mod checker;
pub mod deferred;
pub mod identity;
pub mod identity_file;
pub mod passphrase;
pub mod sealed;
pub mod signed;
pub mod topic_root;
pub mod wire;
