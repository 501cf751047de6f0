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

## Messages (direct messages)

messages-title = Messages
messages-to = To
messages-to-hint = username
messages-new = New
messages-no-conversations = No conversations yet
messages-pick-person = Pick a person, or start a new message
messages-none = No messages yet
messages-your-message = Your message
messages-draft-hint = to @{ $user }
messages-send = 🔒 Send
messages-send-unencrypted = Send unencrypted
messages-send-unencrypted-hover = Anyone on this broker can read it
messages-private = 🔒 End-to-end encrypted: only @{ $user } can read these messages. Who writes to whom, and when, is still visible to anyone on the broker.
messages-not-private-no-identity = Not private: this computer has no identity to sign and encrypt with, so anyone on this broker can read these messages.
messages-not-private-no-key = Not private: @{ $user } has published no key, so messages to them are not encrypted and anyone on this broker can read them.
messages-sending = sending…
messages-waiting = waiting for connection

## The person card

person-close = Close
person-no-profile = no profile yet
person-follow = Follow @{ $name }
person-follow-hover = Get everything they post, whatever the hashtag
person-unfollow = Unfollow
person-unfollow-hover = Stop getting all @{ $name } posts
person-recent = Recent tweets
person-no-recent = none in the timeline
person-mute = Mute
person-mute-hover = Hide their tweets and mentions everywhere
person-block = Block
person-block-hover = Mute, and drop their direct messages too
person-unmute = Unmute
person-unblock = Unblock
person-no-key = No key pinned: the next signed tweet under this name pins one.
person-other-key = Other key
person-other-key-hover = Another key signed tweets under this name
person-trust-new-key = Trust this new key
# $new and $old are key fingerprints.
person-trust-question = Trust { $new } as @{ $name } from now on? Tweets signed by the old key ({ $old }) will then show as not the @{ $name } you know.
person-trust-question-no-old = Trust { $new } as @{ $name } from now on? Tweets signed by the old key will then show as not the @{ $name } you know.
person-trust-confirm = Yes, trust it
person-trust-cancel = Cancel
person-pinned-key = Pinned key
person-pinned-key-hover = The key trusted for this name: its tweets show as verified
person-copy-key = Copy key
person-copy-key-hover = Copy the full key (hex)
person-first-seen = First seen
person-forget-key = Forget key
person-forget-key-hover = Unpin it: the next key seen signing under this name is pinned instead
person-full-key = Full key: { $key }

## Signature badges on a tweet

badge-unsigned = unsigned
badge-unsigned-hover = No signature: anybody could have written this under that name.
badge-unsigned-signer = unsigned: @{ $name } signs, this is not signed
badge-unsigned-signer-hover = @{ $name } signs their tweets with a key pinned here; this one has no signature, so it may not be them.
badge-verified = ✔ verified
badge-verified-hover = Signed by the key pinned for @{ $name }: { $fingerprint }
badge-new-key = new key
badge-new-key-hover = First time this name is seen: its key is pinned now (trust on first use). Fingerprint { $fingerprint }
badge-checking = checking…
badge-checking-hover = Signed with the key pinned for @{ $name }; the signature is being checked. A forged one disappears.
badge-impostor = ⚠ not the @{ $name } you know
badge-impostor-hover = Another key signed this under the name @{ $name }: { $key } is not the one pinned for it ({ $pinned }). Somebody else may be using the name. Click to compare keys, or to trust the new one if @{ $name } really changed keys.
badge-impostor-hover-no-pin = Another key signed this under the name @{ $name }: { $key } is not the one pinned for it. Somebody else may be using the name. Click to compare keys, or to trust the new one if @{ $name } really changed keys.

## Settings: a connection profile

profile-name = Name
profile-transport = Transport
profile-transport-tcp = MQTT (TCP)
profile-transport-tls = MQTT over TLS
profile-transport-ws = WebSocket
profile-transport-wss = Secure WebSocket
profile-host = Host
profile-port = Port
profile-path = Path
profile-login = Login
profile-login-hint = none: anonymous
profile-password = Password
profile-password-in-keyring = saved in the keyring
profile-password-in-file = saved in the settings file
profile-client-id = Client id
profile-client-id-hint = this computer's own
profile-keep-alive = Keep-alive (s)
profile-topic-root = Topic root
profile-delivery = Delivery
profile-delivery-hover = QoS 1: the broker confirms every tweet and nothing is lost. QoS 0: faster, but a tweet in flight when the connection drops is lost.
profile-qos-0 = QoS 0 (at most once)
profile-qos-1 = QoS 1 (at least once)
profile-ca-file = CA file
profile-ca-file-hint = none: the system's roots
profile-accept-invalid = Accept invalid certificates
profile-invalid-certs-warning = ⚠ The broker's certificate is not checked: the connection is encrypted, but an impostor could read and change it. Only for testing.

