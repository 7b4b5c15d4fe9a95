"""Reading a roster file (建档立卡花名册) and checking its rows: pure functions, no database.

`read.read_roster(path)` finds the header and returns the raw rows; `rules.check_rows(...)` turns
them into households and people or into errors naming the row, the column and the value. The one
service that writes is `registry.services.household_import`.
"""
