# Chirps Fenster auf Deutsch. Dieselben Schlüssel wie en/chirp.ftl (ein
# Test nennt fehlende). Zahlen in Argumenten werden mit Punkt gruppiert
# („1.234“); Pluralformen wählen nach ihnen: { $count -> [one] … *[other] … }
# Anrede: „du“, klein geschrieben, wie in den meisten Apps dieser Art.

## Sprache (Einstellungen)

language-label = Sprache
language-system = Systemsprache ({ $language })
language-system-hover = Folgt der Sprache des Desktops (LC_ALL, LC_MESSAGES oder LANG). Gilt sofort.

## Zeitleiste

timeline-new-tweets = { $count ->
    [one] { $count } neuer Tweet – nach oben
   *[other] { $count } neue Tweets – nach oben
}

## Zeiten und Daten

time-just-now = gerade eben
time-seconds-ago = { $count ->
    [one] vor { $count } Sekunde
   *[other] vor { $count } Sekunden
}
time-minutes-ago = { $count ->
    [one] vor { $count } Minute
   *[other] vor { $count } Minuten
}
time-hours-ago = { $count ->
    [one] vor { $count } Stunde
   *[other] vor { $count } Stunden
}
time-days-ago = { $count ->
    [one] vor { $count } Tag
   *[other] vor { $count } Tagen
}
date = { $day }. { $month } { $year }
date-time = { $weekday }, { $date }, { $time }

month-january = Januar
month-february = Februar
month-march = März
month-april = April
month-may = Mai
month-june = Juni
month-july = Juli
month-august = August
month-september = September
month-october = Oktober
month-november = November
month-december = Dezember

weekday-monday = Montag
weekday-tuesday = Dienstag
weekday-wednesday = Mittwoch
weekday-thursday = Donnerstag
weekday-friday = Freitag
weekday-saturday = Samstag
weekday-sunday = Sonntag

## Hinweise (Banner über der Zeitleiste, bis sie geschlossen werden)
# $error und $reason sind Meldungen des Systems oder des Netzes (Englisch).

notice-dismiss = Schließen
notice-settings-not-saved = Einstellungen nicht gespeichert: { $error }
notice-history-not-kept = Der Verlauf wird nicht gespeichert: { $reason }. Nicht gesendete Tweets gehen verloren, wenn Chirp geschlossen wird.
notice-reacting-needs-identity = Zum Reagieren brauchst du deine Identität (Einstellungen → Identität).
notice-reaction-failed = { $kind ->
    [like] Liken
    [unlike] „Gefällt mir“ zurücknehmen
    [repost] Reposten
    [unrepost] Repost zurücknehmen
   *[delete] Löschen
} nicht möglich: { $error }
notice-mute-list-full = Die Stummschaltliste ist voll ({ $limit } pro Art): Hebe zuerst einige in Einstellungen → Stummgeschaltet auf.
notice-not-locked = { $path } konnte nicht gesperrt werden: { $error }
notice-second-window = Chirp ist mit diesem Profil bereits geöffnet. Dieses Fenster nutzt eine eigene, vorübergehende Verbindung und behält beim Schließen weder Verlauf noch nicht gesendete Tweets.
notice-no-identity = Deine Identität konnte nicht geladen werden: { $error }. Tweets werden diesmal unsigniert gesendet.
notice-settings-moved-aside = { $error }. Die Datei wurde nach { $path } verschoben; es gelten die Standardeinstellungen.
notice-settings-not-moved = { $error }. Die Datei konnte nicht beiseitegelegt werden ({ $reason }); es gelten die Standardeinstellungen.
notice-settings-defaults = { $error }. Es gelten die Standardeinstellungen.

## Passwörter

password-none-in-keyring = Kein Passwort für { $account } im Schlüsselbund: Gib es in den Einstellungen ein.
password-unreadable = Das Passwort für { $account } konnte nicht aus dem Schlüsselbund gelesen werden: { $error }. Gib es in den Einstellungen erneut ein.
password-not-stored = Dein Passwort für { $account } wurde nicht im Schlüsselbund gespeichert: { $error }. Es gilt, bis Chirp geschlossen wird.
password-not-removed = Ein altes Passwort konnte nicht aus dem Schlüsselbund entfernt werden: { $error }
password-in-settings-file = { $reason }: Das Passwort von „{ $profile }“ steht in Chirps Einstellungsdatei, lesbar für alle, die deine Dateien lesen können.

## Desktop-Benachrichtigungen

notify-mention = @{ $user } hat dich erwähnt
notify-mention-unknown = Jemand hat dich erwähnt
notify-message = Nachricht von @{ $user }

## Verbindungsstatus

status-connecting = Verbinde mit { $broker }…
status-connected = Verbunden mit { $broker }
status-offline = Offline ({ $broker }): { $reason } – neuer Versuch in { $seconds } s

## Diagnose

