//! Settings → Identity in the real app with egui_kittest: the fingerprint,
//! an export whose passphrase is checked first, an import that refuses a
//! wrong passphrase and changes nothing, and a new identity after a warning.

use std::sync::Arc;

use chirp::core::desktop::identity_store::IdentityStore;
use chirp::core::protocol::identity::Identity;
use chirp::core::protocol::identity_file;
use egui_kittest::kittest::Queryable as _;

use crate::ui_app::{Ui, click, open_with, set_text, settings, wait_shown};

const STRONG: &str = "violet tractor hums beneath quiet lanterns";

/// The app with `identity` kept in a 0600 file under `dir`, its identity
/// window open.
fn open_identity(dir: &std::path::Path, identity: &Identity) -> Ui {
    let store = IdentityStore::new(dir, None);
    let home = store.replace(identity).expect("saved");
    let identity = Arc::new(identity.clone());
    let mut ui = open_with(settings("bob"), |app| {
        app.with_identity(Some(identity))
            .with_identity_store(store, Some(home))
    });
    // The window is taller than the harness's usual 700 points.
    ui.harness.set_size(egui::vec2(1000.0, 900.0));
    ui.harness.run_steps(2);
    click(&mut ui, "Settings");
    click(&mut ui, "Identity…");
    ui
}

#[test]
fn the_fingerprint_shows_and_an_export_needs_a_strong_passphrase() {
    let dir = tempfile::tempdir().expect("temp dir");
    let identity = Identity::generate();
    let mut ui = open_identity(dir.path(), &identity);
    assert!(
        ui.harness
            .query_by_label(&identity.fingerprint().to_string())
            .is_some()
    );
    let file = dir.path().join("exported.json");
    set_text(&mut ui, "Export to file", &file.display().to_string());
    set_text(&mut ui, "Passphrase", "password");
    set_text(&mut ui, "Passphrase again", "password");
    click(&mut ui, "Export");
    assert!(!file.exists(), "a weak passphrase exports nothing");
    set_text(&mut ui, "Passphrase", STRONG);
    set_text(&mut ui, "Passphrase again", STRONG);
    click(&mut ui, "Export");
    wait_shown(&mut ui, "Exported to");
    let text = std::fs::read_to_string(&file).expect("written");
    assert!(!text.contains(STRONG));
    let back = identity_file::import(&text, STRONG).expect("opens with the passphrase");
    assert_eq!(back.fingerprint(), identity.fingerprint());
}

#[test]
fn an_import_with_a_wrong_passphrase_changes_nothing_and_a_right_one_switches() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (mine, other) = (Identity::generate(), Identity::generate());
    let file = dir.path().join("other.json");
    std::fs::write(
        &file,
        identity_file::export(&other, STRONG).expect("export"),
    )
    .expect("write");
    let mut ui = open_identity(dir.path(), &mine);
    set_text(&mut ui, "Import from file", &file.display().to_string());
    set_text(&mut ui, "Its passphrase", "not the passphrase at all");
    click(&mut ui, "Import");
    wait_shown(&mut ui, "Not imported, nothing changed");
    let current = |ui: &Ui| ui.harness.state().identity().map(|i| i.fingerprint());
    assert_eq!(current(&ui), Some(mine.fingerprint()));
    assert_eq!(
        IdentityStore::new(dir.path(), None).saved_key(),
        Some(mine.author_key()),
        "the saved identity is untouched"
    );
    set_text(&mut ui, "Its passphrase", STRONG);
    click(&mut ui, "Import");
    wait_shown(&mut ui, "Imported: fingerprint");
    assert_eq!(current(&ui), Some(other.fingerprint()));
    assert_eq!(
        IdentityStore::new(dir.path(), None).saved_key(),
        Some(other.author_key())
    );
}

#[test]
fn a_new_identity_is_made_only_after_the_warning() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mine = Identity::generate();
    let mut ui = open_identity(dir.path(), &mine);
    click(&mut ui, "Create a new identity…");
    assert!(
        ui.harness
            .query_by_label_contains("Everyone who knows you will see a new key")
            .is_some()
    );
    click(&mut ui, "Keep this one");
    assert_eq!(
        ui.harness.state().identity().map(|i| i.fingerprint()),
        Some(mine.fingerprint())
    );
    click(&mut ui, "Create a new identity…");
    click(&mut ui, "Create the new identity");
    wait_shown(&mut ui, "A new identity is in use");
    let now = ui.harness.state().identity().map(|i| i.author_key());
    assert!(now.is_some() && now != Some(mine.author_key()));
    assert_eq!(IdentityStore::new(dir.path(), None).saved_key(), now);
}
