# Chirp's window in English. Every key here is in every other locale too
# (a test says which are missing). Numbers passed as arguments are grouped
# the language's way ("1,234"); plurals select on them:
#   { $count -> [one] … *[other] … }

## Language (Settings)

language-label = Language
# The first choice: whatever the desktop's locale says, named in itself.
language-system = System ({ $language })
language-system-hover = Follows the desktop's language (LC_ALL, LC_MESSAGES or LANG). Applies at once.

## Timeline

timeline-new-tweets = { $count ->
    [one] { $count } new tweet: back to top
   *[other] { $count } new tweets: back to top
}

## Times and dates

time-just-now = just now
time-seconds-ago = { $count ->
    [one] { $count } second ago
   *[other] { $count } seconds ago
}
time-minutes-ago = { $count ->
    [one] { $count } minute ago
   *[other] { $count } minutes ago
}
time-hours-ago = { $count ->
    [one] { $count } hour ago
   *[other] { $count } hours ago
}
time-days-ago = { $count ->
    [one] { $count } day ago
   *[other] { $count } days ago
}
# $day a number, $month a month's name below, $year four digits.
date = { $day } { $month } { $year }
# $weekday a weekday's name below, $date the date above, $time 14:05:09.
date-time = { $weekday } { $date }, { $time }

month-january = January
month-february = February
month-march = March
month-april = April
month-may = May
month-june = June
month-july = July
month-august = August
month-september = September
month-october = October
month-november = November
month-december = December

weekday-monday = Monday
weekday-tuesday = Tuesday
weekday-wednesday = Wednesday
weekday-thursday = Thursday
weekday-friday = Friday
weekday-saturday = Saturday
weekday-sunday = Sunday

## Notices (banners above the timeline, until dismissed)
# $error and $reason are the system's or the network's own words (English).

notice-dismiss = Dismiss
notice-settings-not-saved = Settings not saved: { $error }
notice-history-not-kept = History is not being kept: { $reason }. Unsent tweets are lost if Chirp closes.
notice-reacting-needs-identity = Reacting needs your identity (Settings → Identity).
# $kind: like, unlike, repost, unrepost or delete.
notice-reaction-failed = Could not { $kind }: { $error }
notice-mute-list-full = The mute list is full ({ $limit } of a kind): undo some in Settings → Muted first.
notice-not-locked = Could not lock { $path }: { $error }
notice-second-window = Chirp is already open with this profile. This window uses its own temporary connection and keeps no history or unsent tweets when closed.
notice-no-identity = Your identity could not be loaded: { $error }. Tweets are sent unsigned this time.
notice-settings-moved-aside = { $error }. It was moved to { $path } and the defaults are used.
notice-settings-not-moved = { $error }. It could not be moved aside ({ $reason }); the defaults are used.
notice-settings-defaults = { $error }. The defaults are used.

## Passwords

password-none-in-keyring = No password for { $account } in the keyring: enter it in Settings.
password-unreadable = The password for { $account } could not be read from the keyring: { $error }. Enter it again in Settings.
password-not-stored = Your password for { $account } was not saved in the keyring: { $error }. It is used until Chirp closes.
password-not-removed = An old password could not be removed from the keyring: { $error }
password-in-settings-file = { $reason }: the password of "{ $profile }" is saved in Chirp's settings file, readable by anyone who can read your files.

## Desktop notifications

notify-mention = @{ $user } mentioned you
notify-mention-unknown = Someone mentioned you
notify-message = Message from @{ $user }

## Connection status

status-connecting = Connecting to { $broker }…
status-connected = Connected to { $broker }
status-offline = Offline ({ $broker }): { $reason } — retrying in { $seconds } s

## Diagnostics

