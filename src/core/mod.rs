//! Chirp's core: everything but the window. The GUI and the CLI both drive it.
//!
//! Layers, bottom to top; a layer uses only those below it (ARCHITECTURE.md):
//! `model` ← `protocol` ← `social` ← `storage` ← `connection` ← `desktop`.

pub mod connection;
pub mod desktop;
pub mod model;
pub mod protocol;
pub mod social;
pub mod storage;
