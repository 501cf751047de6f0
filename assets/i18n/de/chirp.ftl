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
identity-new-warning = Alle, die dich kennen, sehen einen neuen Schlüssel: Deine nächsten Tweets erscheinen als „⚠ nicht das dir bekannte @…“, bis sie ihm vertrauen. Exportiere diese Identität vorher, falls du sie zurückhaben möchtest.
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

## Nachrichten (Direktnachrichten)

messages-title = Nachrichten
messages-to = An
messages-to-hint = Name
messages-new = Neu
messages-no-conversations = Noch keine Unterhaltungen
messages-pick-person = Wähle eine Person oder beginne eine neue Nachricht
messages-none = Noch keine Nachrichten
messages-your-message = Deine Nachricht
messages-draft-hint = an @{ $user }
messages-send = 🔒 Senden
messages-send-unencrypted = Unverschlüsselt senden
messages-send-unencrypted-hover = Alle auf diesem Broker können sie lesen
messages-private = 🔒 Ende-zu-Ende-verschlüsselt: Nur @{ $user } kann diese Nachrichten lesen. Wer wem wann schreibt, sehen alle auf dem Broker trotzdem.
messages-not-private-no-identity = Nicht privat: Dieser Computer hat keine Identität zum Signieren und Verschlüsseln, daher können alle auf diesem Broker diese Nachrichten lesen.
messages-not-private-no-key = Nicht privat: @{ $user } hat keinen Schlüssel veröffentlicht. Nachrichten dorthin werden nicht verschlüsselt, alle auf diesem Broker können sie lesen.
messages-sending = wird gesendet…
messages-waiting = wartet auf Verbindung

## Die Personenkarte

person-close = Schließen
person-no-profile = noch kein Profil
person-follow = @{ $name } folgen
person-follow-hover = Alles erhalten, was diese Person postet, egal unter welchem Hashtag
person-unfollow = Entfolgen
person-unfollow-hover = Nicht mehr alle Posts von @{ $name } erhalten
person-recent = Neueste Tweets
person-no-recent = keine in der Zeitleiste
person-mute = Stummschalten
person-mute-hover = Ihre Tweets und Erwähnungen überall ausblenden
person-block = Blockieren
person-block-hover = Stummschalten und zusätzlich ihre Direktnachrichten verwerfen
person-unmute = Stummschaltung aufheben
person-unblock = Blockierung aufheben
person-no-key = Kein Schlüssel hinterlegt: Der nächste signierte Tweet unter diesem Namen hinterlegt einen.
person-other-key = Anderer Schlüssel
person-other-key-hover = Ein anderer Schlüssel hat Tweets unter diesem Namen signiert
person-trust-new-key = Diesem neuen Schlüssel vertrauen
person-trust-question = { $new } ab jetzt als @{ $name } vertrauen? Mit dem alten Schlüssel ({ $old }) signierte Tweets erscheinen dann als nicht das dir bekannte @{ $name }.
person-trust-question-no-old = { $new } ab jetzt als @{ $name } vertrauen? Mit dem alten Schlüssel signierte Tweets erscheinen dann als nicht das dir bekannte @{ $name }.
person-trust-confirm = Ja, vertrauen
person-trust-cancel = Abbrechen
person-pinned-key = Hinterlegter Schlüssel
person-pinned-key-hover = Der Schlüssel, dem für diesen Namen vertraut wird: Seine Tweets erscheinen als verifiziert
person-copy-key = Schlüssel kopieren
person-copy-key-hover = Den ganzen Schlüssel kopieren (hex)
person-first-seen = Zuerst gesehen
person-forget-key = Schlüssel vergessen
person-forget-key-hover = Hinterlegung aufheben: Der nächste Schlüssel, der unter diesem Namen signiert, wird stattdessen hinterlegt
person-full-key = Ganzer Schlüssel: { $key }

## Signatur-Abzeichen an einem Tweet