diagnostics-title = Diagnostics
diagnostics-connection = Connection
diagnostics-last-error = Last error
diagnostics-none = none
diagnostics-error-at = { $reason } (at { $time })
diagnostics-reconnects = Reconnects
diagnostics-unsent = Unsent tweets
diagnostics-received = Tweets received
diagnostics-dropped = Payloads dropped
diagnostics-dropped-last = { $count } (last: { $last })
diagnostics-count = { $count }
diagnostics-overflowed = Events over capacity
diagnostics-timeline = Timeline
diagnostics-timeline-size = { $count } of at most { $limit } tweets
diagnostics-client-id = Client id
diagnostics-round-trip = Round trip of your tweets
diagnostics-no-round-trip = none yet (post under a tag you follow)
# $latest and $median are milliseconds with one decimal, already written the language's way.
diagnostics-round-trip-figures = { $latest } ms latest, { $median } ms median of { $count }
diagnostics-notifications = Desktop notifications
diagnostics-notifications-off = off (Settings)
diagnostics-notifications-on = on, while Chirp is in the background
diagnostics-forged = Forged (dropped)
diagnostics-replayed = Replayed onto another tag (dropped)
diagnostics-broker-figures = Broker figures
diagnostics-no-broker-figures = none published ($SYS)
diagnostics-log-file = Log file
diagnostics-no-log-file = none (no home directory)
diagnostics-open-folder = Open folder

## Closing with unsent tweets

close-guard-heading = Tweets not sent yet
close-guard-text = { $count ->
    [one] { $count } tweet has not reached the broker yet. If you quit now it is lost.
   *[other] { $count } tweets have not reached the broker yet. If you quit now they are lost.
}
close-guard-keep-open = Keep Chirp open
close-guard-quit = Quit anyway

## Online now

online-heading = Online now · { $count }
online-since = online since { $time }
online-more = and { $count } more

## A tweet's "…" menu

menu-hover = Mute, block
menu-mute-person = Mute @{ $name }
menu-block-person = Block @{ $name }
menu-block-hover = Also drops their direct messages
menu-mute-hashtag = Mute #{ $tag } in All tweets

## Settings → Identity

identity-title = Identity
identity-none = No identity: your tweets go out unsigned (see the notice).
identity-fingerprint = Your fingerprint
identity-whole-key = Your whole public key: { $key }
identity-copy-key = Copy key
identity-home-keyring = Others see this on your tweets. Your secret key is kept in the desktop keyring.
identity-home-file = Others see this on your tweets. Your secret key is kept in { $path } (readable by you only).
identity-home-nowhere = Others see this on your tweets. Your secret key is kept nowhere yet.
identity-profile = Profile
identity-display-name = Display name
identity-bio = Bio
identity-save-profile = Save profile
identity-export-heading = Export identity…
identity-export-explained = A file to import on your other computer, locked with a passphrase. Anyone with the file and the passphrase can post as you.
identity-export-path = Export to file
identity-passphrase = Passphrase
identity-passphrase-again = Passphrase again
identity-export = Export
identity-choose-file = choose a file
identity-passphrases-differ = the two passphrases differ
identity-import-heading = Import identity…
identity-import-explained = Use the identity exported on another computer: it replaces this one.
identity-import-path = Import from file
identity-import-passphrase = Its passphrase
identity-import = Import
identity-new = Create a new identity…
identity-new-warning = Everyone who knows you will see a new key: your next tweets show as "⚠ not the one you know" until they trust it. Export this identity first if you may want it back.
identity-new-confirm = Create the new identity
identity-new-cancel = Keep this one
identity-report-nothing-to-export = no identity to export
identity-report-profile-saved = Profile saved and published.
identity-report-exported = Exported to { $path }.
identity-report-not-exported = Not exported: { $error }
identity-report-not-read = Not imported: { $error }
identity-report-not-imported = Not imported, nothing changed: { $error }
identity-report-not-replaced = Not replaced, nothing changed: { $error }
identity-report-not-started = could not start: { $error }
identity-report-no-store = This window keeps no identity (no data directory).
identity-report-created = A new identity is in use: fingerprint { $fingerprint }.
identity-report-imported = Imported: fingerprint { $fingerprint }.