## Discover

discover-title = Discover
discover-explained = Every hashtag on this broker, most active first
discover-empty = Nothing yet: hashtags appear here as tweets arrive.
discover-hashtag = Hashtag
discover-five-minutes = 5 min
discover-hour = Hour
discover-last-hour = Last hour
discover-following = following
discover-follow = Follow
discover-follow-hover = Follow #{ $tag }
discover-busiest-minute = { $count ->
    [one] busiest minute: { $count } tweet
   *[other] busiest minute: { $count } tweets
}

## Settings: Muted

muted-title = Muted ({ $count })
muted-hover = People, words and hashtags muted, and the flood guard
muted-limits = Up to { $limit } people, { $limit } words and { $limit } hashtags.
muted-word = Mute word
muted-word-hint = word, #tag or @name
muted-add-word = Add word
muted-nothing = Nothing muted.
muted-page = { $page } of { $pages }
muted-line-muted = @{ $name } (muted)
muted-line-muted-by-key = @{ $name } (muted, by key)
muted-line-blocked = @{ $name } (blocked)
muted-line-blocked-by-key = @{ $name } (blocked, by key)
muted-line-word = '{ $word }' (word)
muted-line-hashtag = #{ $tag } (in All tweets)
muted-undo = Undo
muted-undo-hover = Unmute
# "Collapse an author past [ 60 ] tweets a minute"
muted-flood-before = Collapse an author past
muted-flood-after = tweets a minute
muted-flood-hover = 0 turns the flood guard off

## Likes and reposts

reactions-reposted = { $others ->
    [0] @{ $name } reposted
    [one] @{ $name } and { $others } other reposted
   *[other] @{ $name } and { $others } others reposted
}
reactions-like = Like
reactions-unlike = Unlike
reactions-repost = Repost to your followers
reactions-unrepost = Undo repost
reactions-delete = 🗑 Delete
reactions-delete-hover = Take this tweet back: signed, so only you can
reactions-needs-identity = Needs your identity (Settings → Identity)

## The flood guard's lines above the timeline

flood-line = @{ $name }: { $count ->
    [one] { $count } more tweet in the last minute —
   *[other] { $count } more tweets in the last minute —
}
flood-line-unknown = unknown author: { $count ->
    [one] { $count } more tweet in the last minute —
   *[other] { $count } more tweets in the last minute —
}
flood-hover = Held back: this author posts faster than Settings allow
flood-show = Show
flood-more-authors = { $authors ->
    [one] and { $authors } more author
   *[other] and { $authors } more authors
}: { $count ->
    [one] { $count } tweet held back
   *[other] { $count } tweets held back
}

## The side panel: People

add-button = Add
people-heading = People
people-explained = Tick to follow all they post
people-add-label = Add a person
people-add-spoken = Add person
people-full = at most { $limit } people: remove one first
people-remove = Remove @{ $name }
people-show-only = { $count ->
    [0] Show only @{ $name }'s tweets
   *[other] Show only @{ $name }'s tweets, { $count } new
}

## The compose box

compose-new-tweet = New tweet
compose-reply = Reply to @{ $name }
compose-reply-unknown = Reply to a tweet
compose-cancel-reply = Cancel reply
compose-quote = Quote @{ $name }
compose-quote-unknown = Quote a tweet
compose-cancel-quote = Cancel quote
compose-hint = What's happening? Write #hashtags to post under them.
compose-reply-hint = Write your reply
compose-under = Under
compose-post-to = Post to
compose-post = Post
compose-no-extra-hashtag = no extra hashtag
compose-error-no-username = choose a username first
compose-error-empty = write something first
compose-error-too-long = { $count } characters: a tweet can have at most { $limit }
compose-error-no-hashtag = add a hashtag: write #tag in the text or pick one
compose-error-quote-needs-identity = a quote is signed: it needs your identity (Settings → Identity)

## Settings: hosting a broker

host-heading = Host a broker on this computer
host-starting = Starting the broker…
host-port = Listen on port
host-start = Start broker
host-start-hover = Others on your network can then connect to this computer.
host-bad-port = "{ $text }" is not a port: enter 1-65535 (0: any free port)
host-not-started = Could not start the broker: { $error }
host-thread-ended = The broker could not start: its starting thread ended unexpectedly.
# $port is written as digits, never grouped.
host-running = Running on port { $port } — others enter:
host-no-address = No network address found: only this computer can connect.
host-local = On this computer: { $address }. It runs until Chirp closes.
host-lock = Lock it with a users file (and TLS)
host-users = Users file
host-users-hint = optional: only its users may connect
host-cert = TLS certificate
host-key = TLS key
host-file-hint = optional: a PEM file
host-users-how = Make a users file with “chirp broker adduser NAME --users FILE”.
host-tls-both = Give both a TLS certificate and its key, or neither.
host-locked = Locked: only the users in { $file } can connect, with their password.
host-tls = Encrypted with TLS: others enter mqtts:// and must trust this certificate.
host-open-warning = Anyone on your network can read and post here: this broker asks for no password. To lock it, close Chirp, open it again and start the broker with a users file.

