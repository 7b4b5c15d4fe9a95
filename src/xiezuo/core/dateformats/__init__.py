"""One date format in both languages (settings.FORMAT_MODULE_PATH): 2020-03-05 and
2020-03-05 14:30, as forms and exports write them, instead of Django's 2020年3月5日 / March 5,
2020. A page that writes |date:"Y-m-d" and one that writes {{ day }} now agree."""
