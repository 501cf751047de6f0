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