## A narrowed timeline: a tag, a person, Mentions, a conversation, a search

filtered-no-mentions = No mentions yet
filtered-nothing = Nothing matches
filtered-search = Search
filtered-search-hint = words, @user, #tag
filtered-close = Close
filtered-only = only
filtered-mentions = Mentions
filtered-mentions-no-username = choose a username first
filtered-mentions-of = Mentions of @{ $name }
filtered-mentions-note = and replies to you
filtered-conversation = Conversation
filtered-conversation-note = newest first
filtered-show-all = Show all tweets

## Timeline cards

timeline-empty = No tweets yet
timeline-empty-hint = Tick a hashtag on the left to follow it, or post the first tweet.
timeline-deleted = deleted by its author
timeline-unknown-author = unknown author
timeline-you = you
timeline-author-hover = Who this is: their key, and whether to trust it
timeline-online-now = online now
timeline-hidden = hidden: matches '{ $word }'
timeline-show-hidden = Show
timeline-reply = Reply
timeline-quote = Quote
timeline-message = Message
timeline-message-hover = Write to @{ $name } directly
timeline-sending = sending…
timeline-waiting = waiting for connection
timeline-sent = sent
timeline-a-tweet = a tweet
timeline-quote-not-here = (not in this timeline)
timeline-reply-to = in reply to @{ $name }
timeline-reply-to-unknown = in reply to a tweet
timeline-show-conversation = Show the conversation
# Read out by screen readers, within a card's one-line label.
timeline-spoken-reply-to = in reply to @{ $name }
timeline-spoken-reply-to-unknown = in reply to a tweet

## What screen readers say for icons and live regions

status-spoken-connecting = Connecting to { $broker }
status-spoken-offline = Offline ({ $broker }): { $reason }, retrying
menu-spoken = More: mute, block
reactions-spoken-like = { $count ->
    [0] Like
    [one] Like, { $count } like
   *[other] Like, { $count } likes
}
reactions-spoken-unlike = { $count ->
    [0] Unlike
    [one] Unlike, { $count } like
   *[other] Unlike, { $count } likes
}
reactions-spoken-repost = { $count ->
    [0] Repost
    [one] Repost, { $count } repost
   *[other] Repost, { $count } reposts
}
reactions-spoken-unrepost = { $count ->
    [0] Undo repost
    [one] Undo repost, { $count } repost
   *[other] Undo repost, { $count } reposts
}

## The top bar

top-username = Username
top-username-hint = pick a name
top-discover = Discover
top-messages = Messages
top-messages-unread = Messages ({ $count })
top-messages-hover = Direct messages
top-diagnostics = Diagnostics
top-settings = Settings
top-broker = Broker
top-broker-hover = The broker profile in use: pick another to switch
top-broker-this-run = { $broker } (this run)
top-broker-this-run-hover = Connected to { $broker } for this run only, not to a saved profile: pick one to switch to it.

## The side panel: Hashtags

hashtags-heading = Hashtags
hashtags-explained = Tick to follow
hashtags-add-label = Add a hashtag
hashtags-all-tweets = All tweets
hashtags-mentions = Mentions
hashtags-mentions-unread = Mentions  ({ $count })
hashtags-mentions-hover = Tweets that name you (@you) or answer yours
hashtags-remove = Remove #{ $tag }
hashtags-show-only = { $count ->
    [0] Show only #{ $tag }
   *[other] Show only #{ $tag }, { $count } new
}

## Settings

settings-title = Settings
settings-identity = Identity…
settings-identity-hover = Your key's fingerprint, profile, export and import
settings-apply = Apply
settings-cancel = Cancel
settings-profile = Profile
settings-profile-new = New
settings-profile-delete = Delete
# $number is written as digits.
settings-profile-new-name = New profile { $number }
settings-profile-error = Profile "{ $name }": { $error }
settings-profile-twice = Two profiles are called "{ $name }"
settings-classic = Classic format (publish "user: text")
settings-classic-hover = For classic clients that show plain text; Chirp readers still show your tweets.
settings-retain = Keep my newest tweet on each hashtag for newcomers
settings-retain-hover = Published retained: the broker keeps each hashtag's newest tweet and gives it to whoever follows the hashtag next.
settings-notify = Notify me of mentions and messages in the background
settings-notify-hover = A desktop notification, only when the window is not focused.
settings-keep-tweets = Keep tweets
settings-keep-tweets-hover = The newest this many are shown and kept on disk; takes effect at the next start.
profile-error-no-name = give the profile a name
profile-error-port = "{ $port }" is not a port (1-65535)

