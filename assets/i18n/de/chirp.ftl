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