badge-unsigned = unsigniert
badge-unsigned-hover = Keine Signatur: Jeder hätte dies unter diesem Namen schreiben können.
badge-unsigned-signer = unsigniert: @{ $name } signiert sonst
badge-unsigned-signer-hover = Tweets von @{ $name } sind sonst mit einem hier hinterlegten Schlüssel signiert; dieser hat keine Signatur und stammt womöglich nicht von @{ $name }.
badge-verified = ✔ verifiziert
badge-verified-hover = Signiert mit dem für @{ $name } hinterlegten Schlüssel: { $fingerprint }
badge-new-key = neuer Schlüssel
badge-new-key-hover = Dieser Name ist zum ersten Mal zu sehen: Sein Schlüssel wird jetzt hinterlegt (Vertrauen bei erster Verwendung). Fingerabdruck { $fingerprint }
badge-checking = wird geprüft…
badge-checking-hover = Signiert mit dem für @{ $name } hinterlegten Schlüssel; die Signatur wird geprüft. Ein gefälschter Tweet verschwindet.
badge-impostor = ⚠ nicht das dir bekannte @{ $name }
badge-impostor-hover = Ein anderer Schlüssel hat dies unter dem Namen @{ $name } signiert: { $key } ist nicht der dafür hinterlegte ({ $pinned }). Vielleicht nutzt jemand anderes den Namen. Klicke, um die Schlüssel zu vergleichen oder dem neuen zu vertrauen, falls @{ $name } den Schlüssel wirklich gewechselt hat.
badge-impostor-hover-no-pin = Ein anderer Schlüssel hat dies unter dem Namen @{ $name } signiert: { $key } ist nicht der dafür hinterlegte. Vielleicht nutzt jemand anderes den Namen. Klicke, um die Schlüssel zu vergleichen oder dem neuen zu vertrauen, falls @{ $name } den Schlüssel wirklich gewechselt hat.

## Einstellungen: ein Verbindungsprofil

profile-name = Name
profile-transport = Transport
profile-transport-tcp = MQTT (TCP)
profile-transport-tls = MQTT über TLS
profile-transport-ws = WebSocket
profile-transport-wss = Sicherer WebSocket
profile-host = Host
profile-port = Port
profile-path = Pfad
profile-login = Anmeldename
profile-login-hint = keiner: anonym
profile-password = Passwort
profile-password-in-keyring = im Schlüsselbund gespeichert
profile-password-in-file = in der Einstellungsdatei gespeichert
profile-client-id = Client-ID
profile-client-id-hint = die dieses Computers
profile-keep-alive = Keep-Alive (s)
profile-topic-root = Topic-Wurzel
profile-delivery = Zustellung
profile-delivery-hover = QoS 1: Der Broker bestätigt jeden Tweet, nichts geht verloren. QoS 0: schneller, aber ein Tweet unterwegs geht verloren, wenn die Verbindung abbricht.
profile-qos-0 = QoS 0 (höchstens einmal)
profile-qos-1 = QoS 1 (mindestens einmal)
profile-ca-file = CA-Datei
profile-ca-file-hint = keine: die Wurzelzertifikate des Systems
profile-accept-invalid = Ungültige Zertifikate akzeptieren
profile-invalid-certs-warning = ⚠ Das Zertifikat des Brokers wird nicht geprüft: Die Verbindung ist verschlüsselt, aber ein Angreifer könnte sie mitlesen und verändern. Nur zum Testen.

## Entdecken

discover-title = Entdecken
discover-explained = Alle Hashtags auf diesem Broker, die aktivsten zuerst
discover-empty = Noch nichts: Hashtags erscheinen hier, sobald Tweets eintreffen.
discover-hashtag = Hashtag
discover-five-minutes = 5 Min.
discover-hour = Stunde
discover-last-hour = Letzte Stunde
discover-following = gefolgt
discover-follow = Folgen
discover-follow-hover = #{ $tag } folgen
discover-busiest-minute = { $count ->
    [one] aktivste Minute: { $count } Tweet
   *[other] aktivste Minute: { $count } Tweets
}

## Einstellungen: Stummgeschaltet

muted-title = Stummgeschaltet ({ $count })
muted-hover = Stummgeschaltete Personen, Wörter und Hashtags und der Flutschutz
muted-limits = Bis zu { $limit } Personen, { $limit } Wörter und { $limit } Hashtags.
muted-word = Wort stummschalten
muted-word-hint = Wort, #Hashtag oder @Name
muted-add-word = Wort hinzufügen
muted-nothing = Nichts stummgeschaltet.
muted-page = { $page } von { $pages }
muted-line-muted = @{ $name } (stummgeschaltet)
muted-line-muted-by-key = @{ $name } (stummgeschaltet, per Schlüssel)
muted-line-blocked = @{ $name } (blockiert)
muted-line-blocked-by-key = @{ $name } (blockiert, per Schlüssel)
muted-line-word = „{ $word }“ (Wort)
muted-line-hashtag = #{ $tag } (in „Alle Tweets“)
muted-undo = Aufheben
muted-undo-hover = Stummschaltung aufheben
muted-flood-before = Autor einklappen ab
muted-flood-after = Tweets pro Minute
muted-flood-hover = 0 schaltet den Flutschutz aus

