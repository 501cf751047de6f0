use std::path::PathBuf;

use super::*;
use crate::core::connection::broker::Transport;
use crate::core::connection::profile::PasswordPlace;
use crate::core::model::secret::Secret;
use crate::core::social::mutes::MutedPerson;

const PASSWORD: &str = "hunter2-correct-horse";

fn tag(tag: &str, followed: bool) -> FollowedHashtag {
    FollowedHashtag {
        tag: tag.into(),
        followed,
    }
}

fn person(user: &str, followed: bool) -> FollowedPerson {
    FollowedPerson {
        user: user.into(),
        followed,
    }
}

/// Settings as a person who used Chirp a while has them, with a password
/// in the settings file and this computer's details.
fn used_settings() -> Settings {
    let mut school = Profile::new(
        "school",
        BrokerAddress::new("mqtt.school.org", 8883, Transport::Tls),
    );
    school.login = "alice".into();
    school.password_place = PasswordPlace::SettingsFile;
    school.saved_password = Some(Secret::new(PASSWORD));
    school.client_id = "alices-laptop".into();
    school.tls.ca_file = Some(PathBuf::from("/home/alice/school-ca.pem"));
    let mut settings = Settings {
        username: "alice".into(),
        client_id: "chirp-0123456789abcdef".into(),
        hashtags: vec![tag("chirp", true), tag("garden", false)],
        people: vec![person("bob", true)],
        revision: 41,
        ..Settings::default()
    };
    settings.profiles.push(school);
    settings
        .mutes
        .mute_person(MutedPerson::new("troll", None, true));
    settings.mutes.mute_word("spoiler").expect("a word");
    settings.mutes.mute_hashtag("football");
    settings
}

#[test]
fn an_export_reads_back_as_written() {
    let export = export_of(&used_settings());
    let json = to_json(&export).expect("json");
    assert_eq!(parse(json.as_bytes()).expect("parses"), export);
    assert_eq!(export.chirp_settings, FORMAT_VERSION);
    assert_eq!(export.hashtags, used_settings().hashtags);
    let school = &export.profiles[2];
    assert_eq!(school.broker, "mqtts://mqtt.school.org:8883");
    assert!(school.asks_password);
}

#[test]
fn an_export_holds_no_password_and_nothing_of_this_computer() {
    let json = to_json(&export_of(&used_settings())).expect("json");
    for private in [
        PASSWORD,
        "alices-laptop",
        "chirp-0123456789abcdef",
        "school-ca.pem",
        "revision",
        "saved_password",
        "client_id",
    ] {
        assert!(!json.contains(private), "{private:?} in {json}");
    }
}

#[test]
fn a_file_written_and_read_is_the_same_export() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("chirp-settings.json");
    let export = export_of(&used_settings());
    write_export(&export, &path).expect("written");
    assert_eq!(read_export(&path).expect("read"), export);
}

#[test]
fn importing_into_fresh_settings_brings_everything() {
    let mut fresh = Settings::default();
    let merged = merge(&mut fresh, &export_of(&used_settings()));
    assert!(merged.skipped.is_empty(), "{:?}", merged.skipped);
    let school = fresh
        .profiles
        .iter()
        .find(|p| p.name == "school")
        .expect("added");
    assert_eq!(school.broker.host, "mqtt.school.org");
    assert_eq!(school.password_place, PasswordPlace::Keyring);
    assert_eq!(school.saved_password, None);
    assert_eq!(school.client_id, "", "this install's own id");
    assert_eq!(school.tls.ca_file, None);
    assert_eq!(fresh.mutes, used_settings().mutes);
    assert!(fresh.people.contains(&person("bob", true)));
    assert!(fresh.hashtags.contains(&tag("garden", false)));
    assert_eq!(merged.followed_people().collect::<Vec<_>>(), ["bob"]);
    // #chirp is followed by default already: nothing to subscribe anew.
    assert_eq!(merged.followed_tags().count(), 0);
    assert!(merge(&mut fresh, &export_of(&used_settings())).is_empty());
}

#[test]
fn a_merge_adds_and_follows_but_never_removes_or_unfollows() {
    let mut mine = Settings {
        hashtags: vec![tag("rust", true), tag("garden", false), tag("mine", true)],
        people: vec![person("carol", true), person("bob", false)],
        ..Settings::default()
    };
    let file = SettingsExport {
        chirp_settings: 1,
        hashtags: vec![tag("rust", false), tag("garden", true), tag("#news", true)],
        people: vec![
            person("carol", false),
            person("@bob", true),
            person("dan", false),
        ],
        ..SettingsExport::default()
    };
    let merged = merge(&mut mine, &file);
    assert_eq!(
        mine.hashtags,
        [
            tag("rust", true),
            tag("garden", true),
            tag("mine", true),
            tag("news", true)
        ]
    );
    assert_eq!(
        mine.people,
        [
            person("carol", true),
            person("bob", true),
            person("dan", false)
        ]
    );
    assert_eq!(
        merged.followed_tags().collect::<Vec<_>>(),
        ["garden", "news"]
    );
    assert_eq!(merged.followed_people().collect::<Vec<_>>(), ["bob"]);
}

