"""The import and export frame shared by every part: reading spreadsheets, checking rows,
reporting errors, writing results. It sits below the parts and imports none of them."""