## Likes und Reposts

reactions-reposted = { $others ->
    [0] @{ $name } hat repostet
    [one] @{ $name } und { $others } weitere Person haben repostet
   *[other] @{ $name } und { $others } weitere Personen haben repostet
}
reactions-like = Gefällt mir
reactions-unlike = „Gefällt mir“ zurücknehmen
reactions-repost = An deine Follower reposten
reactions-unrepost = Repost zurücknehmen
reactions-delete = 🗑 Löschen
reactions-delete-hover = Diesen Tweet zurücknehmen: signiert, also kannst nur du das
reactions-needs-identity = Braucht deine Identität (Einstellungen → Identität)

## Die Zeilen des Flutschutzes über der Zeitleiste

flood-line = @{ $name }: { $count ->
    [one] { $count } weiterer Tweet in der letzten Minute –
   *[other] { $count } weitere Tweets in der letzten Minute –
}
flood-line-unknown = unbekannter Autor: { $count ->
    [one] { $count } weiterer Tweet in der letzten Minute –
   *[other] { $count } weitere Tweets in der letzten Minute –
}
flood-hover = Zurückgehalten: Dieser Autor postet schneller, als die Einstellungen erlauben
flood-show = Zeigen
flood-more-authors = { $authors ->
    [one] und { $authors } weiterer Autor
   *[other] und { $authors } weitere Autoren
}: { $count ->
    [one] { $count } Tweet zurückgehalten
   *[other] { $count } Tweets zurückgehalten
}

## Die Seitenleiste: Personen

add-button = Hinzufügen
people-heading = Personen
people-explained = Anhaken, um allem zu folgen, was sie posten
people-add-label = Person hinzufügen
people-add-spoken = Person hinzufügen
people-full = höchstens { $limit } Personen: Entferne zuerst eine
people-remove = @{ $name } entfernen
people-show-only = { $count ->
    [0] Nur die Tweets von @{ $name } zeigen
   *[other] Nur die Tweets von @{ $name } zeigen, { $count } neu
}

## Das Eingabefeld für Tweets

compose-new-tweet = Neuer Tweet
compose-reply = Antwort an @{ $name }
compose-reply-unknown = Antwort auf einen Tweet
compose-cancel-reply = Antwort abbrechen
compose-quote = @{ $name } zitieren
compose-quote-unknown = Einen Tweet zitieren
compose-cancel-quote = Zitat abbrechen
compose-hint = Was gibt’s Neues? Schreib #Hashtags, um darunter zu posten.
compose-reply-hint = Schreib deine Antwort
compose-under = Unter
compose-post-to = Posten unter
compose-post = Posten
compose-no-extra-hashtag = kein weiterer Hashtag
compose-error-no-username = wähle zuerst einen Benutzernamen
compose-error-empty = schreib zuerst etwas
compose-error-too-long = { $count } Zeichen: Ein Tweet darf höchstens { $limit } haben
compose-error-no-hashtag = füge einen Hashtag hinzu: Schreib #Hashtag in den Text oder wähle einen
compose-error-quote-needs-identity = ein Zitat wird signiert: Es braucht deine Identität (Einstellungen → Identität)

## Einstellungen: einen Broker bereitstellen

