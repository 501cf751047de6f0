//! Settings → Export settings… / Import settings… in the real app with
//! egui_kittest: an export holds the settings and never a password or a
//! key; an import lists its changes first, then merges and subscribes
//! what it follows; a bad file says why and changes nothing.

use std::sync::Arc;

use base64::Engine as _;
use egui_kittest::kittest::Queryable as _;

use chirp::core::connection::broker::{BrokerAddress, Transport};
use chirp::core::connection::net::NetCommand;
use chirp::core::connection::profile::{PasswordPlace, Profile};
use chirp::core::desktop::settings::Settings;
use chirp::core::desktop::settings_transfer;
use chirp::core::model::secret::Secret;
use chirp::core::protocol::identity::Identity;

use crate::ui_app::{Ui, click, open, open_with, set_text, settings, wait_shown};

const PASSWORD: &str = "hunter2-correct-horse-battery";

/// Settings → the button `which` ("Export settings…" or "Import settings…").
fn open_transfer(ui: &mut Ui, which: &str) {
    click(ui, "Settings");
    click(ui, which);
}

/// dana's settings with a profile whose password is in the settings file.
fn with_saved_password() -> Settings {
    let mut school = Profile::new(
        "school",
        BrokerAddress::new("mqtt.school.org", 8883, Transport::Tls),
    );
    school.login = "dana".into();
    school.password_place = PasswordPlace::SettingsFile;
    school.saved_password = Some(Secret::new(PASSWORD));
    school.client_id = "danas-laptop".into();
    let mut settings = settings("dana");
    settings.profiles.push(school);
    settings
}

#[test]
fn an_export_holds_the_settings_and_no_password_or_key() {
    let dir = tempfile::tempdir().expect("temp dir");
    let identity = Identity::generate();
    let secret = identity.secret_bytes();
    let shared = Arc::new(identity);
    let mut ui = open_with(with_saved_password(), |app| app.with_identity(Some(shared)));
    open_transfer(&mut ui, "Export settings…");
    let file = dir.path().join("exported.json");
    set_text(&mut ui, "Export to file", &file.display().to_string());
    click(&mut ui, "Export");
    wait_shown(&mut ui, "Saved to");

    let text = std::fs::read_to_string(&file).expect("written");
    let export = settings_transfer::parse(text.as_bytes()).expect("an export");
    let tags: Vec<&str> = export.hashtags.iter().map(|h| h.tag.as_str()).collect();
    assert_eq!(tags, ["chirp", "mqtt"]);
    let school = export.profiles.iter().find(|p| p.name == "school");
    assert!(school.is_some_and(|p| p.asks_password && p.login == "dana"));
    let hex: String = secret.iter().map(|b| format!("{b:02x}")).collect();
    let base64 = base64::engine::general_purpose::STANDARD_NO_PAD.encode(*secret);
    for private in [PASSWORD, "danas-laptop", "test-client", &hex, &base64] {
        assert!(!text.contains(private), "{private:?} is in {text}");
    }
}

#[test]
fn an_import_shows_its_changes_then_merges_and_subscribes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("from-laptop.json");
    std::fs::write(
        &file,
        r#"{"chirp_settings": 1,
            "hashtags": [{"tag": "chirp"}, {"tag": "garden", "followed": true}],
            "people": [{"user": "erin"}],
            "mutes": {"words": ["spoiler"]}}"#,
    )
    .expect("write");
    let mut ui = open(settings("dana"));
    ui.sent();
    open_transfer(&mut ui, "Import settings…");
    set_text(&mut ui, "Import from file", &file.display().to_string());
    click(&mut ui, "Show changes");
    wait_shown(&mut ui, "add and follow #garden");
    ui.harness.get_by_label("• add and follow @erin");
    ui.harness.get_by_label("• mute the word \"spoiler\"");
    let followed = |ui: &Ui, tag: &str| {
        ui.harness
            .state()
            .settings()
            .followed_tags()
            .any(|t| t == tag)
    };
    assert!(!followed(&ui, "garden"), "nothing changes before Import");
    assert!(ui.sent().is_empty());

    click(&mut ui, "Import");
    wait_shown(&mut ui, "Imported: 3 changes made.");
    assert!(followed(&ui, "garden"));
    let state = ui.harness.state().settings();
    assert_eq!(state.followed_people().collect::<Vec<_>>(), ["erin"]);
    assert_eq!(state.mutes.words, ["spoiler"]);
    let sent = ui.sent();
    assert!(
        sent.iter()
            .any(|c| matches!(c, NetCommand::Subscribe(tag) if tag == "garden")),
        "{sent:?}"
    );
    assert!(
        sent.iter()
            .any(|c| matches!(c, NetCommand::FollowPerson(user) if user == "erin")),
        "{sent:?}"
    );
    assert!(
        ui.harness.query_by_label("#garden").is_some(),
        "in the panel"
    );
}

#[test]
fn a_bad_file_says_why_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut ui = open(settings("dana"));
    let before = ui.harness.state().settings().clone();
    open_transfer(&mut ui, "Import settings…");
    for (name, text, why) in [
        (
            "broken.json",
            "{\"chirp_settings\": 1, \"hashtags\": [",
            "not a JSON file",
        ),
        ("other.json", r#"{"theme": "dark"}"#, "not Chirp settings"),
        (
            "newer.json",
            r#"{"chirp_settings": 9}"#,
            "made by a newer Chirp",
        ),
    ] {
        let file = dir.path().join(name);
        std::fs::write(&file, text).expect("write");
        set_text(&mut ui, "Import from file", &file.display().to_string());
        click(&mut ui, "Show changes");
        wait_shown(&mut ui, why);
        ui.harness
            .get_by_label_contains("Not imported, nothing changed");
        assert!(
            ui.harness.query_by_label("Import").is_none(),
            "no Import button"
        );
    }
    set_text(
        &mut ui,
        "Import from file",
        &dir.path().join("missing.json").display().to_string(),
    );
    click(&mut ui, "Show changes");
    wait_shown(&mut ui, "could not read");
    assert_eq!(ui.harness.state().settings(), &before);
}

#[test]
fn cancel_leaves_the_settings_as_they_were() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("tags.json");
    std::fs::write(
        &file,
        r#"{"chirp_settings": 1, "hashtags": [{"tag": "news"}]}"#,
    )
    .expect("write");
    let mut ui = open(settings("dana"));
    let before = ui.harness.state().settings().clone();
    open_transfer(&mut ui, "Import settings…");
    set_text(&mut ui, "Import from file", &file.display().to_string());
    click(&mut ui, "Show changes");
    wait_shown(&mut ui, "add and follow #news");
    click(&mut ui, "Cancel");
    assert!(
        ui.harness.query_by_label("Import from file").is_none(),
        "closed"
    );
    assert_eq!(ui.harness.state().settings(), &before);
}
