"""Records: what a clinic files and trusts after each ending.

forms.py (the versioned form text), pdf.py and fonts.py (the signed PDF), store.py and
migrations.py (SQLite, the hash-chained event log), letters.py, mail.py and outbox.py (the
emails and their delivery), attempts.py (reference look-up with its lock), keeper.py (the
`RecordKeeper` the conversation files with), verify.py and commands.py (the clinician's
commands). Importing this package is cheap: fpdf2 and SQLite load only where they are needed.
"""