host-heading = Einen Broker auf diesem Computer bereitstellen
host-starting = Broker wird gestartet…
host-port = Auf Port lauschen
host-start = Broker starten
host-start-hover = Andere in deinem Netzwerk können sich dann mit diesem Computer verbinden.
host-bad-port = „{ $text }“ ist kein Port: Gib 1–65535 ein (0: ein beliebiger freier Port)
host-not-started = Der Broker konnte nicht gestartet werden: { $error }
host-thread-ended = Der Broker konnte nicht starten: Sein Start-Thread endete unerwartet.
host-running = Läuft auf Port { $port } – andere geben ein:
host-no-address = Keine Netzwerkadresse gefunden: Nur dieser Computer kann sich verbinden.
host-local = Auf diesem Computer: { $address }. Er läuft, bis Chirp geschlossen wird.
host-lock = Mit einer Benutzerdatei schützen (und TLS)
host-users = Benutzerdatei
host-users-hint = optional: nur ihre Benutzer dürfen sich verbinden
host-cert = TLS-Zertifikat
host-key = TLS-Schlüssel
host-file-hint = optional: eine PEM-Datei
host-users-how = Eine Benutzerdatei legst du mit „chirp broker adduser NAME --users DATEI“ an.
host-tls-both = Gib ein TLS-Zertifikat und seinen Schlüssel an oder keins von beiden.
host-locked = Geschützt: Nur die Benutzer in { $file } können sich verbinden, mit ihrem Passwort.
host-tls = Mit TLS verschlüsselt: Andere geben mqtts:// ein und müssen diesem Zertifikat vertrauen.
host-open-warning = Jeder in deinem Netzwerk kann hier mitlesen und posten: Dieser Broker fragt nach keinem Passwort. Um ihn zu schützen, schließe Chirp, öffne es wieder und starte den Broker mit einer Benutzerdatei.

## Eine eingegrenzte Zeitleiste: ein Hashtag, eine Person, Erwähnungen, eine Unterhaltung, eine Suche

filtered-no-mentions = Noch keine Erwähnungen
filtered-nothing = Keine Treffer
filtered-search = Suche
filtered-search-hint = Wörter, @Name, #Hashtag
filtered-close = Schließen
filtered-only = nur
filtered-mentions = Erwähnungen
filtered-mentions-no-username = wähle zuerst einen Benutzernamen
filtered-mentions-of = Erwähnungen von @{ $name }
filtered-mentions-note = und Antworten an dich
filtered-conversation = Unterhaltung
filtered-conversation-note = neueste zuerst
filtered-show-all = Alle Tweets zeigen

## Tweet-Karten in der Zeitleiste

timeline-empty = Noch keine Tweets
timeline-empty-hint = Hake links einen Hashtag an, um ihm zu folgen, oder poste den ersten Tweet.
timeline-deleted = vom Autor gelöscht
timeline-unknown-author = unbekannter Autor
timeline-you = du
timeline-author-hover = Wer das ist: der Schlüssel und ob du ihm vertrauen kannst
timeline-online-now = gerade online
timeline-hidden = ausgeblendet: enthält „{ $word }“
timeline-show-hidden = Zeigen
timeline-reply = Antworten
timeline-quote = Zitieren
timeline-message = Nachricht
timeline-message-hover = @{ $name } direkt schreiben
timeline-sending = wird gesendet…
timeline-waiting = wartet auf Verbindung
timeline-sent = gesendet
timeline-a-tweet = ein Tweet
timeline-quote-not-here = (nicht in dieser Zeitleiste)
timeline-reply-to = Antwort an @{ $name }
timeline-reply-to-unknown = Antwort auf einen Tweet
timeline-show-conversation = Die Unterhaltung zeigen
timeline-spoken-reply-to = Antwort an @{ $name }
timeline-spoken-reply-to-unknown = Antwort auf einen Tweet

## Was Screenreader für Symbole und Live-Bereiche sagen

status-spoken-connecting = Verbinde mit { $broker }
status-spoken-offline = Offline ({ $broker }): { $reason }, neuer Versuch folgt
menu-spoken = Mehr: stummschalten, blockieren
reactions-spoken-like = { $count ->
    [0] Gefällt mir
    [one] Gefällt mir, { $count } Like
   *[other] Gefällt mir, { $count } Likes
}
reactions-spoken-unlike = { $count ->
    [0] „Gefällt mir“ zurücknehmen
    [one] „Gefällt mir“ zurücknehmen, { $count } Like
   *[other] „Gefällt mir“ zurücknehmen, { $count } Likes
}
reactions-spoken-repost = { $count ->
    [0] Reposten
    [one] Reposten, { $count } Repost
   *[other] Reposten, { $count } Reposts
}
reactions-spoken-unrepost = { $count ->
    [0] Repost zurücknehmen
    [one] Repost zurücknehmen, { $count } Repost
   *[other] Repost zurücknehmen, { $count } Reposts
}

