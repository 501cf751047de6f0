use super::*;

#[test]
fn round_trip_and_client_id_kept() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("sub/settings.json");
    let mut settings = Settings::load(&path).expect("defaults");
    assert!(settings.client_id.starts_with("chirp-"));
    settings.username = "alice".into();
    settings.save(&path).expect("saves");
    let loaded = Settings::load(&path).expect("loads");
    assert_eq!(loaded, settings);
}

#[test]
fn old_and_partial_files_still_load() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("settings.json");
    fs::write(
        &path,
        r#"{"username":"bob","future_field":[1,2],"broker":{"host":"h"}}"#,
    )
    .expect("write");
    let loaded = Settings::load(&path).expect("loads");
    assert_eq!(loaded.username, "bob");
    let active = loaded.active();
    assert_eq!(
        (active.broker.host.as_str(), active.broker.port),
        ("h", 1883)
    );
    assert_eq!(active.name, "h:1883");
    // The presets are offered beside the old broker.
    assert_eq!(loaded.profiles.len(), 3);
    assert!(!loaded.hashtags.is_empty());
    // Saved again, the old field is gone and the profile stays.
    loaded.save(&path).expect("saves");
    let json: serde_json::Value =
        serde_json::from_slice(&fs::read(&path).expect("read")).expect("json");
    assert!(json.get("broker").is_none(), "{json}");
    assert_eq!(Settings::load(&path).expect("loads"), loaded);
}

#[test]
fn an_old_file_naming_the_public_broker_keeps_the_presets_only() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("settings.json");
    fs::write(
        &path,
        r#"{"broker":{"host":"test.mosquitto.org","port":8886,"tls":true}}"#,
    )
    .expect("write");
    let loaded = Settings::load(&path).expect("loads");
    assert_eq!(loaded.profiles, Profile::presets());
    assert_eq!(loaded.active().name, "test.mosquitto.org (TLS)");
}

#[test]
fn corrupt_file_is_an_error_not_defaults() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("settings.json");
    fs::write(&path, "{not json").expect("write");
    assert!(matches!(
        Settings::load(&path),
        Err(SettingsError::Parse { .. })
    ));
}

#[test]
fn writer_writes_the_latest_copy() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("settings.json");
    let writer = SettingsWriter::spawn(path.clone(), |e| panic!("{e}"));
    for name in ["a", "b", "c"] {
        writer.save(Settings {
            username: name.into(),
            ..Settings::default()
        });
    }
    drop(writer);
    assert_eq!(Settings::load(&path).expect("loads").username, "c");
}

/// Every entry in `dir`, by name.
fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_write_leaves_the_whole_file_and_no_temporary_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("settings.json");
    let settings = Settings {
        username: "alice".into(),
        // Loading makes one up when there is none.
        client_id: "chirp-test".into(),
        hashtags: (0..500)
            .map(|n| FollowedHashtag {
                tag: format!("tag{n}"),
                followed: n % 2 == 0,
            })
            .collect(),
        ..Settings::default()
    };
    for _ in 0..3 {
        settings.save(&path).expect("saves");
    }
    assert_eq!(entries(dir.path()), ["settings.json"]);
    assert_eq!(Settings::load(&path).expect("loads"), settings);

    let writer = SettingsWriter::spawn(path.clone(), |e| panic!("{e}"));
    writer.save(settings.clone());
    drop(writer);
    assert_eq!(entries(dir.path()), ["settings.json"]);
    let written = Settings::load(&path).expect("loads");
    assert_eq!(written.hashtags, settings.hashtags);
    assert_eq!(written.revision, 1, "a writer's write is the next revision");
}

#[test]
fn a_stale_window_does_not_silently_write_over_a_newer_change() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("settings.json");
    Settings::default().save(&path).expect("saves");
    // Two windows read the same file...
    let first_copy = Settings::load(&path).expect("loads");
    let second_copy = first_copy.clone();
    let (notices, told) = crossbeam_channel::unbounded();
    let first = SettingsWriter::spawn(path.clone(), |e| panic!("{e}"));
    let second = SettingsWriter::spawn(path.clone(), move |e| {
        notices.send(e).expect("test listens");
    });
    // ...the first saves a change, then the second saves its stale copy.
    first.save(Settings {
        username: "first".into(),
        ..first_copy
    });
    drop(first);
    for name in ["second", "again"] {
        second.save(Settings {
            username: name.into(),
            ..second_copy.clone()
        });
    }
    drop(second);

    let on_disk = Settings::load(&path).expect("loads");
    assert_eq!(on_disk.username, "first", "the newer change is kept");
    let reported: Vec<String> = told.try_iter().collect();
    assert_eq!(reported.len(), 1, "told once: {reported:?}");
    assert!(
        reported[0].contains("changed by another Chirp window"),
        "{reported:?}"
    );

    let mut stale = SettingsFile::new(path.clone());
    assert!(matches!(
        stale.write(second_copy.clone()),
        Err(SettingsError::ChangedElsewhere { .. })
    ));
    assert!(!stale.write(second_copy).expect("refused quietly"));
    assert_eq!(Settings::load(&path).expect("loads").username, "first");
}

#[test]
fn a_writer_follows_its_own_writes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("settings.json");
    let loaded = Settings::load(&path).expect("defaults");
    let mut file = SettingsFile::new(path.clone());
    for name in ["a", "b", "c"] {
        let changed = Settings {
            username: name.into(),
            ..loaded.clone()
        };
        assert!(file.write(changed).expect("writes"));
    }
    let on_disk = Settings::load(&path).expect("loads");
    assert_eq!((on_disk.username.as_str(), on_disk.revision), ("c", 3));
}