#[test]
fn the_preview_lists_what_the_merge_does_and_changes_nothing() {
    let mine = Settings::default();
    let before = mine.clone();
    let export = export_of(&used_settings());
    let preview = preview(&mine, &export);
    assert_eq!(mine, before);
    let mut merged_into = mine.clone();
    assert_eq!(merge(&mut merged_into, &export), preview);
    let lines: Vec<String> = preview.changes.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            "add profile \"school\" (mqtts://mqtt.school.org:8883): its password is not \
             in the file",
            "add #garden (not followed)",
            "add and follow @bob",
            "block @troll",
            "mute the word \"spoiler\"",
            "mute #football in All tweets",
        ]
    );
}

#[test]
fn a_profile_that_differs_is_updated_and_its_saved_password_stays_home() {
    let mut mine = used_settings();
    let mut export = export_of(&mine);
    export.profiles[2].broker = "mqtts://new.school.org:8883".into();
    export.profiles[2].accept_invalid_certs = true;
    let merged = merge(&mut mine, &export);
    let lines: Vec<String> = merged.changes.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            "change profile \"school\": broker mqtts://mqtt.school.org:8883 → \
             mqtts://new.school.org:8883; certificate check on → off; its saved password \
             is not sent to the new broker: type it in Settings"
        ]
    );
    let school = &mine.profiles[2];
    assert_eq!(school.broker.host, "new.school.org");
    assert_eq!(school.saved_password, None);
    assert_eq!(school.password_place, PasswordPlace::Keyring);
    assert_eq!(school.client_id, "alices-laptop", "kept: the file has none");
    assert!(school.tls.ca_file.is_some(), "kept: the file has none");
}

#[test]
fn entries_that_are_not_valid_are_left_out_and_said_so() {
    let mut mine = Settings::default();
    let mut profile = ExportedProfile::of(&Profile::default());
    profile.name = "bad broker".into();
    profile.broker = "http://example.org".into();
    let file = SettingsExport {
        chirp_settings: 1,
        profiles: vec![profile],
        hashtags: vec![tag("two words", true), tag("ok", true)],
        people: vec![person("a/b", true)],
        mutes: MuteList {
            words: vec!["not a word".into()],
            people: vec![MutedPerson {
                name: "x".into(),
                key: Some("not base64".into()),
                blocked: false,
            }],
            hashtags: vec!["+".into()],
        },
        ..SettingsExport::default()
    };
    let merged = merge(&mut mine, &file);
    assert_eq!(
        merged.changes,
        [Change::AddHashtag {
            tag: "ok".into(),
            followed: true
        }]
    );
    let skipped: Vec<String> = merged.skipped.iter().map(ToString::to_string).collect();
    assert_eq!(skipped.len(), 6, "{skipped:?}");
    assert!(
        skipped[0].starts_with("left out profile \"bad broker\": broker URL"),
        "{skipped:?}"
    );
    assert!(
        skipped[1].starts_with("left out hashtag \"two words\""),
        "{skipped:?}"
    );
}

#[test]
fn a_file_cannot_add_hashtags_without_bound() {
    let mut mine = Settings::default();
    let file = SettingsExport {
        chirp_settings: 1,
        hashtags: (0..MAX_HASHTAGS + 10)
            .map(|n| tag(&format!("t{n}"), true))
            .collect(),
        ..SettingsExport::default()
    };
    let merged = merge(&mut mine, &file);
    assert_eq!(mine.hashtags.len(), MAX_HASHTAGS);
    assert_eq!(merged.skipped.len(), 13, "3 hashtags were there already");
}

#[test]
fn bad_files_are_refused_with_a_reason() {
    let refused = |text: &str| parse(text.as_bytes()).expect_err("refused").to_string();
    assert!(refused("{not json").starts_with("not a JSON file"));
    assert!(refused(r#"{"hashtags": []}"#).contains("no \"chirp_settings\""));
    assert!(refused("[1, 2]").contains("no \"chirp_settings\""));
    assert!(refused(r#"{"chirp_settings": 0}"#).contains("no \"chirp_settings\""));
    assert!(refused(r#"{"chirp_settings": 2, "x": {}}"#).contains("newer Chirp"));
    assert!(
        refused(r#"{"chirp_settings": 1, "hashtags": 5}"#).starts_with("not valid Chirp settings")
    );
    let only_tags = parse(br#"{"chirp_settings": 1, "hashtags": [{"tag": "a"}], "later": 1}"#)
        .expect("missing parts are empty, unknown ones ignored");
    assert_eq!(only_tags.hashtags, [tag("a", true)]);
}

#[test]
fn a_file_too_large_or_missing_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let large = dir.path().join("large.json");
    let padding = " ".repeat(MAX_FILE_BYTES as usize);
    std::fs::write(&large, format!("{{\"chirp_settings\": 1}}{padding}")).expect("write");
    let error = read_export(&large).expect_err("refused");
    assert!(matches!(error, TransferError::TooLarge { .. }), "{error}");
    assert!(error.to_string().contains("too large"));
    let missing = read_export(&dir.path().join("missing.json")).expect_err("refused");
    assert!(matches!(missing, TransferError::Read { .. }), "{missing}");
}