## Die obere Leiste

top-username = Benutzername
top-username-hint = Name wählen
top-discover = Entdecken
top-messages = Nachrichten
top-messages-unread = Nachrichten ({ $count })
top-messages-hover = Direktnachrichten
top-diagnostics = Diagnose
top-settings = Einstellungen
top-broker = Broker
top-broker-hover = Das verwendete Broker-Profil: Wähle ein anderes, um zu wechseln
top-broker-this-run = { $broker } (nur jetzt)
top-broker-this-run-hover = Für diesen Start mit { $broker } verbunden, nicht mit einem gespeicherten Profil: Wähle eines, um dorthin zu wechseln.

## Die Seitenleiste: Hashtags

hashtags-heading = Hashtags
hashtags-explained = Anhaken, um zu folgen
hashtags-add-label = Hashtag hinzufügen
hashtags-all-tweets = Alle Tweets
hashtags-mentions = Erwähnungen
hashtags-mentions-unread = Erwähnungen  ({ $count })
hashtags-mentions-hover = Tweets, die dich nennen (@du) oder auf deine antworten
hashtags-remove = #{ $tag } entfernen
hashtags-show-only = { $count ->
    [0] Nur #{ $tag } zeigen
   *[other] Nur #{ $tag } zeigen, { $count } neu
}

## Einstellungen

settings-title = Einstellungen
settings-identity = Identität…
settings-identity-hover = Fingerabdruck deines Schlüssels, Profil, Export und Import
settings-apply = Übernehmen
settings-cancel = Abbrechen
settings-profile = Profil
settings-profile-new = Neu
settings-profile-delete = Löschen
settings-profile-new-name = Neues Profil { $number }
settings-profile-error = Profil „{ $name }“: { $error }
settings-profile-twice = Zwei Profile heißen „{ $name }“
settings-classic = Klassisches Format („Benutzer: Text“ veröffentlichen)
settings-classic-hover = Für klassische Clients, die reinen Text zeigen; Chirp zeigt deine Tweets trotzdem.
settings-retain = Meinen neuesten Tweet je Hashtag für Neue aufbewahren
settings-retain-hover = Als „retained“ veröffentlicht: Der Broker behält den neuesten Tweet jedes Hashtags und gibt ihn allen, die dem Hashtag als Nächste folgen.
settings-notify = Erwähnungen und Nachrichten im Hintergrund melden
settings-notify-hover = Eine Desktop-Benachrichtigung, nur wenn das Fenster nicht im Vordergrund ist.
settings-keep-tweets = Tweets behalten
settings-keep-tweets-hover = So viele der neuesten werden gezeigt und gespeichert; gilt ab dem nächsten Start.
profile-error-no-name = gib dem Profil einen Namen
profile-error-port = „{ $port }“ ist kein Port (1–65535)

## Einstellungen → Darstellung

appearance-theme = Design
appearance-system = System
appearance-system-hover = Der hellen oder dunklen Einstellung des Desktops folgen
appearance-light = Hell
appearance-light-hover = Dunkler Text auf hellem Hintergrund
appearance-dark = Dunkel
appearance-dark-hover = Heller Text auf dunklem Hintergrund
appearance-zoom = Zoom
appearance-zoom-hover = Strg+= größer, Strg+- kleiner, Strg+0 zurück auf 100 %
appearance-zoom-reset = Zoom zurücksetzen
appearance-zoom-reset-spoken = Zoom auf 100 % zurücksetzen

## Tastenkürzel (die Übersicht, die ? öffnet). Die Tasten, wie die Tastatur sie beschriftet.