## Settings → Appearance

appearance-theme = Theme
appearance-system = System
appearance-system-hover = Follow the desktop's light or dark setting
appearance-light = Light
appearance-light-hover = Dark text on a light background
appearance-dark = Dark
appearance-dark-hover = Light text on a dark background
appearance-zoom = Zoom
appearance-zoom-hover = Ctrl+= larger, Ctrl+- smaller, Ctrl+0 back to 100 %
appearance-zoom-reset = Reset the zoom
appearance-zoom-reset-spoken = Reset the zoom to 100 %

## Keyboard shortcuts (the sheet ? opens). The keys as the keyboard labels them.

shortcuts-title = Keyboard shortcuts
shortcuts-typing = Letter keys wait while you type in a text field; Esc leaves it.
shortcut-new-keys = n  or  Ctrl+N
shortcut-new = Write a new tweet
shortcut-select-keys = j  /  k
shortcut-select = Select the next / previous tweet
shortcut-reply-keys = r
shortcut-reply = Reply to the selected tweet
shortcut-like-keys = l
shortcut-like = Like or unlike the selected tweet
shortcut-message-keys = m
shortcut-message = Message the selected tweet's author
shortcut-conversation-keys = o
shortcut-conversation = Open the selected tweet's conversation
shortcut-toggle-keys = Tab, then Enter
shortcut-toggle = Toggle the focused hashtag or button
shortcut-home-keys = g  h
shortcut-home = Go home: all tweets
shortcut-mentions-keys = g  m
shortcut-mentions = Go to mentions
shortcut-messages-keys = g  d
shortcut-messages = Go to direct messages
shortcut-search-keys = /  or  Ctrl+F
shortcut-search = Search
shortcut-settings-keys = Ctrl+,
shortcut-settings = Settings
shortcut-zoom-keys = Ctrl+=  /  Ctrl+-  /  Ctrl+0
shortcut-zoom = Zoom in / out / back to 100 %
shortcut-close-keys = Esc
shortcut-close = Close the topmost window, box or selection
shortcut-sheet-keys = ?
shortcut-sheet = Show this sheet

compose-post-hover = Ctrl+Enter

## The first-run welcome

welcome-title = Welcome to Chirp
welcome-explained = Short posts under #hashtags, carried by an MQTT broker.
welcome-start = Start
welcome-skip = Skip
welcome-username = Pick a username
welcome-username-hint = e.g. ada_l
welcome-username-rules = Letters, digits, _ or -, up to 32. Others see it on your tweets.
welcome-username-online = @{ $name } is online right now: someone else may be using it.
welcome-username-ok = You will post as @{ $name }.
welcome-hashtags = Follow a few hashtags
welcome-hashtag-hint = #another
welcome-add-hashtag = Add hashtag
welcome-broker = Where your tweets go
welcome-broker-address = Chirp connects to { $broker }.
welcome-broker-public = It is a public broker: everyone can read everything posted there. Post nothing you would not put on a notice board.
welcome-broker-private = Everyone who can connect to this broker can read what is posted there.
welcome-broker-later = You can pick another broker any time in Settings.

## Settings → Export settings… / Import settings…

transfer-export-button = Export settings…
transfer-export-button-hover = Profiles, hashtags, people, mutes and appearance, without passwords
transfer-import-button = Import settings…
transfer-import-button-hover = Merge a settings file exported by Chirp: you see what changes first
transfer-export-title = Export settings
transfer-import-title = Import settings
transfer-export-explained = Profiles, hashtags, people, mutes and appearance, as one JSON file to import on another computer. Passwords and keys are never in it.
transfer-export-path = Export to file
transfer-export = Export
transfer-import-explained = Adds what the file has and this Chirp lacks, and follows what it follows. Nothing here is removed. You see every change before it is made.
transfer-import-path = Import from file
transfer-show-changes = Show changes
transfer-import = Import
transfer-cancel = Cancel
transfer-nothing-to-change = Nothing to change: this Chirp has all of it already.
transfer-will = Importing this file will:
transfer-imported = { $count ->
    [one] Imported: { $count } change made.
   *[other] Imported: { $count } changes made.
}
transfer-saved = Saved to { $path }.
transfer-not-saved = Not saved: { $error }.
transfer-not-imported = Not imported, nothing changed: { $error }.
transfer-not-started = Could not start: { $error }.
transfer-lost = The file could not be handled.