diagnostics-title = Diagnose
diagnostics-connection = Verbindung
diagnostics-last-error = Letzter Fehler
diagnostics-none = keiner
diagnostics-error-at = { $reason } (um { $time })
diagnostics-reconnects = Neu verbunden
diagnostics-unsent = Nicht gesendete Tweets
diagnostics-received = Empfangene Tweets
diagnostics-dropped = Verworfene Nachrichten
diagnostics-dropped-last = { $count } (zuletzt: { $last })
diagnostics-count = { $count }
diagnostics-overflowed = Ereignisse über der Kapazität
diagnostics-timeline = Zeitleiste
diagnostics-timeline-size = { $count } von höchstens { $limit } Tweets
diagnostics-client-id = Client-ID
diagnostics-round-trip = Umlaufzeit deiner Tweets
diagnostics-no-round-trip = noch keine (poste unter einem Hashtag, dem du folgst)
diagnostics-round-trip-figures = zuletzt { $latest } ms, Median { $median } ms aus { $count }
diagnostics-notifications = Desktop-Benachrichtigungen
diagnostics-notifications-off = aus (Einstellungen)
diagnostics-notifications-on = an, solange Chirp im Hintergrund ist
diagnostics-forged = Gefälscht (verworfen)
diagnostics-replayed = Auf anderen Hashtag übertragen (verworfen)
diagnostics-broker-figures = Broker-Kennzahlen
diagnostics-no-broker-figures = keine veröffentlicht ($SYS)
diagnostics-log-file = Protokolldatei
diagnostics-no-log-file = keine (kein Home-Verzeichnis)
diagnostics-open-folder = Ordner öffnen

## Schließen mit nicht gesendeten Tweets

close-guard-heading = Tweets noch nicht gesendet
close-guard-text = { $count ->
    [one] { $count } Tweet hat den Broker noch nicht erreicht. Wenn du jetzt beendest, geht er verloren.
   *[other] { $count } Tweets haben den Broker noch nicht erreicht. Wenn du jetzt beendest, gehen sie verloren.
}
close-guard-keep-open = Chirp offen lassen
close-guard-quit = Trotzdem beenden

## Jetzt online

online-heading = Jetzt online · { $count }
online-since = online seit { $time }
online-more = und { $count } weitere

## Das „…“-Menü eines Tweets

menu-hover = Stummschalten, blockieren
menu-mute-person = @{ $name } stummschalten
menu-block-person = @{ $name } blockieren
menu-block-hover = Verwirft auch ihre Direktnachrichten
menu-mute-hashtag = #{ $tag } in „Alle Tweets“ stummschalten

## Einstellungen → Identität

identity-title = Identität
identity-none = Keine Identität: Deine Tweets werden unsigniert gesendet (siehe Hinweis).
identity-fingerprint = Dein Fingerabdruck
identity-whole-key = Dein ganzer öffentlicher Schlüssel: { $key }
identity-copy-key = Schlüssel kopieren
identity-home-keyring = Andere sehen ihn bei deinen Tweets. Dein geheimer Schlüssel liegt im Schlüsselbund des Desktops.
identity-home-file = Andere sehen ihn bei deinen Tweets. Dein geheimer Schlüssel liegt in { $path } (nur für dich lesbar).
identity-home-nowhere = Andere sehen ihn bei deinen Tweets. Dein geheimer Schlüssel ist noch nirgends gespeichert.
identity-profile = Profil
identity-display-name = Anzeigename
identity-bio = Bio
identity-save-profile = Profil speichern
identity-export-heading = Identität exportieren…
identity-export-explained = Eine Datei zum Importieren auf deinem anderen Computer, mit einer Passphrase geschützt. Wer Datei und Passphrase hat, kann in deinem Namen posten.
identity-export-path = Exportieren nach
identity-passphrase = Passphrase
identity-passphrase-again = Passphrase wiederholen
identity-export = Exportieren
identity-choose-file = wähle eine Datei
identity-passphrases-differ = die beiden Passphrasen unterscheiden sich
identity-import-heading = Identität importieren…
identity-import-explained = Die auf einem anderen Computer exportierte Identität verwenden: Sie ersetzt diese hier.
identity-import-path = Importieren aus
identity-import-passphrase = Ihre Passphrase
identity-import = Importieren
identity-new = Neue Identität erstellen…
identity-new-warning = Alle, die dich kennen, sehen einen neuen Schlüssel: Deine nächsten Tweets erscheinen als „⚠ nicht die bekannte Person“, bis sie ihm vertrauen. Exportiere diese Identität vorher, falls du sie zurückhaben möchtest.
identity-new-confirm = Die neue Identität erstellen
identity-new-cancel = Diese behalten
identity-report-nothing-to-export = keine Identität zum Exportieren
identity-report-profile-saved = Profil gespeichert und veröffentlicht.
identity-report-exported = Exportiert nach { $path }.
identity-report-not-exported = Nicht exportiert: { $error }
identity-report-not-read = Nicht importiert: { $error }
identity-report-not-imported = Nicht importiert, nichts geändert: { $error }
identity-report-not-replaced = Nicht ersetzt, nichts geändert: { $error }
identity-report-not-started = konnte nicht starten: { $error }
identity-report-no-store = Dieses Fenster speichert keine Identität (kein Datenverzeichnis).
identity-report-created = Eine neue Identität ist in Gebrauch: Fingerabdruck { $fingerprint }.
identity-report-imported = Importiert: Fingerabdruck { $fingerprint }.