shortcuts-title = Tastenkürzel
shortcuts-typing = Buchstabentasten warten, solange du in einem Textfeld tippst; Esc verlässt es.
shortcut-new-keys = n  oder  Strg+N
shortcut-new = Einen neuen Tweet schreiben
shortcut-select-keys = j  /  k
shortcut-select = Den nächsten / vorigen Tweet auswählen
shortcut-reply-keys = r
shortcut-reply = Auf den ausgewählten Tweet antworten
shortcut-like-keys = l
shortcut-like = Den ausgewählten Tweet liken oder das Like zurücknehmen
shortcut-message-keys = m
shortcut-message = Dem Autor des ausgewählten Tweets schreiben
shortcut-conversation-keys = o
shortcut-conversation = Die Unterhaltung des ausgewählten Tweets öffnen
shortcut-toggle-keys = Tab, dann Enter
shortcut-toggle = Den fokussierten Hashtag oder Knopf umschalten
shortcut-home-keys = g  h
shortcut-home = Zur Startseite: alle Tweets
shortcut-mentions-keys = g  m
shortcut-mentions = Zu den Erwähnungen
shortcut-messages-keys = g  d
shortcut-messages = Zu den Direktnachrichten
shortcut-search-keys = /  oder  Strg+F
shortcut-search = Suchen
shortcut-settings-keys = Strg+,
shortcut-settings = Einstellungen
shortcut-zoom-keys = Strg+=  /  Strg+-  /  Strg+0
shortcut-zoom = Vergrößern / verkleinern / zurück auf 100 %
shortcut-close-keys = Esc
shortcut-close = Das oberste Fenster, Feld oder die Auswahl schließen
shortcut-sheet-keys = ?
shortcut-sheet = Diese Übersicht zeigen

compose-post-hover = Strg+Enter

## Die Begrüßung beim ersten Start

welcome-title = Willkommen bei Chirp
welcome-explained = Kurze Posts unter #Hashtags, übertragen von einem MQTT-Broker.
welcome-start = Los geht’s
welcome-skip = Überspringen
welcome-username = Wähle einen Benutzernamen
welcome-username-hint = z. B. ada_l
welcome-username-rules = Buchstaben, Ziffern, _ oder -, bis zu 32. Andere sehen ihn bei deinen Tweets.
welcome-username-online = @{ $name } ist gerade online: Vielleicht nutzt jemand anderes diesen Namen.
welcome-username-ok = Du postest als @{ $name }.
welcome-hashtags = Folge ein paar Hashtags
welcome-hashtag-hint = #weiterer
welcome-add-hashtag = Hashtag hinzufügen
welcome-broker = Wohin deine Tweets gehen
welcome-broker-address = Chirp verbindet sich mit { $broker }.
welcome-broker-public = Das ist ein öffentlicher Broker: Alle können alles lesen, was dort gepostet wird. Poste nichts, was du nicht an ein Schwarzes Brett hängen würdest.
welcome-broker-private = Alle, die sich mit diesem Broker verbinden können, können lesen, was dort gepostet wird.
welcome-broker-later = Einen anderen Broker kannst du jederzeit in den Einstellungen wählen.

## Einstellungen → Einstellungen exportieren… / importieren…

transfer-export-button = Einstellungen exportieren…
transfer-export-button-hover = Profile, Hashtags, Personen, Stummschaltungen und Darstellung, ohne Passwörter
transfer-import-button = Einstellungen importieren…
transfer-import-button-hover = Eine von Chirp exportierte Einstellungsdatei übernehmen: Du siehst vorher, was sich ändert
transfer-export-title = Einstellungen exportieren
transfer-import-title = Einstellungen importieren
transfer-export-explained = Profile, Hashtags, Personen, Stummschaltungen und Darstellung als eine JSON-Datei zum Importieren auf einem anderen Computer. Passwörter und Schlüssel sind nie darin.
transfer-export-path = Exportieren nach
transfer-export = Exportieren
transfer-import-explained = Fügt hinzu, was die Datei hat und diesem Chirp fehlt, und folgt dem, dem sie folgt. Hier wird nichts entfernt. Du siehst jede Änderung, bevor sie gemacht wird.
transfer-import-path = Importieren aus
transfer-show-changes = Änderungen zeigen
transfer-import = Importieren
transfer-cancel = Abbrechen
transfer-nothing-to-change = Nichts zu ändern: Dieses Chirp hat schon alles.
transfer-will = Der Import dieser Datei wird:
transfer-imported = { $count ->
    [one] Importiert: { $count } Änderung vorgenommen.
   *[other] Importiert: { $count } Änderungen vorgenommen.
}
transfer-saved = Gespeichert unter { $path }.
transfer-not-saved = Nicht gespeichert: { $error }.
transfer-not-imported = Nicht importiert, nichts geändert: { $error }.
transfer-not-started = Konnte nicht starten: { $error }.
transfer-lost = Die Datei konnte nicht verarbeitet werden.
